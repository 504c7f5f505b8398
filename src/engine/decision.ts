/**
 * `can` without the explanation: the same decision (DESIGN.md §4), computed from a per-principal
 * index instead of building paths and near misses. A CI gate, `test` assertions and anything that
 * asks thousands of questions need only the decision; `can` stays the one that explains.
 *
 * Per principal and action, the index keeps the (grant, statement) pairs whose action part
 * matches — found once through the per-service statement index — and marks the statements that
 * need no context (no Resource, no Condition). A warm question then walks a handful of pairs; the
 * request context is built only when a statement, a Depends check or an enterprise-project scope
 * needs it.
 */
import type { CatalogAction } from '../catalog/catalog.js';
import type { Requirement as CatalogRequirement } from '../catalog/schema.js';
import type { Grant } from '../model/types.js';
import type { RequestContext, Truth } from '../policy/types.js';
import { can, parsePrincipal, resolveProject } from './can.js';
import { buildContext } from './context.js';
import { decidePrivilege } from './decision-dli.js';
import { looksLikePrivilege } from './dli.js';
import type { Evaluator, IndexedStatement } from './evaluator.js';
import { checkDependencies, scopeCovers, type HeldGrant } from './grants.js';
import { expandOperation, splitOperationSpec } from './operation.js';
import { grantedActions } from './permission.js';
import { requireTarget } from './request.js';
import {
  combineDecisions,
  type Decision,
  type PrincipalRef,
  type QueryOptions,
  type Target,
} from './types.js';

/** A statement of a held grant whose action part matches one action. */
interface Candidate {
  held: HeldGrant;
  statement: IndexedStatement;
  /** No Resource and no Condition: it applies wherever its grant does. */
  contextFree: boolean;
  hasDepends: boolean;
}

/** What the index keeps for one principal. */
export interface PrincipalEntry {
  principal: PrincipalRef;
  held: HeldGrant[];
  byAction: Map<string, Candidate[]>;
  /** Depends results per grant and target; only when no grant's scope depends on the context. */
  dependencies: Map<string, boolean> | undefined;
  /**
   * The principal's effective answers, per action and target, filled as they are asked: only
   * answers that used no request context (no Resource, Condition or enterprise-project scope
   * was consulted), which therefore hold for any context, resource and time.
   */
  outcomes: Map<CatalogAction, Map<string, ActionOutcome>>;
}

/** An action's decision for a principal, and whether a Deny whose condition is not settled might apply. */
export interface ActionOutcome {
  decision: Decision;
  denyUnknown: boolean;
}

const noContext: RequestContext = new Map();

/** The per-evaluator index behind `decideCan`. */
export class DecisionIndex {
  private readonly principals = new Map<string, PrincipalEntry>();
  private readonly actionParts = new WeakMap<IndexedStatement, Map<string, boolean>>();
  private readonly projects = new Map<string, string>();
  private readonly readsTime = new WeakMap<Candidate[], boolean>();

  constructor(readonly evaluator: Evaluator) {
    for (const project of evaluator.pg.model.projects) {
      if (project.id !== undefined) this.projects.set(project.id, project.name);
    }
    for (const project of evaluator.pg.model.projects)
      this.projects.set(project.name, project.name);
  }

  /** The project a question names, as `resolveProject` resolves it (errors included). */
  project(name: string | undefined): string | undefined {
    if (name === undefined) return resolveProject(this.evaluator, name);
    return this.projects.get(name) ?? resolveProject(this.evaluator, name);
  }

  entry(principalText: string): PrincipalEntry {
    const found = this.principals.get(principalText);
    if (found) return found;
    const principal = parsePrincipal(this.evaluator, principalText);
    const held = this.evaluator.grants.held(principal);
    const contextFreeScopes = held.every((h) => h.grant.scope.kind !== 'enterprise-project');
    const entry: PrincipalEntry = {
      principal,
      held,
      byAction: new Map(),
      dependencies: contextFreeScopes ? new Map() : undefined,
      outcomes: new Map(),
    };
    this.principals.set(principalText, entry);
    return entry;
  }

  candidates(entry: PrincipalEntry, action: CatalogAction): Candidate[] {
    const found = entry.byAction.get(action.name);
    if (found) return found;
    const candidates: Candidate[] = [];
    for (const held of entry.held) {
      const { permission } = held.grant;
      const hasDepends = permission.document.depends.length > 0;
      for (const statement of this.evaluator.statementsFor(permission, action)) {
        if (!this.actionPartMatches(statement, action)) continue;
        const { resource, condition } = statement.statement;
        const contextFree = resource === undefined && condition === undefined;
        candidates.push({ held, statement, contextFree, hasDepends });
      }
    }
    entry.byAction.set(action.name, candidates);
    return candidates;
  }

