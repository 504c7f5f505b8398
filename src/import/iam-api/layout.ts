/**
 * The IAM API export layout: a directory with `manifest.json` listing every response saved and
 * the request that produced it, because much of a response's meaning lives only in its URL
 * (members of WHICH group, roles on WHICH project). `permgraph export-script` writes exactly
 * this layout; the README (`permgraph import iam-api`) describes it for people who assemble one.
 *
 *     manifest.json  {"format": "permgraph-iam-export", "version": 1,
 *                     "responses": [{"request": "GET /v3/groups/<id>/users", "file": "…json"}]}
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { PermgraphError } from '../../errors.js';
import type { SourceDocument, SourcePosition } from '../../model/source.js';
import { readJsonInput } from '../json.js';
import type { ImportLog } from '../log.js';

/** The manifest's file name inside an export directory. */
export const MANIFEST = 'manifest.json';
/** The manifest's `format` value. */
export const EXPORT_FORMAT = 'permgraph-iam-export';

/** A request as the manifest names it. */
export interface ExportRequest {
  method: string;
  /** The path without host and query, e.g. `/v3/groups/abc/users`. */
  path: string;
  query: URLSearchParams;
  text: string;
}

/** One saved response with the request behind it and where the manifest lists it. */
export interface ExportResponse {
  request: ExportRequest;
  source: SourceDocument;
  listedAt: SourcePosition;
}

/** True when `dir` is a directory holding an export manifest. */
export function isExportDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory() && existsSync(join(dir, MANIFEST));
  } catch {
    return false;
  }
}

/** Reads the manifest and every response it lists, in manifest order. */
export function readExport(
  dir: string,
  log: ImportLog,
  partial: boolean,
): { manifest: SourceDocument; responses: ExportResponse[] } {
  const file = join(dir, MANIFEST);
  if (!existsSync(file)) {
    throw new PermgraphError(
      'E_READ',
      `${dir} has no ${MANIFEST}: not an IAM API export, or the export did not finish`,
      {
        hint: 'produce the export with the script `permgraph export-script` prints',
      },
    );
  }
  const manifest = readJsonInput(file, log, false);
  const entries = manifestEntries(manifest);
  const responses: ExportResponse[] = [];
  entries.forEach((entry, i) => {
    log.attempt(() => {
      const response = readEntry(dir, manifest, entry, i, log, partial);
      if (response) responses.push(response);
    });
  });

  return { manifest, responses };
}

function manifestEntries(manifest: SourceDocument): unknown[] {
  const value = manifest.value as Record<string, unknown> | null;
  const bad = (path: (string | number)[], message: string): never => {
    throw new PermgraphError('E_SCHEMA', `${MANIFEST}: ${message}`, {
      position: manifest.locate(path),
    });
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return bad([], 'must be an object');
  if (value.format !== EXPORT_FORMAT) return bad(['format'], `"format" must be "${EXPORT_FORMAT}"`);
  if (value.version !== 1) return bad(['version'], '"version" must be 1');
  if (!Array.isArray(value.responses)) return bad(['responses'], '"responses" must be a list');

  return value.responses;
}

function readEntry(
  dir: string,
  manifest: SourceDocument,
  entry: unknown,
  i: number,
  log: ImportLog,
  partial: boolean,
): ExportResponse | undefined {
  const listedAt = manifest.locate(['responses', i]);
  const item = entry as Record<string, unknown> | null;
  if (
    typeof item !== 'object' ||
    item === null ||
    typeof item.request !== 'string' ||
    typeof item.file !== 'string'
  ) {
    log.skip('E_SCHEMA', `${MANIFEST}: each response needs "request" and "file" strings`, listedAt);
    return undefined;
  }
  const request = parseRequest(item.request);
  if (!request) {
    log.skip(
      'E_SCHEMA',
      `${MANIFEST}: request "${item.request}" is not "GET /path"`,
      manifest.locate(['responses', i, 'request']),
    );
    return undefined;
  }
  const file = isAbsolute(item.file) ? item.file : join(dir, item.file);
  if (!existsSync(file)) {
    log.skip(
      'E_READ',
      `${MANIFEST}: ${item.request} was saved in ${item.file}, which is missing`,
      manifest.locate(['responses', i, 'file']),
      'copy the whole export directory, or run the export again',
    );
    return undefined;
  }

  return { request, source: readJsonInput(file, log, partial), listedAt };
}

/** Parses `GET /v3/users?page=2` (a full URL also does). */
export function parseRequest(text: string): ExportRequest | undefined {
  const match = /^\s*([A-Z]+)\s+(\S+)\s*$/.exec(text);
  if (!match) return undefined;
  const url = new URL(match[2] as string, 'https://iam.invalid');

  return {
    method: match[1] as string,
    path: url.pathname.replace(/\/+$/, ''),
    query: url.searchParams,
    text: text.trim(),
  };
}
