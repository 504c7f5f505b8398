/**
 * What `-m` points at: a model (file or directory), a Terraform plan or `.tf` directory, or an
 * IAM API export directory, named with a prefix (`terraform:plan.json`, `iam-api:DIR`) or
 * recognised by its contents. One command then checks any of them, which is what CI needs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { Catalog } from '../catalog/catalog.js';
import { PermgraphError } from '../errors.js';
import { readModelFiles, type LoadedFile } from '../model/load.js';
import type { DliImportOptions } from './dli.js';
import { isExportDirectory } from './iam-api/layout.js';
import type { ImportResult, ImportWarning } from './log.js';
import type { TerraformImportOptions } from './terraform/import.js';

/** The kinds of input an import reads. */
export const importKinds = ['terraform', 'iam-api', 'dli'] as const;
/** One kind of imported input. */
export type ImportKind = (typeof importKinds)[number];

/** A model ready to resolve, with the warnings its import raised (none for a plain model). */
export interface ModelInput {
  kind: ImportKind | 'model';
  path: string;
  files: LoadedFile[];
  warnings: ImportWarning[];
}

/** Options of every import. */
export type ImportInputOptions = TerraformImportOptions & DliImportOptions;

/** Imports `path` as `kind`. */
export async function importInput(
  kind: ImportKind,
  path: string,
  catalog: Catalog,
  options: ImportInputOptions = {},
): Promise<ImportResult> {
  requireExists(path);
  // Each importer is loaded when its kind is read, so a command on a plain model does not
  // load the HCL parser (WebAssembly) and the export readers at start-up.
  if (kind === 'terraform') {
    const { importTerraform } = await import('./terraform/import.js');
    return importTerraform(path, catalog, options);
  }
  if (kind === 'iam-api') {
    const { importIamExport } = await import('./iam-api/read.js');
    return importIamExport(path, catalog, options);
  }
  const { importDli } = await import('./dli.js');
  return importDli(path, options);
}

/** Splits `terraform:PATH` / `iam-api:PATH` / `dli:PATH`; anything else is a path as given. */
export function parseModelSpec(spec: string): { kind: ImportKind | undefined; path: string } {
  const at = spec.indexOf(':');
  const prefix = at > 0 ? spec.slice(0, at) : '';
  return (importKinds as readonly string[]).includes(prefix)
    ? { kind: prefix as ImportKind, path: spec.slice(at + 1) }
    : { kind: undefined, path: spec };
}

/**
 * Loads a model from a `-m` value: the prefix when given, else what the path holds — an
 * export directory (its manifest), a directory of `.tf` files, a plan JSON (`planned_values`
 * or `resource_changes`), otherwise a model file or directory.
 */
export async function loadModelInput(
  spec: string,
  catalog: Catalog,
  options: ImportInputOptions = {},
): Promise<ModelInput> {
  const parsed = parseModelSpec(spec);
  const kind = parsed.kind ?? detectInputKind(parsed.path);
  if (kind === 'model')
    return { kind, path: parsed.path, files: readModelFiles(parsed.path), warnings: [] };
  const result = await importInput(kind, parsed.path, catalog, options);

  return { kind, path: parsed.path, files: [result.file], warnings: result.warnings };
}

/** Recognises an input by its contents. */
export function detectInputKind(path: string): ImportKind | 'model' {
  let directory: boolean;
  try {
    directory = statSync(path).isDirectory();
  } catch {
    return 'model';
  }
  if (directory) {
    if (isExportDirectory(path)) return 'iam-api';
    return readdirSync(path).some((name) => name.endsWith('.tf')) ? 'terraform' : 'model';
  }
  return path.toLowerCase().endsWith('.json') && looksLikePlan(path) ? 'terraform' : 'model';
}

function looksLikePlan(file: string): boolean {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return (
      typeof value === 'object' &&
      value !== null &&
      ('planned_values' in value || 'resource_changes' in value)
    );
  } catch {
    return false;
  }
}

function requireExists(path: string): void {
  try {
    statSync(path);
  } catch {
    throw new PermgraphError('E_READ', `cannot read ${path} (no such file or directory)`);
  }
}
