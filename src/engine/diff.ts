/**
 * `diff`: the access two models grant, compared per principal × action × scope (every catalog
 * action, in every project of either model and on global services) and per principal × DLI
 * privilege × object × project (every object either model mentions). Each side is answered with
 * the reverse query, or only for the users whose grants changed, so the cost follows the
 * change, not users × actions. Changes that grant
 * nothing new — renaming a policy, reordering statements, splitting a policy in two — compare
 * equal, because only decisions are compared, never documents.
 */
import type { CatalogAction } from '../catalog/catalog.js';
import { noProgress, type Progress } from '../progress.js';
import { compressActions } from './compress.js';
import { diffUncatalogued, type UncataloguedChange } from './diff-uncatalogued.js';
import { actionChanges } from './diff-actions.js';
import { privilegeChanges, privilegeQuestions, type PrivilegeQuestion } from './diff-dli.js';
import type { Evaluator } from './evaluator.js';
import { describeTarget } from './grants.js';
import type { Target } from './types.js';
import { comparePrincipals } from './who-can.js';
import type { PrincipalKind } from './who-can-action.js';

/** How much access a principal has to one action in one scope. */
export type Access = 'allow' | 'conditional' | 'none';

/** One principal × action × scope whose access differs. */
export interface AccessChange {
  principal: string;
  action: string;
  scope: string;
  before: Access;
  after: Access;
  direction: 'added' | 'removed';
}

/** A run of changes a group of principals shares: one direction, scope and before → after. */
export interface ChangeRun {
  direction: 'added' | 'removed';
  scope: string;
  before: Access;
  after: Access;
  /** Actions compressed to patterns; `except` names covered actions not in the run. */
  patterns: { pattern: string; actions: string[]; except: string[] }[];
}

/** Principals whose changes are identical, reviewed together. */
export interface ReviewGroup {
  principals: string[];
  runs: ChangeRun[];
}

/** The answer to `diff`. */
export interface DiffResult {
  catalog: { version: string; date: string };
  before: string;
  after: string;
  principals: 'users' | 'groups';
  summary: { added: number; removed: number; principalsGaining: number; principalsLosing: number };
  groups: ReviewGroup[];
  changes: AccessChange[];
  /** Statements about services outside the catalog, compared as written (counted in summary). */
  uncatalogued: UncataloguedChange[];
}

/** Options of `diff`. */
export interface DiffOptions {
  groups?: boolean | undefined;
  context?: Record<string, string[] | null> | undefined;
  now?: Date | undefined;
  /** How the two sides are named in the report (file paths, `path@REV`). */
  labels?: { before: string; after: string } | undefined;
  /** Told each principal compared as it is done. */
  progress?: Progress | undefined;
}

const rank: Record<Access, number> = { none: 0, conditional: 1, allow: 2 };

/** Compares the access of two models built over the same catalog. */
export function diffModels(
  before: Evaluator,
  after: Evaluator,
  options: DiffOptions = {},
): DiffResult {
  const kind: PrincipalKind = options.groups ? 'group' : 'user';
  const targets = targetsOf(before, after);
  const questions = privilegeQuestions([before, after]);
  const changes = changesBetween(before, after, targets, questions, kind, options);
  const uncatalogued = diffUncatalogued(before, after, kind);
  const { info } = after.pg.catalog;
  const result: DiffResult = {
    catalog: { version: info.version, date: info.date },
    before: options.labels?.before ?? 'before',
    after: options.labels?.after ?? 'after',
    principals: options.groups ? 'groups' : 'users',
    summary: summarise(changes, uncatalogued),
    groups: reviewGroups(after, changes),
    changes,
    uncatalogued,
  };
  options.progress?.end();
  return result;
}

function targetsOf(before: Evaluator, after: Evaluator): Target[] {
  const names = [...before.pg.model.projects, ...after.pg.model.projects].map((p) => p.name);
  const projects = [...new Set(names)].sort();
  return [...projects.map((project): Target => ({ kind: 'project', project })), { kind: 'global' }];
}

/**
 * Every change of access: the catalog actions in every scope (diff-actions.ts) and the DLI
 * privileges of owners and grantees (diff-dli.ts), sorted by principal, scope and action.
 */
