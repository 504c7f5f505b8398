/**
 * A model written into the IAM API export layout and imported back answers every question the
 * same way: every user × RDS action × project, with the real catalog.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { can } from '../../src/engine/can.js';
import { Evaluator } from '../../src/engine/evaluator.js';
import { buildGraph } from '../../src/graph/build.js';
import { importIamExport } from '../../src/import/iam-api/read.js';
import { writeIamExport } from '../../src/import/iam-api/write.js';
import { readModelFiles, type LoadedFile } from '../../src/model/load.js';
import { resolveModel } from '../../src/model/resolve.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const catalog = loadCatalog();
const now = new Date('2026-06-01T00:00:00Z');
const scratch = mkdtempSync(join(tmpdir(), 'permgraph-round-trip-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const models = [
  join(root, 'test/fixtures/import/round-trip.yaml'),
  ...readdirSync(join(root, 'examples')).map((name) =>
    join(root, 'examples', name, 'permgraph.yaml'),
  ),
];

function decisions(files: LoadedFile[]): Record<string, string> {
  const model = resolveModel(files, catalog);
  const evaluator = new Evaluator(buildGraph(model, catalog));
  const out: Record<string, string> = {};
  for (const user of [...model.users.keys()].sort()) {
    for (const project of model.projects.map((p) => p.name).sort()) {
      for (const action of catalog.actionsOf('rds')) {
        out[`${user} ${action.name} ${project}`] = can(evaluator, user, action.name, {
          project,
          now,
        }).decision;
      }
    }
  }
  return out;
}

describe('IAM API export round trip', () => {
  for (const path of models) {
    it(`${path.slice(root.length + 1)}: same decisions after export and import`, () => {
      const original = readModelFiles(path);
      const dir = join(scratch, path.split('/').slice(-2, -1)[0] as string);
      writeIamExport((original[0] as LoadedFile).data, catalog, dir, dirname(path));
      const imported = importIamExport(dir, catalog);
      expect(imported.warnings).toEqual([]);
      const before = decisions(original);
      expect(Object.keys(before).length).toBeGreaterThan(0);
      expect(decisions([imported.file])).toEqual(before);
    });
  }
});
