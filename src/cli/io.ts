/**
 * Input and output plumbing for the CLI: where the model is, and writing files whole or not at
 * all (a temporary file renamed into place).
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { PermgraphError } from '../errors.js';

/** The model path: `-m` when given, else `permgraph/` or `permgraph.yaml` in the working directory. */
export function defaultModelPath(given: string | undefined, cwd: string = process.cwd()): string {
  if (given !== undefined) return given;
  for (const candidate of ['permgraph', 'permgraph.yaml', 'permgraph.yml', 'permgraph.json']) {
    if (existsSync(join(cwd, candidate))) return join(cwd, candidate);
  }
  throw new PermgraphError('E_USAGE', 'no model given and no permgraph/ or permgraph.yaml here', {
    hint: 'pass the model with -m PATH (a file or a directory of YAML/JSON files)',
  });
}

/** Writes a file atomically: readers see the old content or the whole new one, never a part. */
export function writeWhole(path: string, content: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (cause) {
    rmSync(temporary, { force: true });
    throw new PermgraphError(
      'E_READ',
      `cannot write ${path} (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`,
    );
  }
}
