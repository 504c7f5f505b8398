/** Helpers for importer tests: scratch directories, export manifests, the real-inputs folder. */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPORT_FORMAT, MANIFEST } from '../../src/import/iam-api/layout.js';
import { modelToYaml } from '../../src/import/yaml.js';
import type { Catalog } from '../../src/catalog/catalog.js';
import { Evaluator } from '../../src/engine/evaluator.js';
import { buildGraph } from '../../src/graph/build.js';
import type { ImportResult } from '../../src/import/log.js';
import { resolveModel } from '../../src/model/resolve.js';

/** The repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** `../shared/real-inputs`, or undefined (with one line said) when this machine lacks it. */
export function realInputs(sub: string): string | undefined {
  const dir = join(root, '../shared/real-inputs', sub);
  if (existsSync(dir)) return dir;
  console.log(`real inputs ${dir} are absent: those tests are left out`);
  return undefined;
}

/** A fresh scratch directory. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `permgraph-${prefix}-`));
}

/** A response for an export: a file to list as it is, or a body to write into the export. */
export type ExportEntry = { request: string; file: string } | { request: string; body: unknown };

/** Writes an export directory: bodies as files, and the manifest listing every entry. */
export function writeExport(dir: string, entries: readonly ExportEntry[]): string {
  mkdirSync(dir, { recursive: true });
  const responses = entries.map((entry, i) => {
    if ('file' in entry) return { request: entry.request, file: entry.file };
    const file = `response-${i}.json`;
    writeFileSync(join(dir, file), JSON.stringify(entry.body, null, 2));
    return { request: entry.request, file };
  });
  writeFileSync(
    join(dir, MANIFEST),
    JSON.stringify({ format: EXPORT_FORMAT, version: 1, responses }, null, 2),
  );

  return dir;
}

/** An import's model as YAML, and its warnings as `file:line: message` with files shortened. */
export function summary(result: ImportResult): { yaml: string; warnings: string[] } {
  return {
    yaml: modelToYaml(result.file.data),
    warnings: result.warnings.map(
      (w) =>
        `${w.kind}: ${w.position ? `${shortFile(w.position.file)}:${w.position.line}: ` : ''}${w.message}`,
    ),
  };
}

function shortFile(file: string): string {
  return file.split('/').slice(-1)[0] as string;
}

/** Makes the parent directory of a file. */
export function ensureParent(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
}

/** A scratch directory holding one `main.tf` with `text`. */
export function writeTf(prefix: string, text: string): string {
  const dir = scratchDir(prefix);
  writeFileSync(join(dir, 'main.tf'), text);
  return dir;
}

/** An evaluator over what an import produced, to ask it as `-m` would. */
export function evaluatorOf(result: ImportResult, catalog: Catalog): Evaluator {
  return new Evaluator(buildGraph(resolveModel([result.file], catalog), catalog));
}

/** The provider region and the RDS FullAccess lookup most Terraform cases start with. */
export const tfPreamble = `provider "huaweicloud" {
  region = "cn-north-4"
}

data "huaweicloud_identity_role" "rds_full" {
  display_name = "RDS FullAccess"
}
`;
