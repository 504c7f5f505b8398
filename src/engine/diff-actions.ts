/**
 * The action half of `diff`: who may do which catalog action in which scope, on either side.
 * Two ways to find the changes, which a test holds equal: by reverse query (who-can of every
 * action in every scope, on both sides), or, when the account-wide inputs are the same, by
 * principal: only users whose grants or documents differ are asked, each action they hold a
 * statement for in every scope, through the decision index `can` agrees with.
 */
import type { CatalogAction } from '../catalog/catalog.js';
import { noProgress, type Progress } from '../progress.js';
import { actionOutcome, decisionIndex } from './decision.js';
import { InputSameness } from './diff-sameness.js';
import type { Evaluator } from './evaluator.js';
import { describeTarget } from './grants.js';
import type { Target } from './types.js';
import { whoCanAction, type PrincipalKind } from './who-can-action.js';

/** How much access a principal has to one action in one scope. */
export type ActionAccess = 'allow' | 'conditional' | 'none';

/** One principal × action × scope whose access differs. */
export interface ActionChange {
  principal: string;
  action: string;
  scope: string;
  before: ActionAccess;
  after: ActionAccess;
}

/** What both ways take: the scopes to compare in, the principals' kind and the query's inputs. */
export interface ActionDiffRequest {
  targets: readonly Target[];
  kind: PrincipalKind;
  context?: Record<string, string[] | null> | undefined;
  now: Date;
  progress?: Progress | undefined;
}

/** The changes, by principal when that is exact (users, same account inputs), else by query. */
export function actionChanges(
  before: Evaluator,
  after: Evaluator,
  request: ActionDiffRequest,
): ActionChange[] {
  const same = new InputSameness(before, after);
  if (request.kind === 'user' && same.accountSame)
    return actionChangesByPrincipal(before, after, request, same);
  return actionChangesByReverseQuery(before, after, request);
}

/** Every action in every scope asked of both sides as `who-can` asks it. */
export function actionChangesByReverseQuery(
  before: Evaluator,
  after: Evaluator,
  request: ActionDiffRequest,
): ActionChange[] {
  const changes: ActionChange[] = [];
  const actions = actionsOf(before, after);
  const progress = request.progress ?? noProgress;
  progress.phase(`diff: actions (${request.kind}s)`, actions.length);
  for (const action of actions) {
    progress.step();
    for (const target of targetsFor(action, request.targets)) {
      const old = whoCan(before, action, target, request);
      const next = whoCan(after, action, target, request);
      for (const principal of new Set([...old.keys(), ...next.keys()])) {
        const was = old.get(principal) ?? 'none';
        const is = next.get(principal) ?? 'none';
        if (was !== is)
          changes.push({
            principal,
            action: action.name,
            scope: describeTarget(target),
            before: was,
            after: is,
          });
      }
    }
  }
  return changes;
}

/**
 * Only the users whose inputs differ, each asked every action it holds a matching statement for
 * on either side (Allow or Deny), in every scope of the action's kind.
 */
export function actionChangesByPrincipal(
  before: Evaluator,
  after: Evaluator,
  request: ActionDiffRequest,
  same: InputSameness = new InputSameness(before, after),
): ActionChange[] {
  const changes: ActionChange[] = [];
  const names = new Set([...before.pg.model.users.keys(), ...after.pg.model.users.keys()]);
  const actions = actionsOf(before, after);
  const progress = request.progress ?? noProgress;
  progress.phase('diff: users', names.size);
  for (const name of [...names].sort()) {
    progress.step();
    if (same.userUnchanged(name)) continue;
    const principal = `user:${name}`;
    const sides = [sideOf(before, principal), sideOf(after, principal)] as const;
    const classes = targetClasses(request.targets, [before, after], name);
    for (const action of actions) {
      if (!sides.some((side) => side?.holds(action))) continue;
      for (const [target, alike] of classes) {
        if ((target.kind === 'global') !== (action.scope === 'global')) continue;
        const was = sides[0]?.access(action, target, request) ?? 'none';
        const is = sides[1]?.access(action, target, request) ?? 'none';
        if (was === is) continue;
        for (const t of alike)
          changes.push({
            principal,
            action: action.name,
            scope: describeTarget(t),
            before: was,
            after: is,
          });
      }
    }
  }
  return changes;
}

