/**
 * Reads a model as it was at a git revision, for `diff --git REV`: the model file or directory
 * (with the policy documents beside it that `file:` references) is copied out of the revision
 * into a temporary directory, loaded like any other model, then removed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { PermgraphError } from '../errors.js';

/** A model materialised from a revision: where to load it from, and how to clean up. */
export interface RevisionCheckout {
  path: string;
  cleanup(): void;
  /** Rewrites temporary paths in a text (a message, a position's file) to the repository's. */
  original(text: string): string;
}

const MODEL_FILE = /\.(ya?ml|json)$/i;

function git(args: readonly string[], cwd: string): string {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '')
      .trim()
      .split('\n')[0];
    throw new PermgraphError(
      'E_READ',
      `git ${args.join(' ')} failed: ${stderr || (error as Error).message}`,
      {
        hint: 'run inside a git repository and name a revision it has (a commit, branch or tag)',
      },
    );
  }
}

/**
 * Copies the model files of the whole revision (YAML and JSON, paths kept), so policy documents
 * a model references with `file:` — even from a sibling directory — are where it expects them.
 * `path` is the model's file or directory, relative to `cwd`.
 */
export function checkoutModelAt(revision: string, path: string, cwd: string): RevisionCheckout {
  const root = git(['rev-parse', '--show-toplevel'], cwd).trim();
  const inRepo = relative(root, resolve(cwd, path)).split(sep).join(posix.sep);
  objectType(revision, inRepo, root, path);
  const listed = git(['ls-tree', '-r', '--name-only', revision], root);
  const files = listed.split('\n').filter((f) => f !== '' && (MODEL_FILE.test(f) || f === inRepo));
  const temporary = mkdtempSync(join(tmpdir(), 'permgraph-git-'));
  try {
    const contents = readBlobs(revision, files, root);
    files.forEach((file, i) => writeOut(file, contents[i] ?? Buffer.alloc(0), temporary));
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
  return {
    path: inRepo === '' ? temporary : join(temporary, ...inRepo.split(posix.sep)),
    cleanup: () => rmSync(temporary, { recursive: true, force: true }),
    original: (text) => text.split(temporary).join(root),
  };
}

function objectType(
  revision: string,
  inRepo: string,
  root: string,
  shown: string,
): 'tree' | 'blob' {
  let type: string;
  try {
    type = execFileSync('git', ['cat-file', '-t', `${revision}:${inRepo}`], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  } catch {
    throw new PermgraphError('E_READ', `${shown} does not exist at revision ${revision}`, {
      hint: 'check the revision and the path (relative to the working directory)',
    });
  }
  if (type !== 'tree' && type !== 'blob')
    throw new PermgraphError(
      'E_READ',
      `${shown} at ${revision} is a ${type}, not a file or directory`,
    );
  return type;
}

/**
 * Reads every file at the revision with one `git cat-file --batch`: a model at the root of a
 * large repository may sit beside many YAML and JSON files, and one process each would be slow.
 */
function readBlobs(revision: string, files: readonly string[], root: string): Buffer[] {
  if (files.length === 0) return [];
  let output: Buffer;
  try {
    output = execFileSync('git', ['cat-file', '--batch'], {
      cwd: root,
      input: files.map((f) => `${revision}:${f}`).join('\n') + '\n',
      maxBuffer: 1024 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    throw new PermgraphError('E_READ', `git cat-file failed: ${(error as Error).message}`);
  }
  const blobs: Buffer[] = [];
  let at = 0;
  for (const file of files) {
    const end = output.indexOf(10, at);
    const header = output.subarray(at, end).toString('utf8');
    const size = Number(/^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1]);
    if (!Number.isFinite(size)) {
      throw new PermgraphError(
        'E_READ',
        `cannot read ${file} at ${revision}: git said "${header}"`,
      );
    }
    blobs.push(output.subarray(end + 1, end + 1 + size));
    at = end + 1 + size + 1;
  }
  return blobs;
}

function writeOut(file: string, content: Buffer, temporary: string): void {
  const target = join(temporary, ...file.split(posix.sep));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
}
