/**
 * A model written into the IAM API export layout and imported back answers every question the
 * same way: every user × RDS action × project, with the real catalog. The models are the
 * round-trip fixture, every example, and accounts made up by a generator (fast-check).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
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
  ...readdirSync(join(root, 'examples'))
    .map((name) => join(root, 'examples', name, 'permgraph.yaml'))
    .filter((file) => existsSync(file)),
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

const systemPermissions = [
  'RDS FullAccess',
  'RDS ReadOnlyAccess',
  'RDS ManageAccess',
  'RDS Administrator',
  'Server Administrator',
  'Tenant Guest',
  'Tenant Administrator',
  'KMS Administrator',
  'VPC Administrator',
  'IAM ReadOnlyAccess',
];
const actionPatterns = [
  'rds:*:*',
  'rds:instance:*',
  'rds:*:list*',
  'rds:*:get*',
  'rds:instance:delete',
  'rds:backup:create',
  'rds:param:modify',
  'vpc:*:get*',
];
const projectNames = ['cn-north-1', 'cn-north-4', 'cn-north-1_analytics'];

/** A generated account: projects, groups with grants at every kind of scope, custom policies. */
const accounts = fc
  .record({
    projects: fc.integer({ min: 1, max: 3 }),
    policies: fc.array(
      fc.record({
        type: fc.constantFrom('XA', 'AX'),
        statements: fc.array(
          fc.record({
            Effect: fc.constantFrom('Allow', 'Deny'),
            Action: fc.uniqueArray(fc.constantFrom(...actionPatterns), {
              minLength: 1,
              maxLength: 3,
            }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
      { maxLength: 3 },
    ),
    groups: fc.array(
      fc.array(fc.record({ permission: fc.nat(99), scope: fc.nat(99) }), { maxLength: 4 }),
      { minLength: 1, maxLength: 4 },
    ),
    users: fc.array(fc.array(fc.nat(9), { maxLength: 3 }), { minLength: 1, maxLength: 4 }),
  })
  .map(({ projects, policies, groups, users }) => {
    const scopes = [...projectNames.slice(0, projects), 'global', 'all'];
    const permissions = [...systemPermissions, ...policies.map((_, i) => `custom-${i}`)];
    return {
      version: 1,
      projects: projectNames.slice(0, projects).map((name) => ({ name })),
      policies: policies.map((p, i) => ({
        name: `custom-${i}`,
        type: p.type,
        document: { Version: '1.1', Statement: p.statements },
      })),
      groups: groups.map((grants, i) => ({
        name: `group-${i}`,
        grants: grants.map((g) => ({
          permission: permissions[g.permission % permissions.length],
          scope: scopes[g.scope % scopes.length],
        })),
      })),
      users: users.map((memberOf, i) => ({
        name: `user-${i}`,
        groups: [...new Set(memberOf.map((g) => `group-${g % groups.length}`))],
      })),
    };
  });

describe('IAM API export round trip of generated accounts', () => {
  it('gives the same decision for every user × RDS action × project', () => {
    let run = 0;
    fc.assert(
      fc.property(accounts, (account) => {
        const dir = join(scratch, `generated-${++run}`);
        const file = join(scratch, `generated-${run}.yaml`);
        writeFileSync(file, stringify(account));
        const original = readModelFiles(file);
        writeIamExport((original[0] as LoadedFile).data, catalog, dir);
        const imported = importIamExport(dir, catalog);
        expect(imported.warnings).toEqual([]);
        expect(decisions([imported.file])).toEqual(decisions(original));
      }),
      { numRuns: 25, seed: 20261203 },
    );
  });
});
