/**
 * Walking IAM API response bodies: the list under a key (or the single object some endpoints,
 * and the documentation of `role_assignments`, give in its place) and failed-call bodies.
 */
import type { DocPath, SourcePosition } from '../../model/source.js';
import type { ModelBuilder } from '../builder.js';
import type { ImportLog } from '../log.js';
import type { ExportResponse } from './layout.js';

/**
 * The paths of the items under `key`: every element of a list, or the object itself when the
 * API (or its documentation) gives one object instead of a list. Reports a missing key.
 */
export function itemPaths(response: ExportResponse, key: string, log: ImportLog): DocPath[] {
  const body = response.source.value as Record<string, unknown>;
  const value = body[key];
  if (Array.isArray(value)) return value.map((_, i) => [key, i]);
  if (typeof value === 'object' && value !== null) return [[key]];
  log.skip(
    'E_SCHEMA',
    `${response.request.text}: the response has no "${key}" list`,
    response.source.locate([]),
  );
  return [];
}

/**
 * The object of a detail response (`{"user": {...}}`); some documented detail responses carry
 * a one-item list instead (`{"users": [...]}`), which is read as well.
 */
export function detailPaths(
  response: ExportResponse,
  key: string,
  listKey: string,
  log: ImportLog,
): DocPath[] {
  const body = response.source.value as Record<string, unknown>;
  const value = body[key];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return [[key]];

  return itemPaths(response, listKey, log);
}

/**
 * Reports a body that is not a successful response (not an object, or an API error such as
 * `{"error": {"code": 403, …}}`) and returns false for it.
 */
export function isUsableBody(response: ExportResponse, log: ImportLog): boolean {
  const body = response.source.value;
  const at = response.source.locate([]);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    log.skip('E_SCHEMA', `${response.request.text}: the response is not a JSON object`, at);
    return false;
  }
  const failure = describeFailure(body as Record<string, unknown>);
  if (failure === undefined) return true;
  log.skip(
    'E_SCHEMA',
    `${response.request.text}: the API answered an error (${failure}); the export is incomplete`,
    at,
    'run the export again with a token allowed to read IAM (iam:*:list*, iam:*:get*)',
  );

  return false;
}

function describeFailure(body: Record<string, unknown>): string | undefined {
  const error = body.error as Record<string, unknown> | undefined;
  if (typeof error === 'object' && error !== null) {
    return [error.code, error.title, error.message].filter((v) => v !== undefined).join(' ');
  }
  if (body.error_code !== undefined)
    return `${String(body.error_code)} ${String(body.error_msg ?? '')}`.trim();

  return undefined;
}

/**
 * The name of a user, group or project by its id, reporting an id the export does not list at
 * `at` (the id's place in a record; by default the manifest entry, for ids in a request URL).
 */
export function knownName(
  builder: ModelBuilder,
  kind: 'user' | 'group' | 'project',
  id: string,
  response: ExportResponse,
  log: ImportLog,
  at: SourcePosition = response.listedAt,
): string | undefined {
  const name = builder.nameById(kind, id);
  if (name === undefined) {
    log.skip(
      'E_REFERENCE',
      `${response.request.text}: ${kind} ${id} is not in the export's ${kind} list`,
      at,
      `export GET /v3/${kind}s as well, or pass --partial`,
    );
  }
  return name;
}
