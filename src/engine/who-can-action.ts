/**
 * Who can do one action in one target, found from the statements rather than from the
 * principals: the statements whose action part matches (through the per-service index), their
 * permissions, the grants whose scope can cover the target, and the principals holding those
 * grants. Only principals holding a matching Allow are judged, each on its few relevant grants,
 * with the same rules `can` applies: scope coverage, role Depends, conditions, Deny before Allow.
 */
import type { CatalogAction } from '../catalog/catalog.js';
import { describeScope, type Grant } from '../model/types.js';
import type { RequestContext, Truth } from '../policy/types.js';
import { decide } from './action.js';
import { buildContext } from './context.js';
import type { Evaluator, IndexedStatement, MatchOutcome } from './evaluator.js';
import { checkDependencies, scopeCovers } from './grants.js';
import { holderIndex, type Holding } from './holders.js';
import type { Decision, PathStep, PrincipalRef, StatementMatch, Target } from './types.js';

/** Which principals a reverse query lists. */
export type PrincipalKind = 'user' | 'group';

/** One principal's answer to one requirement. */
export interface PrincipalAnswer {
  principal: PrincipalRef;
  decision: Decision;
  unknownKeys: string[];
  /** The shortest path that explains the decision. */
  path: PathStep[];
}

/** The request a reverse query answers: an action in a target, with what the query supplied. */
export interface ReverseRequest {
  action: CatalogAction;
  target: Target;
  resource?: string | undefined;
  context?: Record<string, string[] | null> | undefined;
  now: Date;
}

/** A grant that may apply to the request, with its statements that match the action. */
interface RelevantGrant {
  grant: Grant;
  statements: IndexedStatement[];
  coverage: Truth;
  grantsAllow: boolean;
}

/** A principal to judge, with its relevant grants and the path to each. */
interface Candidate {
  principal: PrincipalRef;
  grants: { relevant: RelevantGrant; path: PathStep[] }[];
  holdsAllow: boolean;
}

/**
 * Answers, for every principal of `kind` that holds a matching Allow, whether it may do the
 * action: keyed by `user:alice` / `group:dba`. A principal that is absent is not allowed.
 */
export function whoCanAction(
  evaluator: Evaluator,
  request: ReverseRequest,
  kind: PrincipalKind,
): Map<string, PrincipalAnswer> {
  const supplied = suppliedContext(request);
  const relevant = relevantGrants(evaluator, request.action, request.target, supplied);
  const answers = new Map<string, PrincipalAnswer>();
  const sharedMatches = new Map<IndexedStatement, MatchOutcome>();
  for (const [key, candidate] of candidatesOf(evaluator, relevant, kind)) {
    if (!candidate.holdsAllow) continue;
    const answer = judge(evaluator, candidate, request, supplied, sharedMatches);
    if (answer.decision === 'allow' || answer.decision === 'conditional') answers.set(key, answer);
  }
  return answers;
}

/** Whether a granted statement matching the action names a `Resource`: answers may differ by resource. */
export function hasResourceStatements(evaluator: Evaluator, action: CatalogAction): boolean {
  return matchingStatements(evaluator, action).some((statements) =>
    statements.some((s) => s.statement.resource !== undefined),
  );
}

function suppliedContext(request: ReverseRequest): RequestContext {
  const context = new Map<string, string[] | null>();
  for (const [key, values] of Object.entries(request.context ?? {})) {
    context.set(key.toLowerCase(), values);
  }
  return context;
}

const relevantCache = new WeakMap<Evaluator, Map<string, IndexedStatement[][]>>();

/** The granted permissions' statements whose action part matches, per permission, memoised. */
function matchingStatements(evaluator: Evaluator, action: CatalogAction): IndexedStatement[][] {
  const perEvaluator = relevantCache.get(evaluator) ?? new Map<string, IndexedStatement[][]>();
  relevantCache.set(evaluator, perEvaluator);
  const cached = perEvaluator.get(action.name);
  if (cached) return cached;
  const request = { action, context: new Map(), ignoreConditions: true };
  const found = holderIndex(evaluator.pg)
    .grantedPermissions()
    .map(({ permission }) =>
      evaluator
        .statementsFor(permission, action)
        .filter((s) => evaluator.match(s, request).actionMatched),
    );
  perEvaluator.set(action.name, found);
  return found;
}

function relevantGrants(
  evaluator: Evaluator,
  action: CatalogAction,
  target: Target,
  supplied: RequestContext,
): RelevantGrant[] {
  const permissions = holderIndex(evaluator.pg).grantedPermissions();
  const statements = matchingStatements(evaluator, action);
  const relevant: RelevantGrant[] = [];
  permissions.forEach(({ grants }, i) => {
    const matching = statements[i] ?? [];
    if (matching.length === 0) return;
    const grantsAllow = matching.some((s) => s.statement.effect === 'Allow');
    for (const grant of grants) {
      const coverage = scopeCovers(grant.scope, target, supplied);
      if (coverage !== 'false')
        relevant.push({ grant, statements: matching, coverage, grantsAllow });
    }
  });
  return relevant;
}

function candidatesOf(
  evaluator: Evaluator,
  relevant: readonly RelevantGrant[],
  kind: PrincipalKind,
): Map<string, Candidate> {
  const holders = holderIndex(evaluator.pg);
  const candidates = new Map<string, Candidate>();
  for (const grant of relevant) {
    for (const holding of holders.holders(grant.grant)) {
      if (holding.principal.kind !== kind) continue;
      addHolding(candidates, holding, grant);
    }
  }
  return candidates;
}

