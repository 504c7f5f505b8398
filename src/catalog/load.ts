/**
 * Reads the catalog from `policies/` (and any `--catalog DIR` the user adds), validating every
 * file on load so that a broken entry names its file and position instead of failing later.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { PermgraphError } from '../errors.js';
import { readSourceFile, type SourceDocument } from '../model/source.js';
import type { PolicyDocument, Statement } from '../policy/types.js';
import { Catalog, type CatalogAction } from './catalog.js';
import { catalogDocumentSchema, catalogFileSchema, type CatalogFile } from './schema.js';
import { filesFromSnapshot, recordingFiles, type CatalogFileData } from './snapshot.js';

/** The catalog shipped with permgraph, next to `src/` and `dist/`. */
export const builtinCatalogDirectory = fileURLToPath(new URL('../../policies', import.meta.url));

/** The built-in catalog's snapshot: `dist/catalog-snapshot.json` (none beside `src/`). */
const builtinSnapshotPath = fileURLToPath(new URL('../catalog-snapshot.json', import.meta.url));

let cachedBuiltin: Catalog | undefined;

/** Loads the built-in catalog plus extra directories; the built-in one alone is cached. */
export function loadCatalog(extraDirectories: readonly string[] = []): Catalog {
  if (extraDirectories.length === 0 && cachedBuiltin) return cachedBuiltin;
  const catalog = loadCatalogFrom([builtinCatalogDirectory, ...extraDirectories]);
  if (extraDirectories.length === 0) cachedBuiltin = catalog;
  return catalog;
}

/** Loads a catalog from exactly these directories, later ones adding to earlier ones. */
export function loadCatalogFrom(directories: readonly string[]): Catalog {
  return catalogFromFiles(
    directories.flatMap((dir) => readCatalogDirectory(dir)),
    directories,
  );
}

/**
 * Writes the built-in catalog's snapshot (`npm run build` calls this through
 * scripts/catalog-snapshot.mjs): the files as validated, and every position the loader takes.
 */
export function writeBuiltinSnapshot(path: string = builtinSnapshotPath): void {
  const files = listYamlFiles(builtinCatalogDirectory).map(parseCatalogFile);
  const recording = recordingFiles(builtinCatalogDirectory, files);
  catalogFromFiles(recording.files, [builtinCatalogDirectory]);
  writeFileSync(path, `${JSON.stringify(recording.snapshotOf())}\n`);
}

/** The built-in directory comes from its snapshot while that matches the files. */
function readCatalogDirectory(directory: string): CatalogFileData[] {
  const files = listYamlFiles(directory);
  const fromSnapshot =
    directory === builtinCatalogDirectory
      ? filesFromSnapshot(builtinSnapshotPath, directory, files)
      : undefined;
  return fromSnapshot ?? files.map(parseCatalogFile);
}

/** Builds the catalog from files already read and validated, in the order given. */
export function catalogFromFiles(
  parsed: readonly CatalogFileData[],
  directories: readonly string[],
): Catalog {
  const info = parsed.map((p) => p.data.catalog).find((c) => c !== undefined);
  if (!info) {
    throw new PermgraphError(
      'E_CATALOG',
      `no catalog.yaml with a version in ${directories.join(', ')}`,
    );
  }
  const catalog = new Catalog({
    version: info.version,
    date: info.date,
    directories: [...directories],
  });
  for (const { source, data } of parsed) addServices(catalog, source, data);
  for (const { source, data } of parsed) addEntries(catalog, source, data);
  return catalog;
}

/** The catalog's YAML files under `directory`, sorted, subdirectories included. */
export function listYamlFiles(directory: string): string[] {
  let names: string[];
  try {
    names = readdirSync(directory).sort();
  } catch {
    throw new PermgraphError('E_READ', `cannot read catalog directory ${directory}`, {
      hint: 'pass an existing directory with --catalog',
    });
  }
  return names.flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return listYamlFiles(path);
    return /\.ya?ml$/i.test(name) ? [path] : [];
  });
}

function parseCatalogFile(file: string): CatalogFileData {
  const source = readSourceFile(file);
  const result = catalogFileSchema.safeParse(source.value ?? {});
  if (!result.success) throw schemaError(source, result.error);
  return { source, data: result.data };
}