function changesBetween(
  before: Evaluator,
  after: Evaluator,
  targets: readonly Target[],
  questions: readonly PrivilegeQuestion[],
  kind: PrincipalKind,
  options: DiffOptions,
): AccessChange[] {
  const now = options.now ?? new Date();
  const changes: AccessChange[] = [];
  const projects = targets.flatMap((t) => (t.kind === 'project' ? [t.project] : []));
  const dliOptions = { context: options.context, now };
  for (const change of privilegeChanges(before, after, questions, projects, kind, dliOptions)) {
    const { question, project } = change;
    const direction = rank[change.after] > rank[change.before] ? 'added' : 'removed';
    changes.push({
      principal: change.principal,
      action: `${question.privilege} on ${question.on}`,
      scope: describeTarget({ kind: 'project', project }),
      before: change.before,
      after: change.after,
      direction,
    });
  }
  const progress = options.progress ?? noProgress;
  const request = { targets, kind, context: options.context, now, progress };
  for (const change of actionChanges(before, after, request)) {
    const direction = rank[change.after] > rank[change.before] ? 'added' : 'removed';
    changes.push({ ...change, direction });
  }
  progress.phase(`diff: sorting ${changes.length.toLocaleString('en-US')} changes`, 0);
  return changes.sort(
    (a, b) =>
      comparePrincipals(a.principal, b.principal) ||
      text(a.scope, b.scope) ||
      text(a.action, b.action),
  );
}

function text(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function summarise(
  decided: readonly AccessChange[],
  uncatalogued: readonly UncataloguedChange[],
): DiffResult['summary'] {
  const changes = [...decided, ...uncatalogued];
  const added = changes.filter((c) => c.direction === 'added');
  const removed = changes.filter((c) => c.direction === 'removed');
  return {
    added: added.length,
    removed: removed.length,
    principalsGaining: new Set(added.map((c) => c.principal)).size,
    principalsLosing: new Set(removed.map((c) => c.principal)).size,
  };
}

/** Groups principals with identical changes, and compresses each run of actions to patterns. */
function reviewGroups(evaluator: Evaluator, changes: readonly AccessChange[]): ReviewGroup[] {
  const perPrincipal = new Map<string, AccessChange[]>();
  for (const change of changes) pushTo(perPrincipal, change.principal, change);
  const bySignature = new Map<string, { principals: string[]; changes: AccessChange[] }>();
  for (const [principal, own] of perPrincipal) {
    const signature = own
      .map((c) => `${c.direction} ${c.scope} ${c.before} ${c.after} ${c.action}`)
      .join('\n');
    const group = bySignature.get(signature) ?? { principals: [], changes: own };
    group.principals.push(principal);
    bySignature.set(signature, group);
  }
  return [...bySignature.values()].map((g) => ({
    principals: g.principals,
    runs: runsOf(evaluator, g.changes),
  }));
}

function runsOf(evaluator: Evaluator, changes: readonly AccessChange[]): ChangeRun[] {
  const runs = new Map<string, AccessChange[]>();
  for (const change of changes) {
    const key = `${change.direction === 'added' ? 0 : 1}\u0000${change.scope}\u0000${change.before}\u0000${change.after}`;
    pushTo(runs, key, change);
  }
  return [...runs.keys()].sort(text).map((key) => {
    const run = runs.get(key) ?? [];
    const first = run[0] as AccessChange;
    const { direction, scope, before, after } = first;
    return { direction, scope, before, after, patterns: patternsOf(evaluator, run) };
  });
}

function pushTo<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

function patternsOf(evaluator: Evaluator, run: readonly AccessChange[]): ChangeRun['patterns'] {
  const { catalog } = evaluator.pg;
  const actions = run.flatMap((c) => {
    const action = catalog.findAction(c.action);
    return action ? [action] : [];
  });
  // DLI privileges (`SELECT on databases.db1`) are not catalog actions: each stands alone.
  const privileges = run
    .filter((c) => !catalog.findAction(c.action))
    .map((c) => ({ pattern: c.action, actions: [c.action], except: [] }));
  const services = [...new Set(actions.map((a) => a.service))];
  // Widest patterns first, then by name, whatever order the changes came in.
  const patterns = services.flatMap((service) =>
    compressActions({
      actions: actions.filter((a: CatalogAction) => a.service === service),
      universe: catalog.actionsOf(service),
    }).map((e) => ({
      pattern: e.pattern,
      actions: e.actions.map((a) => a.name),
      except: e.except.map((a) => a.name),
    })),
  );
  return [...patterns, ...privileges].sort(
    (a, b) => b.actions.length - a.actions.length || text(a.pattern, b.pattern),
  );
}
