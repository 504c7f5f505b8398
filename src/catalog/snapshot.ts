/**
 * The built-in catalog as `npm run build` read and validated it (`dist/catalog-snapshot.json`),
 * so a command does not parse some 300 KB of YAML at every start. A snapshot stands for the
 * files only while each one's content hash is the one it was made from: an edited, added or
 * removed catalog file makes permgraph read the files themselves, as if there were no snapshot.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import {
  formatDocPath,
  parseSourceText,
  type DocPath,
  type SourceDocument,
} from '../model/source.js';
import type { CatalogFile } from './schema.js';

/** A catalog file ready for the loader: its source (for positions) and its validated data. */
export interface CatalogFileData {
  source: SourceDocument;
  data: CatalogFile;
}

/** One file of a snapshot: what the loader needs without parsing the file again. */
interface SnapshotFile {
  /** Path relative to the catalog directory, with `/` separators. */
  name: string;
  sha256: string;
  data: CatalogFile;
  /** `[line, column]` of every path the loader located while the snapshot was made. */
  positions: Record<string, [number, number]>;
}

/** The snapshot file's content. */
export interface CatalogSnapshot {
  format: 1;
  files: SnapshotFile[];
}

/** The file's text and the hash a snapshot compares. */
function readText(file: string): { text: string; sha256: string } {
  const text = readFileSync(file, 'utf8');
  return { text, sha256: createHash('sha256').update(text).digest('hex') };
}

/** The catalog file name as a snapshot keeps it. */
function nameIn(directory: string, file: string): string {
  return relative(directory, file).split('\\').join('/');
}

/**
 * Wraps each file's source so that every position the loader asks for is recorded; `snapshotOf`
 * then keeps them. Call the loader on the returned files, then `snapshotOf`.
 */
export function recordingFiles(
  directory: string,
  files: readonly CatalogFileData[],
): { files: CatalogFileData[]; snapshotOf: () => CatalogSnapshot } {
  const recorded = files.map((file) => {
    const positions: Record<string, [number, number]> = {};
    const source: SourceDocument = {
      ...file.source,
      locate(path) {
        const position = file.source.locate(path);
        positions[formatDocPath(path)] = [position.line, position.column];
        return position;
      },
    };
    return { file: { source, data: file.data }, positions };
  });
  const snapshotOf = (): CatalogSnapshot => ({
    format: 1,
    files: recorded.map(({ file, positions }) => ({
      name: nameIn(directory, file.source.file),
      sha256: readText(file.source.file).sha256,
      data: file.data,
      positions,
    })),
  });
  return { files: recorded.map((r) => r.file), snapshotOf };
}

/**
 * The files of `directory` from the snapshot, or undefined when the snapshot is missing,
 * unreadable, or does not match the files (names or content) exactly.
 */
export function filesFromSnapshot(
  snapshotPath: string,
  directory: string,
  files: readonly string[],
): CatalogFileData[] | undefined {
  let snapshot: CatalogSnapshot;
  try {
    snapshot = JSON.parse(readFileSync(snapshotPath, 'utf8')) as CatalogSnapshot;
  } catch {
    return undefined;
  }
  if (snapshot.format !== 1 || snapshot.files.length !== files.length) return undefined;
  const result: CatalogFileData[] = [];
  for (const [i, file] of files.entries()) {
    const entry = snapshot.files[i];
    if (!entry || entry.name !== nameIn(directory, file)) return undefined;
    const { text, sha256 } = readText(file);
    if (sha256 !== entry.sha256) return undefined;
    result.push({ source: snapshotSource(file, text, entry), data: entry.data });
  }
  return result;
}

/**
 * A source whose positions come from the snapshot; a path the snapshot did not record (a
 * position only an error message needs) parses the file then.
 */
function snapshotSource(file: string, text: string, entry: SnapshotFile): SourceDocument {
  let parsed: SourceDocument | undefined;
  const locate = (path: DocPath) => {
    const key = formatDocPath(path);
    const known = entry.positions[key];
    if (known) return { file, line: known[0], column: known[1], path: key };
    parsed ??= parseSourceText(text, file);
    return parsed.locate(path);
  };
  return {
    file,
    get value() {
      parsed ??= parseSourceText(text, file);
      return parsed.value;
    },
    locate,
  };
}