function schemaError(source: SourceDocument, error: z.ZodError): PermgraphError {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol');
  const position = source.locate(path);
  const entry = path.length > 0 ? ` at ${position.path}` : '';
  return new PermgraphError(
    'E_CATALOG',
    `invalid catalog entry${entry}: ${issue?.message ?? 'invalid'}`,
    {
      position,
      hint: `fix the entry in ${relative(process.cwd(), source.file) || source.file}`,
    },
  );
}

function addServices(catalog: Catalog, source: SourceDocument, data: CatalogFile): void {
  data.services?.forEach((service, i) => {
    if (catalog.services.has(service.name))
      throw duplicate(source, ['services', i, 'name'], 'service', service.name);
    catalog.services.set(service.name, { ...service, position: source.locate(['services', i]) });
  });
}

function addEntries(catalog: Catalog, source: SourceDocument, data: CatalogFile): void {
  data.actions?.forEach((entry, i) => catalog.addAction(toAction(catalog, source, entry, i)));
  data.permissions?.forEach((entry, i) => {
    if (catalog.findPermission(entry.name))
      throw duplicate(source, ['permissions', i, 'name'], 'permission', entry.name);
    const base = ['permissions', i, 'document'] as const;
    catalog.addPermission({
      ...entry,
      document: normaliseCatalogDocument(entry.document, source, base),
      position: source.locate(['permissions', i]),
    });
  });
  data.operations?.forEach((entry, i) => {
    if (catalog.operations.has(entry.id))
      throw duplicate(source, ['operations', i, 'id'], 'operation', entry.id);
    const service = entry.id.split('.')[0] ?? '';
    catalog.operations.set(entry.id, {
      ...entry,
      service,
      position: source.locate(['operations', i]),
    });
  });
  if (data.dli !== undefined) {
    catalog.dliSections.push({
      value: data.dli,
      file: source.file,
      locate: (p) => source.locate(['dli', ...p]),
    });
  }
}

function toAction(
  catalog: Catalog,
  source: SourceDocument,
  entry: NonNullable<CatalogFile['actions']>[number],
  index: number,
): CatalogAction {
  const [service = '', resourceType = '', operation = ''] = entry.name.split(':');
  const known = catalog.services.get(service);
  const position = source.locate(['actions', index]);
  if (!known) {
    throw new PermgraphError(
      'E_CATALOG',
      `action ${entry.name} names service "${service}", which services.yaml does not define`,
      {
        position,
        hint: 'add the service to a services list in the catalog',
      },
    );
  }
  if (catalog.findAction(entry.name))
    throw duplicate(source, ['actions', index, 'name'], 'action', entry.name);
  return { ...entry, service, resourceType, operation, scope: known.scope, position };
}

function duplicate(
  source: SourceDocument,
  path: (string | number)[],
  what: string,
  name: string,
): PermgraphError {
  return new PermgraphError('E_CATALOG', `duplicate ${what} "${name}" in the catalog`, {
    position: source.locate(path),
    hint: `each ${what} is defined once; remove or rename one of them`,
  });
}

/**
 * Turns a catalog document (already checked by zod) into the evaluator's shape. Catalog
 * documents may use `ExcludeAction`, which user documents may not.
 */
export function normaliseCatalogDocument(
  raw: z.infer<typeof catalogDocumentSchema>,
  source: SourceDocument,
  basePath: readonly (string | number)[],
): PolicyDocument {
  const statements: Statement[] = raw.Statement.map((s, index) => ({
    ...(s.Sid === undefined ? {} : { sid: s.Sid }),
    effect: s.Effect,
    ...(s.Action === undefined ? {} : { action: s.Action }),
    ...(s.NotAction === undefined ? {} : { notAction: s.NotAction }),
    ...(s.Resource === undefined ? {} : { resource: s.Resource }),
    ...(s.Condition === undefined ? {} : { condition: s.Condition }),
    ...(s.ExcludeAction === undefined ? {} : { excludeAction: s.ExcludeAction }),
    position: source.locate([...basePath, 'Statement', index]),
    index,
  }));
  return { version: raw.Version, statements, depends: raw.Depends ?? [] };
}
