/**
 * Whether an export holds every page of its lists. An export cut off half-way (a failed run,
 * a file lost in a copy) would otherwise import as an account with fewer grants than it has,
 * and answer "denied" where the account allows. Two signs are checked: a `links.next` that no
 * saved request follows, and a `total_num`/`total_number` larger than the items of the pages
 * saved for that list.
 */
import type { ImportLog } from '../log.js';
import type { ExportRequest, ExportResponse } from './layout.js';

type Json = Record<string, unknown>;

const pageParameters = new Set(['page', 'per_page', 'marker', 'limit']);

/** Reports every list of the export whose pages are not all there. */
export function checkPages(responses: readonly ExportResponse[], log: ImportLog): void {
  const saved = new Set(responses.map((r) => requestKey(r.request, true)));
  for (const response of responses) checkNextLink(response, saved, log);
  checkTotals(responses, log);
}

function checkNextLink(response: ExportResponse, saved: Set<string>, log: ImportLog): void {
  const links = (response.source.value as Json | null)?.links as Json | undefined;
  const next = typeof links === 'object' && links !== null ? links.next : undefined;
  if (typeof next !== 'string' || next === '') return;
  const url = new URL(next, 'https://iam.invalid');
  const key = `${url.pathname.replace(/\/+$/, '')}?${sortedQuery(url.searchParams, true)}`;
  if (saved.has(key)) return;
  log.skip(
    'E_READ',
    `${response.request.text}: the next page (${url.pathname}${url.search}) is not in the export; the list is incomplete`,
    response.source.locate(['links', 'next']),
    'run the export again (permgraph export-script follows every links.next), or pass --partial',
  );
}

function checkTotals(responses: readonly ExportResponse[], log: ImportLog): void {
  const lists = new Map<string, { count: number; total: number; first: ExportResponse }>();
  for (const response of responses) {
    const body = response.source.value as Json | null;
    if (typeof body !== 'object' || body === null) continue;
    const total = body.total_num ?? body.total_number;
    const items = listOf(body);
    if (typeof total !== 'number' || items === undefined) continue;
    const key = requestKey(response.request, false);
    const list = lists.get(key) ?? { count: 0, total, first: response };
    list.count += items;
    list.total = Math.max(list.total, total);
    lists.set(key, list);
  }
  for (const { count, total, first } of lists.values()) {
    if (count >= total) continue;
    log.skip(
      'E_READ',
      `${first.request.path}: the export holds ${count} of the ${total} items the API counts; pages are missing`,
      first.source.locate([]),
      'run the export again (permgraph export-script saves every page), or pass --partial',
    );
  }
}

/** The number of items of a list response (one for the single-object form). */
function listOf(body: Json): number | undefined {
  for (const key of ['role_assignments', 'roles', 'users', 'groups', 'projects']) {
    const value = body[key];
    if (Array.isArray(value)) return value.length;
    if (typeof value === 'object' && value !== null) return 1;
  }
  return undefined;
}

/** Path and sorted query; without page parameters when `withPages` is false. */
function requestKey(request: ExportRequest, withPages: boolean): string {
  return `${request.path}?${sortedQuery(request.query, withPages)}`;
}

function sortedQuery(query: URLSearchParams, withPages: boolean): string {
  return [...query.entries()]
    .filter(([name]) => withPages || !pageParameters.has(name))
    .map(([name, value]) => `${name}=${value}`)
    .sort()
    .join('&');
}
