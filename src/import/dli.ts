/**
 * `permgraph import dli`: DLI request bodies or privilege query responses (a file, or every
 * JSON/YAML file of a directory) into a model's `dli.requests`, through the DLI module's
 * reader. Every user a request names is declared, so queries can name them.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readDliFile, type DliFileOptions } from '../dli/file.js';
import { dliRequestToBody } from '../dli/request.js';
import { fixedOrigin, ModelBuilder } from './builder.js';
import { ImportLog, type ImportOptions, type ImportResult } from './log.js';

/** Options of a DLI import: the project whose DLI answered, the object a response is about. */
export interface DliImportOptions extends ImportOptions, DliFileOptions {}

/** Imports DLI requests and responses at `path` (file or directory). */
export function importDli(path: string, options: DliImportOptions = {}): ImportResult {
  const log = new ImportLog(options.partial ?? false);
  const builder = new ModelBuilder();
  // The project whose DLI answered is declared, so the model can be asked about it at once.
  if (options.project)
    builder.project(options.project, undefined, fixedOrigin({ file: path, line: 1, column: 1 }));
  for (const file of dliFiles(path)) log.attempt(() => importFile(builder, log, file, options));

  return { file: builder.build(path), warnings: log.warnings };
}

function dliFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => /\.(json|ya?ml)$/i.test(name))
    .sort()
    .map((name) => join(path, name));
}

function importFile(
  builder: ModelBuilder,
  log: ImportLog,
  file: string,
  options: DliImportOptions,
): void {
  const contents = readDliFile(file, {
    ...(options.project ? { project: options.project } : {}),
    ...(options.object ? { object: options.object } : {}),
  });
  // A query response may list nothing (the object has no grants); an empty list of requests
  // is more likely a mistake.
  if (contents.kind === 'requests' && contents.requests.length === 0)
    log.unknown('the file holds an empty list: no DLI grant request', {
      file,
      line: 1,
      column: 1,
    });
  for (const request of contents.requests) {
    const origin = fixedOrigin(request.position ?? { file, line: 1, column: 1 });
    if (request.grantee.kind === 'user') builder.user(request.grantee.name, {}, origin);
    builder.dliRequest(dliRequestToBody(request), origin);
  }
  for (const admin of contents.administrators) {
    builder.user(admin.user, {}, fixedOrigin(admin.position ?? { file, line: 1, column: 1 }));
    log.unknown(
      `${admin.user} is an owner or administrator of ${admin.object} (is_admin): that access comes from no grant and is not imported`,
      admin.position,
    );
  }
}