function addHolding(candidates: Map<string, Candidate>, holding: Holding, grant: RelevantGrant) {
  const candidate = candidates.get(holding.key) ?? {
    principal: holding.principal,
    grants: [],
    holdsAllow: false,
  };
  candidate.grants.push({ relevant: grant, path: holding.path });
  candidate.holdsAllow ||= grant.grantsAllow;
  candidates.set(holding.key, candidate);
}

/** Judges one candidate exactly as `evaluateAction` would, on its relevant grants only. */
function judge(
  evaluator: Evaluator,
  candidate: Candidate,
  request: ReverseRequest,
  supplied: RequestContext,
  shared: Map<IndexedStatement, MatchOutcome>,
): PrincipalAnswer {
  const matches = judgeMatches(evaluator, candidate, request, supplied, shared);
  const decision = decide(matches);
  return {
    principal: candidate.principal,
    decision,
    unknownKeys: unknownKeysOf(decision, matches),
    path: shortest(decision, matches),
  };
}

/** The statements of a candidate's relevant grants that apply (true or unknown). */
function judgeMatches(
  evaluator: Evaluator,
  candidate: Candidate,
  request: ReverseRequest,
  supplied: RequestContext,
  shared: Map<IndexedStatement, MatchOutcome>,
): StatementMatch[] {
  const { model } = evaluator.pg;
  const { principal } = candidate;
  // Built only when a statement has a condition: most statements match the same for everyone.
  let built: RequestContext | undefined;
  const context = (): RequestContext =>
    (built ??= buildContext(
      model,
      principal,
      request.action,
      request.target,
      request.context,
      request.now,
    ));
  const matches: StatementMatch[] = [];
  for (const { relevant, path } of candidate.grants) {
    // Scopes in Depends read only supplied keys (the enterprise project), never derived ones.
    if (!dependenciesMet(evaluator, principal, relevant.grant, request.target, supplied)) continue;
    for (const statement of relevant.statements) {
      const outcome = matchOnce(evaluator, statement, request, context, shared);
      if (outcome.truth === 'false') continue;
      matches.push(toMatch(evaluator, relevant, statement, outcome, path));
    }
  }
  return matches;
}

function dependenciesMet(
  evaluator: Evaluator,
  principal: PrincipalRef,
  grant: Grant,
  target: Target,
  context: RequestContext,
): boolean {
  if (grant.permission.document.depends.length === 0) return true;
  return checkDependencies(grant, evaluator.grants.held(principal), target, context).met;
}

/** Statements without conditions match the same way for every principal: match them once. */
function matchOnce(
  evaluator: Evaluator,
  statement: IndexedStatement,
  request: ReverseRequest,
  context: () => RequestContext,
  shared: Map<IndexedStatement, MatchOutcome>,
): MatchOutcome {
  const principalFree = statement.statement.condition === undefined;
  const cached = principalFree ? shared.get(statement) : undefined;
  if (cached) return cached;
  const outcome = evaluator.match(statement, {
    ...request,
    context: principalFree ? emptyContext : context(),
  });
  if (principalFree) shared.set(statement, outcome);
  return outcome;
}

function toMatch(
  evaluator: Evaluator,
  relevant: RelevantGrant,
  statement: IndexedStatement,
  outcome: MatchOutcome,
  path: PathStep[],
): StatementMatch {
  const { grant, coverage } = relevant;
  const unknown = coverage === 'unknown';
  const keys = unknown ? [...outcome.unknownKeys, 'g:EnterpriseProjectId'] : outcome.unknownKeys;
  return {
    effect: statement.statement.effect,
    truth: unknown ? 'unknown' : outcome.truth,
    permission: grant.permission.name,
    grant: grant.id,
    scope: describeScope(grant.scope),
    pattern: outcome.pattern,
    unknownKeys: [...new Set(keys)].sort(),
    path: [
      ...path,
      evaluator.permissionStep(grant),
      evaluator.statementStep(statement),
      {
        kind: 'pattern',
        label: outcome.pattern === undefined ? 'matches' : `matches ${outcome.pattern}`,
      },
    ],
  };
}

function unknownKeysOf(decision: Decision, matches: readonly StatementMatch[]): string[] {
  if (decision !== 'conditional') return [];
  const unknown = matches.filter((m) => m.truth === 'unknown');
  return [...new Set(unknown.flatMap((m) => m.unknownKeys))].sort();
}

/** The shortest path among the Allow statements that decided, ties broken by its text. */
function shortest(decision: Decision, matches: readonly StatementMatch[]): PathStep[] {
  const wanted = decision === 'allow' ? 'true' : undefined;
  const allows = matches.filter(
    (m) => m.effect === 'Allow' && (wanted === undefined || m.truth === wanted),
  );
  const paths = allows.map((m) => m.path).sort(comparePaths);
  return paths[0] ?? [];
}

/** Orders paths by length, then by their labels: the answer must not depend on graph order. */
export function comparePaths(a: readonly PathStep[], b: readonly PathStep[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const left = a[i]?.label ?? '';
    const right = b[i]?.label ?? '';
    if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

const emptyContext: RequestContext = new Map();
