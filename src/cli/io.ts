/**
 * Input and output plumbing for the CLI: where the model is, and writing files whole or not at
 * all (a temporary file renamed into place).
 */
import {
  chmodSync,
  existsSync,
  lstatSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
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

/**
 * Writes `-o FILE` whole or not at all: a temporary file beside the real file, renamed over it,
 * so readers see the old content or the whole new one. A symbolic link is written through (the
 * file it points to is replaced, the link stays); a device or FIFO (`/dev/null`, `/dev/stdout`)
 * is written to in place, since replacing it would break it for everyone else.
 */
export function writeWhole(path: string, content: string): void {
  const existing = attempt(path, () => statSync(path, { throwIfNoEntry: false }));
  if (existing?.isDirectory())
    throw new PermgraphError('E_USAGE', `cannot write ${path}: it is a directory`, {
      hint: 'give -o the name of a file to write',
    });
  if (existing && !existing.isFile()) return attempt(path, () => writeFileSync(path, content));
  const target = attempt(path, () => followLinks(path));
  const shown = target === path ? path : `${path} (a link to ${target})`;
  attempt(shown, () => replaceFile(target, content, existing?.mode));
}

/** The file `path` names after following its links, whether or not that file exists yet. */
function followLinks(path: string): string {
  try {
    return realpathSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // A link to a file not written yet: the file it names is the one to create.
  const link = lstatSync(path, { throwIfNoEntry: false });
  if (link?.isSymbolicLink()) return followLinks(resolve(dirname(path), readlinkSync(path)));

  return join(realpathSync(dirname(path)), basename(path));
}

/** Replaces `target` by way of a temporary file beside it, keeping the old file's permissions. */
function replaceFile(target: string, content: string, mode: number | undefined): void {
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  let created = false;
  try {
    // `wx`: never write through a link someone placed at the temporary name.
    writeFileSync(temporary, content, { flag: 'wx' });
    created = true;
    if (mode !== undefined) chmodSync(temporary, mode & 0o7777);
    renameSync(temporary, target);
  } catch (cause) {
    if (created) rmSync(temporary, { force: true });
    throw cause;
  }
}

/** Runs one step of writing `shown`; a failure becomes an error that names the file and why. */
function attempt<T>(shown: string, step: () => T): T {
  try {
    return step();
  } catch (cause) {
    throw new PermgraphError('E_READ', `cannot write ${shown}: ${reasonOf(cause)}`, { cause });
  }
}

/** `no space left on device (ENOSPC)`, from a Node system error. */
export function reasonOf(cause: unknown): string {
  const error = cause as NodeJS.ErrnoException;
  if (typeof error?.code !== 'string') return String(cause);
  const described = /^[A-Z0-9_]+: ([^,]+)/.exec(error.message)?.[1];

  return described === undefined ? error.code : `${described} (${error.code})`;
}
