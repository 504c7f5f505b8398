/**
 * The condition keys a request carries: the ones the request itself determines (user name,
 * project, service, time) and the ones the user supplies with `--context`.
 */
import type { CatalogAction } from '../catalog/catalog.js';
import type { AccountModel } from '../model/types.js';
import type { RequestContext } from '../policy/types.js';
import type { PrincipalRef, Target } from './types.js';

/** Builds the context of one action request. Supplied values override derived ones. */
export function buildContext(
  model: AccountModel,
  principal: PrincipalRef,
  action: CatalogAction,
  target: Target,
  supplied: Record<string, string[] | null> | undefined,
  now: Date,
): RequestContext {
  const context = new Map<string, string[] | null>();
  if (principal.kind === 'user') {
    context.set('g:username', [principal.name]);
    const id = model.users.get(principal.name)?.id;
    if (id !== undefined) context.set('g:userid', [id]);
  }
  if (model.account !== undefined) context.set('g:domainname', [model.account]);
  if (model.domainId !== undefined) context.set('g:domainid', [model.domainId]);
  context.set('g:projectname', target.kind === 'project' ? [target.project] : null);
  context.set('g:servicename', [action.service]);
  context.set('g:currenttime', [now.toISOString()]);
  for (const [key, values] of Object.entries(supplied ?? {}))
    context.set(key.toLowerCase(), values);
  return context;
}

/** Parses `KEY=VALUE` pairs; a key given twice collects a list, `KEY=` with nothing marks it absent. */
export function parseContextPairs(pairs: readonly string[]): Record<string, string[] | null> {
  const out: Record<string, string[] | null> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--context expects KEY=VALUE, got "${pair}"`);
    const key = pair.slice(0, at);
    const value = pair.slice(at + 1);
    if (value === '') {
      out[key] = null;
      continue;
    }
    const previous = out[key];
    out[key] = previous ? [...previous, value] : [value];
  }
  return out;
}