/**
 * The targets a user's answers can tell apart, each with the targets that answer as it does.
 * A project no grant of the user names (on either side) is reached only by grants on all
 * resources or an enterprise project, which reach every such project alike: one of them
 * answers for all, unless a statement the user holds has a condition on `g:ProjectName`.
 */
function targetClasses(
  targets: readonly Target[],
  evaluators: readonly Evaluator[],
  user: string,
): [Target, Target[]][] {
  const named = new Set<string>();
  let byProjectName = false;
  for (const evaluator of evaluators) {
    if (!evaluator.pg.model.users.has(user)) continue;
    for (const { grant } of evaluator.grants.held({ kind: 'user', name: user })) {
      if (grant.scope.kind === 'project') named.add(grant.scope.project.name);
      byProjectName ||= grant.permission.document.statements.some((st) =>
        JSON.stringify(st.condition ?? {})
          .toLowerCase()
          .includes('g:projectname'),
      );
    }
  }
  const classes: [Target, Target[]][] = [];
  const unnamed: Target[] = [];
  for (const target of targets) {
    if (target.kind === 'project' && !named.has(target.project) && !byProjectName)
      unnamed.push(target);
    else classes.push([target, [target]]);
  }
  const first = unnamed[0];
  if (first) classes.push([first, unnamed]);
  return classes;
}

/** A principal on one side: whether it holds a statement for an action, and its access. */
interface Side {
  holds(action: CatalogAction): boolean;
  access(action: CatalogAction, target: Target, request: ActionDiffRequest): ActionAccess;
}

function sideOf(evaluator: Evaluator, principal: string): Side | undefined {
  const name = principal.slice('user:'.length);
  if (!evaluator.pg.model.users.has(name)) return undefined;
  const index = decisionIndex(evaluator);
  const entry = index.entry(principal);
  const known = (action: CatalogAction) => evaluator.pg.catalog.findAction(action.name);
  return {
    holds(action) {
      const own = known(action);
      return own !== undefined && index.candidates(entry, own).length > 0;
    },
    access(action, target, request) {
      const own = known(action);
      if (!own) return 'none';
      // Each answer is asked once: kept answers would only fill memory.
      const options = { context: request.context, now: request.now };
      const { decision } = actionOutcome(index, entry, own, target, options, false);
      return decision === 'allow' || decision === 'conditional' ? decision : 'none';
    },
  };
}

/** The catalog actions of either side (the same catalog, unless `--catalog` differs). */
function actionsOf(before: Evaluator, after: Evaluator): CatalogAction[] {
  const byName = new Map<string, CatalogAction>();
  for (const action of [...before.pg.catalog.actions, ...after.pg.catalog.actions])
    if (!byName.has(action.name)) byName.set(action.name, action);
  return [...byName.values()];
}

/** Project-level actions in each project, global-service actions on global services. */
function targetsFor(action: CatalogAction, targets: readonly Target[]): Target[] {
  return targets.filter((t) => (t.kind === 'global') === (action.scope === 'global'));
}

function whoCan(
  evaluator: Evaluator,
  action: CatalogAction,
  target: Target,
  request: ActionDiffRequest,
): Map<string, ActionAccess> {
  const known = evaluator.pg.catalog.findAction(action.name);
  const access = new Map<string, ActionAccess>();
  if (!known) return access;
  const answers = whoCanAction(
    evaluator,
    { action: known, target, context: request.context, now: request.now },
    request.kind,
  );
  for (const [principal, answer] of answers)
    access.set(principal, answer.decision === 'allow' ? 'allow' : 'conditional');
  return access;
}
