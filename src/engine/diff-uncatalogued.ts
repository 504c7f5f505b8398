/**
 * The part of a change `diff` cannot decide: statements about services the catalog does not
 * cover (`obs:*:*` when no catalog file lists OBS actions). No action of theirs is known, so
 * their access cannot be evaluated; rather than report "no difference" for a change that grants
 * them, each principal's statements for such services are compared as written — effect, action
 * pattern, condition and the scope of the grant. An Allow that appears or a Deny that disappears
 * counts as access added, so `--fail-on-new` still fails.
 */
import { describeScope } from '../model/types.js';
import type { Statement } from '../policy/types.js';
import type { Evaluator } from './evaluator.js';
import type { PrincipalKind } from './who-can-action.js';
import type { PrincipalRef } from './types.js';
import { formatPrincipal } from './types.js';

/** One statement about uncovered services that one principal gained or lost. */
export interface UncataloguedChange {
  principal: string;
  /** `Allow obs:*:*`, `Deny NotAction iam:*:*`, with its condition when it has one. */
  statement: string;
  scope: string;
  direction: 'added' | 'removed';
}

/** Compares the two models' statements about services outside the catalog, per principal. */
export function diffUncatalogued(
  before: Evaluator,
  after: Evaluator,
  kind: PrincipalKind,
): UncataloguedChange[] {
  const old = statementsByPrincipal(before, kind);
  const next = statementsByPrincipal(after, kind);
  const changes: UncataloguedChange[] = [];
  for (const principal of new Set([...old.keys(), ...next.keys()])) {
    const was = old.get(principal) ?? new Set<string>();
    const is = next.get(principal) ?? new Set<string>();
    for (const key of is) if (!was.has(key)) changes.push(changeOf(principal, key, 'appeared'));
    for (const key of was) if (!is.has(key)) changes.push(changeOf(principal, key, 'vanished'));
  }
  return changes.sort(
    (a, b) =>
      compare(a.principal, b.principal) ||
      compare(a.scope, b.scope) ||
      compare(a.statement, b.statement),
  );
}

function changeOf(principal: string, key: string, how: 'appeared' | 'vanished') {
  const [scope = '', statement = ''] = key.split('\u0000');
  const allow = statement.startsWith('Allow');
  const direction: UncataloguedChange['direction'] =
    (how === 'appeared') === allow ? 'added' : 'removed';
  return { principal, statement, scope, direction };
}

/** A statement about uncovered services that a principal holds, and through which grant. */
export interface UncataloguedStatement {
  statement: string;
  scope: string;
  permission: string;
}

/** The statements about services outside the catalog that one principal holds, sorted. */
export function uncataloguedStatements(
  evaluator: Evaluator,
  principal: PrincipalRef,
): UncataloguedStatement[] {
  const { catalog } = evaluator.pg;
  const found = new Map<string, UncataloguedStatement>();
  for (const { grant } of evaluator.grants.held(principal)) {
    const scope = describeScope(grant.scope);
    const permission = grant.permission.name;
    for (const statement of grant.permission.document.statements) {
      for (const text of uncovered(statement, (s) => catalog.services.has(s)))
        found.set(`${scope}\u0000${text}\u0000${permission}`, {
          statement: text,
          scope,
          permission,
        });
    }
  }
  return [...found.keys()].sort(compare).map((k) => found.get(k) as UncataloguedStatement);
}

function statementsByPrincipal(
  evaluator: Evaluator,
  kind: PrincipalKind,
): Map<string, Set<string>> {
  const { model } = evaluator.pg;
  const names = kind === 'user' ? [...model.users.keys()] : [...model.groups.keys()];
  const out = new Map<string, Set<string>>();
  for (const name of names) {
    const principal: PrincipalRef = { kind, name };
    const keys = new Set(
      uncataloguedStatements(evaluator, principal).map((u) => `${u.scope}\u0000${u.statement}`),
    );
    if (keys.size > 0) out.set(formatPrincipal(principal), keys);
  }
  return out;
}

/**
 * The statement's patterns that reach services the catalog lacks, as `Effect pattern` texts.
 * A `NotAction` statement reaches every service it does not list, so it counts whole.
 */
function uncovered(statement: Statement, known: (service: string) => boolean): string[] {
  const condition =
    statement.condition === undefined ? '' : ` if ${JSON.stringify(statement.condition)}`;
  const resource =
    statement.resource === undefined ? '' : ` on ${[...statement.resource].sort().join(', ')}`;
  const suffix = `${resource}${condition}`;
  if (statement.notAction !== undefined) {
    const listed = [...statement.notAction].sort().join(', ');
    return [`${statement.effect} NotAction ${listed}${suffix}`];
  }
  return (statement.action ?? [])
    .filter((pattern) => {
      const service = (pattern.split(':')[0] ?? '').toLowerCase();
      return !/[*?]/.test(service) && pattern.includes(':') && !known(service);
    })
    .map((pattern) => `${statement.effect} ${pattern}${suffix}`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