  private actionPartMatches(statement: IndexedStatement, action: CatalogAction): boolean {
    let perAction = this.actionParts.get(statement);
    if (!perAction) {
      perAction = new Map();
      this.actionParts.set(statement, perAction);
    }
    const known = perAction.get(action.name);
    if (known !== undefined) return known;
    const request = { action, context: noContext, ignoreConditions: true };
    const matched = this.evaluator.match(statement, request).actionMatched;
    perAction.set(action.name, matched);
    return matched;
  }

  /**
   * The key of an answer that read the request, in target `where`: the request's resource and
   * supplied context, and its time when a candidate statement reads `g:CurrentTime`. Undefined
   * when the answer cannot be kept: the time is read and the question gives none (the clock's).
   */
  requestKey(
    entry: PrincipalEntry,
    action: CatalogAction,
    where: string,
    options: QueryOptions,
  ): string | undefined {
    const candidates = this.candidates(entry, action);
    let readsTime = this.readsTime.get(candidates);
    if (readsTime === undefined) {
      readsTime = candidates.some((c) => !c.contextFree && conditionReadsTime(c.statement));
      this.readsTime.set(candidates, readsTime);
    }
    if (readsTime && options.now === undefined) return undefined;
    const time = readsTime ? (options.now as Date).toISOString() : '';
    const resource = options.resource === undefined ? '\u0002' : `=${options.resource}`;
    return `${where}\u0001${resource}\u0000${this.contextText(options.context)}\u0000${time}`;
  }

  private contextText(context: QueryOptions['context']): string {
    // Read on every question (a caller may change its object between questions), in the order
    // given: buildContext lets a later spelling of a key override an earlier one.
    return context === undefined ? '' : JSON.stringify(context);
  }

  dependenciesMet(
    entry: PrincipalEntry,
    grant: Grant,
    target: Target,
    context: () => RequestContext,
  ): boolean {
    if (!entry.dependencies) return checkDependencies(grant, entry.held, target, context()).met;
    const key = `${grant.id}\u0000${target.kind === 'global' ? '' : target.project}`;
    const known = entry.dependencies.get(key);
    if (known !== undefined) return known;
    const met = checkDependencies(grant, entry.held, target, noContext).met;
    entry.dependencies.set(key, met);
    return met;
  }
}

/** How many answers that read the request one principal keeps per action. */
const keptPerAction = 64;

/** Whether a statement's Condition reads the request time. */
function conditionReadsTime(statement: IndexedStatement): boolean {
  const { condition } = statement.statement;
  if (condition === undefined) return false;
  return Object.values(condition).some((keys) =>
    Object.keys(keys).some((key) => key.toLowerCase() === 'g:currenttime'),
  );
}

const indexes = new WeakMap<Evaluator, DecisionIndex>();

/** The decision index of an evaluator, built on first use. */
export function decisionIndex(evaluator: Evaluator): DecisionIndex {
  const existing = indexes.get(evaluator);
  if (existing) return existing;
  const index = new DecisionIndex(evaluator);
  indexes.set(evaluator, index);
  return index;
}

/**
 * The decision `can` would return for the same question. DLI privileges and project principals
 * are answered by `can` itself (their decision needs its DLI layer).
 */
export function decideCan(
  evaluator: Evaluator,
  principalText: string,
  what: string,
  options: QueryOptions = {},
): Decision {
  const index = decisionIndex(evaluator);
  const entry = index.entry(principalText);
  if (looksLikePrivilege(what)) {
    const decision = decidePrivilege(index, entry, what, options);
    return decision ?? can(evaluator, principalText, what, options).decision;
  }
  if (entry.principal.kind === 'project')
    return can(evaluator, principalText, what, options).decision;
  const { catalog } = evaluator.pg;
  const action = catalog.findAction(what);
  const project = index.project(options.project);
  if (action) {
    const target = requireTarget(evaluator, action, project);
    return decideAction(index, entry, action, target, options);
  }
  const { id, variants } = splitOperationSpec(what);
  const operation = catalog.operations.get(id);
  if (!operation) return can(evaluator, principalText, what, options).decision;
  const requirements = expandOperation(operation, [...variants, ...(options.variants ?? [])]);
  const decisions: Decision[] = [];
  for (const { requirement } of requirements) {
    const decision = decideRequirement(index, entry, requirement, options, project);
    // What the index does not cover (a catalog error, a missing project) `can` reports.
    if (decision === undefined) return can(evaluator, principalText, what, options).decision;
    decisions.push(decision);
  }
  return combineDecisions(decisions);
}

