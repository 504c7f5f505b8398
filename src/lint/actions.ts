/**
 * The catalog as lint rules ask about it: which known actions a pattern or a whole document
 * allows, which services a pattern names, and how actions group by risk. Expansions are cached
 * per catalog, since many rules ask the same question about the same pattern.
 */
import type { Catalog, CatalogAction } from '../catalog/catalog.js';
import type { AccessLevel } from '../catalog/schema.js';
import { compileActionPattern, matchAction, type ActionMatcher } from '../policy/pattern.js';
import type { PolicyDocument, PolicyVersion, Statement } from '../policy/types.js';

const expansions = new WeakMap<Catalog, Map<string, CatalogAction[]>>();
const matchers = new Map<string, ActionMatcher>();

/** A compiled action pattern, cached: the same few patterns are matched many times. */
export function matcherFor(pattern: string, version: PolicyVersion): ActionMatcher {
  const key = `${version}\u0000${pattern}`;
  let matcher = matchers.get(key);
  if (!matcher) matchers.set(key, (matcher = compileActionPattern(pattern, version)));

  return matcher;
}

/** Whether a pattern names one action (no wildcard; `?` counts only in v5.0). */
export function isConcrete(pattern: string, version: PolicyVersion): boolean {
  return !(version === '5.0' ? /[*?]/ : /\*/).test(pattern);
}

/** The lower-case service of a pattern, or undefined when the service part has a wildcard. */
export function patternService(pattern: string): string | undefined {
  const parts = pattern.split(':');
  if (parts.length !== 3) return undefined;
  const service = (parts[0] ?? '').toLowerCase();

  return /[*?]/.test(service) || service === '' ? undefined : service;
}

/** The catalog actions a pattern matches, in catalog order. */
export function expandPattern(
  catalog: Catalog,
  pattern: string,
  version: PolicyVersion,
): CatalogAction[] {
  const cache = expansions.get(catalog) ?? new Map<string, CatalogAction[]>();
  expansions.set(catalog, cache);
  const key = `${version}\u0000${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const matcher = matcherFor(pattern, version);
  const service = patternService(pattern);
  const candidates = service === undefined ? catalog.actions : catalog.actionsOf(service);
  const found = candidates.filter((action) => matchAction(matcher, action.name));
  cache.set(key, found);

  return found;
}

/** Whether a statement's action part matches the catalog action. */
export function statementCovers(
  statement: Statement,
  version: PolicyVersion,
  action: CatalogAction,
): boolean {
  const hit = (patterns: readonly string[]): boolean =>
    patterns.some((p) => matchAction(matcherFor(p, version), action.name));
  if (statement.excludeAction && hit(statement.excludeAction)) return false;
  if (statement.action) return hit(statement.action);

  return statement.notAction !== undefined && !hit(statement.notAction);
}

/** The catalog actions a statement's action part matches. */
export function statementActions(
  catalog: Catalog,
  statement: Statement,
  version: PolicyVersion,
): CatalogAction[] {
  return catalog.actions.filter((action) => statementCovers(statement, version, action));
}

/** A Deny that applies whatever the request: no condition, and no resource narrower than `*`. */
export function isUnconditional(statement: Statement): boolean {
  const resources = statement.resource;
  const everyResource = resources === undefined || resources.includes('*');

  return statement.condition === undefined && everyResource;
}

/**
 * The catalog actions a document allows (conditions ignored) once its own unconditional Deny
 * statements are taken out: what a grant of it can give at most.
 */
export function documentActions(catalog: Catalog, document: PolicyDocument): CatalogAction[] {
  const perCatalog = documentCache.get(catalog) ?? new WeakMap<PolicyDocument, CatalogAction[]>();
  documentCache.set(catalog, perCatalog);
  let found = perCatalog.get(document);
  if (!found) perCatalog.set(document, (found = allowedActions(catalog, document)));

  return found;
}

/** The same actions as a set, for membership tests; cached alike. */
export function documentActionSet(catalog: Catalog, document: PolicyDocument): Set<CatalogAction> {
  let found = documentSets.get(document);
  if (!found || found.catalog !== catalog) {
    found = { catalog, actions: new Set(documentActions(catalog, document)) };
    documentSets.set(document, found);
  }

  return found.actions;
}

/** Documents do not change once loaded: their expansions are computed once per catalog. */
const documentCache = new WeakMap<Catalog, WeakMap<PolicyDocument, CatalogAction[]>>();
const documentSets = new WeakMap<
  PolicyDocument,
  { catalog: Catalog; actions: Set<CatalogAction> }
>();

function allowedActions(catalog: Catalog, document: PolicyDocument): CatalogAction[] {
  const allows = document.statements.filter((s) => s.effect === 'Allow');
  const denies = document.statements.filter((s) => s.effect === 'Deny' && isUnconditional(s));
  const covered = (action: CatalogAction, list: readonly Statement[]): boolean =>
    list.some((s) => statementCovers(s, document.version, action));

  return catalog.actions.filter((a) => covered(a, allows) && !covered(a, denies));
}

/** Access groups in the order findings list them: the riskiest first. */
export type AccessGroup = 'delete' | AccessLevel;

/** Delete, permission management, write, tagging, read, list. */
export const accessGroupOrder: readonly AccessGroup[] = [
  'delete',
  'permissions',
  'write',
  'tagging',
  'read',
  'list',
];

/** A write action that removes something (its operation starts with delete, drop, …). */
export function isDeleteAction(action: CatalogAction): boolean {
  return (
    action.access === 'write' &&
    /^(delete|drop|remove|destroy|purge|truncate)/i.test(action.operation)
  );
}

/** The group an action is listed under. */
export function accessGroupOf(action: CatalogAction): AccessGroup {
  return isDeleteAction(action) ? 'delete' : action.access;
}

/** Actions grouped by access group, groups in `accessGroupOrder`, names sorted in each. */
export function groupByAccess(actions: readonly CatalogAction[]): [AccessGroup, string[]][] {
  return accessGroupOrder
    .map((group): [AccessGroup, string[]] => [
      group,
      actions
        .filter((a) => accessGroupOf(a) === group)
        .map((a) => a.name)
        .sort(),
    ])
    .filter(([, names]) => names.length > 0);
}

/** Whether an action changes something: write, delete, tagging or permission management. */
export function isMutating(action: CatalogAction): boolean {
  return (
    action.access === 'write' || action.access === 'permissions' || action.access === 'tagging'
  );
}

/**
 * Whether every action `inner` can match is also matched by `outer`. `outer` is matched against
 * `inner` read literally: a `*` of `inner` can only be consumed by a `*` of `outer`, which then
 * matches whatever replaces it. A `?` of `outer` (v5.0) consumes exactly one character, so it
 * cannot stand for a `*` of `inner`; that case answers false rather than guess.
 */
export function patternCovers(outer: string, inner: string, version: PolicyVersion): boolean {
  if (outer === '*') return true;
  if (inner === '*') return /^\*(:\*:\*)?$/.test(outer);
  if (version === '5.0' && outer.includes('?') && inner.includes('*')) return false;

  return matchAction(matcherFor(outer, version), inner);
}
