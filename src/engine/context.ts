/**
 * The condition keys a request carries: the ones the request itself determines (user name,
 * project, service, time) and the ones the user supplies with `--context`.
 */
import type { CatalogAction } from '../catalog/catalog.js';
import type { AccountModel } from '../model/types.js';
import { findGlobalConditionKey } from '../policy/condition-keys.js';
import { parseIp } from '../policy/ip.js';
import type { RequestContext } from '../policy/types.js';
import { describeValueType, isValidValue, type ConditionValueType } from '../policy/values.js';
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
    checkContextValue(key, value);
    const previous = out[key];
    out[key] = previous ? [...previous, value] : [value];
  }
  return out;
}

/** Keys permgraph itself writes into imported policies (`import terraform`), with their type. */
const permgraphKeys: readonly { name: string; type: ConditionValueType }[] = [
  { name: 'permgraph:KnownAfterApply', type: 'bool' },
];

/**
 * A value for a documented global key must have the key's type: a request has an IP address
 * for `g:SourceIp`, true or false for `g:MFAPresent`, a date for `g:CurrentTime`. A value of the
 * wrong type would match no condition operator, and a Deny conditioned on the key would then
 * silently not apply.
 */
export function checkContextValue(key: string, value: string): void {
  const known =
    findGlobalConditionKey(key) ??
    permgraphKeys.find((k) => k.name.toLowerCase() === key.toLowerCase());
  if (!known) return;
  const valid =
    known.type === 'ip' ? parseIp(value.trim()) !== undefined : isValidValue(known.type, value);
  if (valid) return;
  const expected =
    known.type === 'ip' ? 'an IP address such as 192.0.2.10' : describeValueType(known.type);
  throw new Error(`--context ${key}=${value}: ${known.name} takes ${expected}`);
}

/**
 * A `--resource` is a resource URN as Huawei's policies name resources,
 * `service:region:account:type:path` (`kms:cn-north-4:0a1b…:KeyId:key-1`; `*` allowed in a
 * part): anything else would match no `Resource` pattern, and a Deny limited to resources
 * would silently not apply.
 */
export function checkResourceUrn(text: string): void {
  const parts = text.split(':');
  const [service = '', , , type = '', ...path] = parts;
  if (
    parts.length >= 5 &&
    /^[a-z][a-z0-9-]*$/.test(service) &&
    type !== '' &&
    path.join(':') !== ''
  )
    return;
  throw new Error(
    `--resource ${text}: expected a resource URN service:region:account:type:path, such as kms:cn-north-4:*:KeyId:key-1`,
  );
}