function decideRequirement(
  index: DecisionIndex,
  entry: PrincipalEntry,
  requirement: CatalogRequirement,
  options: QueryOptions,
  project: string | undefined,
): Decision | undefined {
  const { evaluator } = index;
  const { catalog } = evaluator.pg;
  const decideIn = (action: CatalogAction, inProject: string | undefined): Decision =>
    decideAction(index, entry, action, requireTarget(evaluator, action, inProject), options);
  if ('action' in requirement) {
    const action = catalog.findAction(requirement.action);
    return action ? decideIn(action, project) : undefined;
  }
  const target: Target | undefined =
    requirement.scope === 'global'
      ? { kind: 'global' }
      : project === undefined
        ? undefined
        : { kind: 'project', project };
  const system = catalog.findPermission(requirement.permission);
  if (!target || !system) return undefined;
  const actions = grantedActions(evaluator, catalog.actions, system.name);
  const inProject = target.kind === 'project' ? target.project : project;
  if (actions.length > 0) return combineDecisions(actions.map((a) => decideIn(a, inProject)));
  const direct = entry.held.some(
    (h) =>
      h.grant.permission.name === system.name &&
      scopeCovers(h.grant.scope, target, noContext) === 'true' &&
      checkDependencies(h.grant, entry.held, target, noContext).met,
  );
  return direct ? 'allow' : 'implicit-deny';
}

/** One action in one target: Deny before Allow over the candidates, three-valued. */
function decideAction(
  index: DecisionIndex,
  entry: PrincipalEntry,
  action: CatalogAction,
  target: Target,
  options: QueryOptions,
): Decision {
  return actionOutcome(index, entry, action, target, options).decision;
}

/** The decision, and whether a Deny whose condition is not settled might apply. */
export function actionOutcome(
  index: DecisionIndex,
  entry: PrincipalEntry,
  action: CatalogAction,
  target: Target,
  options: QueryOptions,
  keep = true,
): ActionOutcome {
  const where = target.kind === 'global' ? '' : target.project;
  let perTarget = keep ? entry.outcomes.get(action) : undefined;
  const known = perTarget?.get(where);
  if (known) return known;
  // An answer that read the request is kept under the request's own inputs; looked up only
  // where answers of this action were kept, so questions asked once pay nothing for it.
  let keyed: string | undefined;
  if (perTarget !== undefined) {
    keyed = index.requestKey(entry, action, where, options);
    const seen = keyed === undefined ? undefined : perTarget.get(keyed);
    if (seen) return seen;
  }
  let context: RequestContext | undefined;
  const contextOf = (): RequestContext => {
    context ??= buildContext(
      index.evaluator.pg.model,
      entry.principal,
      action,
      target,
      options.context,
      options.now ?? new Date(),
    );
    return context;
  };
  const outcome = walkCandidates(index, entry, action, target, options, contextOf);
  if (!keep) return outcome;
  // An answer that consulted no context holds for every context: it is the principal's own.
  const free = !outcome.usedContext && context === undefined;
  if (!free && perTarget === undefined) keyed = index.requestKey(entry, action, where, options);
  if (free || (keyed !== undefined && (perTarget?.size ?? 0) < keptPerAction)) {
    if (!perTarget) entry.outcomes.set(action, (perTarget = new Map()));
    const kept = { decision: outcome.decision, denyUnknown: outcome.denyUnknown };
    perTarget.set(free ? where : (keyed as string), kept);
  }
  return outcome;
}

/** Deny before Allow over the candidates; `usedContext`: a statement needed the request. */
function walkCandidates(
  index: DecisionIndex,
  entry: PrincipalEntry,
  action: CatalogAction,
  target: Target,
  options: QueryOptions,
  contextOf: () => RequestContext,
): ActionOutcome & { usedContext: boolean } {
  let allowTrue = false;
  let allowUnknown = false;
  let denyUnknown = false;
  let usedContext = false;
  for (const candidate of index.candidates(entry, action)) {
    const { grant } = candidate.held;
    const coverage = scopeCovers(
      grant.scope,
      target,
      grant.scope.kind === 'enterprise-project' ? contextOf() : noContext,
    );
    if (coverage === 'false') continue;
    if (candidate.hasDepends && !index.dependenciesMet(entry, grant, target, contextOf)) continue;
    if (!candidate.contextFree) usedContext = true;
    const truth = and(statementTruth(index, candidate, action, options, contextOf), coverage);
    if (truth === 'false') continue;
    const deny = candidate.statement.statement.effect === 'Deny';
    if (deny && truth === 'true') return { decision: 'deny', denyUnknown, usedContext };
    if (deny) denyUnknown = true;
    else if (truth === 'true') allowTrue = true;
    else allowUnknown = true;
  }
  if (allowTrue && !denyUnknown) return { decision: 'allow', denyUnknown, usedContext };
  if (allowTrue || allowUnknown) return { decision: 'conditional', denyUnknown, usedContext };
  return { decision: 'implicit-deny', denyUnknown, usedContext };
}

function statementTruth(
  index: DecisionIndex,
  candidate: Candidate,
  action: CatalogAction,
  options: QueryOptions,
  contextOf: () => RequestContext,
): Truth {
  if (candidate.contextFree) return 'true';
  const request = { action, resource: options.resource, context: contextOf() };
  return index.evaluator.match(candidate.statement, request).truth;
}

function and(a: Truth, b: Truth): Truth {
  if (a === 'false' || b === 'false') return 'false';
  return a === 'unknown' || b === 'unknown' ? 'unknown' : 'true';
}
