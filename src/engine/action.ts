/**
 * Evaluates one action request for one principal, following DESIGN.md §4: collect the grants,
 * keep those whose scope covers the request, drop roles whose Depends are not met, match
 * statements (three-valued), then Deny before Allow. Near misses explain denials.
 */
import type { CatalogAction } from '../catalog/catalog.js';
import { describeScope, type Grant } from '../model/types.js';
import type { RequestContext, Truth } from '../policy/types.js';
import type { Evaluator } from './evaluator.js';
import {
  checkDependencies,
  describeScopeMiss,
  describeTarget,
  scopeCovers,
  type HeldGrant,
} from './grants.js';
import type {
  Check,
  Decision,
  NearMiss,
  PathStep,
  PrincipalRef,
  StatementMatch,
  Target,
} from './types.js';

/** A request for one catalog action. */
export interface ActionRequest {
  action: CatalogAction;
  target: Target;
  resource?: string | undefined;
  context: RequestContext;
}

/** Evaluates an action request and returns its check with explanations. */
export function evaluateAction(
  evaluator: Evaluator,
  principal: PrincipalRef,
  request: ActionRequest,
): Check {
  const { matches, nearMisses } = statementMatches(evaluator, principal, request);
  const decision = decide(matches);
  return {
    requirement: { kind: 'action', action: request.action.name },
    scope: describeTarget(request.target),
    decision,
    because: decidingMatches(decision, matches),
    nearMisses: decision === 'allow' ? [] : nearMisses,
    unknownKeys: decision === 'conditional' ? unknownKeysOf(matches) : [],
    notes: [],
  };
}

/** Every statement that applies (true or unknown) to the request, and the near misses. */
export function statementMatches(
  evaluator: Evaluator,
  principal: PrincipalRef,
  request: ActionRequest,
): { matches: StatementMatch[]; nearMisses: NearMiss[] } {
  const held = evaluator.grants.held(principal);
  const matches: StatementMatch[] = [];
  const nearMisses: NearMiss[] = [];
  for (const h of held) collectFromGrant(evaluator, h, held, request, matches, nearMisses);
  return { matches, nearMisses };
}

function collectFromGrant(
  evaluator: Evaluator,
  h: HeldGrant,
  held: readonly HeldGrant[],
  request: ActionRequest,
  matches: StatementMatch[],
  nearMisses: NearMiss[],
): void {
  const { grant } = h;
  const statements = evaluator.statementsFor(grant.permission, request.action);
  if (statements.length === 0) return;
  const coverage = scopeCovers(grant.scope, request.target, request.context);
  if (coverage === 'false') {
    if (
      statements.some((s) => s.statement.effect === 'Allow' && actionMatches(evaluator, s, request))
    ) {
      nearMisses.push(scopeMiss(h, request));
    }
    return;
  }
  const dependencies = checkDependencies(grant, held, request.target, request.context);
  if (!dependencies.met) {
    if (statements.some((s) => actionMatches(evaluator, s, request))) {
      nearMisses.push(dependencyMiss(h, request.target, dependencies.missing));
    }
    return;
  }
  for (const compiled of statements) {
    const result = evaluator.match(compiled, request);
    if (result.truth === 'false') {
      if (result.actionMatched && compiled.statement.effect === 'Allow')
        nearMisses.push(conditionMiss(h, compiled, result.reason));
      continue;
    }
    const truth = and(result.truth, coverage);
    const unknownKeys =
      coverage === 'unknown'
        ? [...result.unknownKeys, 'g:EnterpriseProjectId']
        : result.unknownKeys;
    matches.push({
      effect: compiled.statement.effect,
      truth,
      permission: grant.permission.name,
      grant: grant.id,
      scope: describeScope(grant.scope),
      pattern: result.pattern,
      unknownKeys: [...new Set(unknownKeys)].sort(),
      path: [
        ...h.path,
        evaluator.permissionStep(grant),
        evaluator.statementStep(compiled),
        patternStep(result.pattern),
      ],
    });
  }
}

function actionMatches(
  evaluator: Evaluator,
  compiled: Parameters<Evaluator['match']>[0],
  request: ActionRequest,
): boolean {
  return evaluator.match(compiled, { ...request, context: new Map(), ignoreConditions: true })
    .actionMatched;
}

function and(a: Truth, b: Truth): Truth {
  if (a === 'false' || b === 'false') return 'false';
  return a === 'unknown' || b === 'unknown' ? 'unknown' : 'true';
}

/**
 * Deny before Allow: a Deny that certainly applies denies. A certain Allow allows unless a Deny
 * might apply (then the answer depends on that Deny's condition). An Allow that might apply
 * makes the answer conditional. Nothing applies: implicit deny.
 */
export function decide(matches: readonly StatementMatch[]): Decision {
  const has = (effect: 'Allow' | 'Deny', truth: Truth): boolean =>
    matches.some((m) => m.effect === effect && m.truth === truth);
  if (has('Deny', 'true')) return 'deny';
  if (has('Allow', 'true') && !has('Deny', 'unknown')) return 'allow';
  if (has('Allow', 'true') || has('Allow', 'unknown')) return 'conditional';
  return 'implicit-deny';
}

function decidingMatches(decision: Decision, matches: readonly StatementMatch[]): StatementMatch[] {
  switch (decision) {
    case 'deny':
      return matches.filter((m) => m.effect === 'Deny' && m.truth === 'true');
    case 'allow':
      return matches.filter((m) => m.effect === 'Allow' && m.truth === 'true');
    case 'conditional':
      return matches.filter((m) => m.truth === 'unknown' || m.effect === 'Allow');
    case 'implicit-deny':
      return [];
  }
}

function unknownKeysOf(matches: readonly StatementMatch[]): string[] {
  return [
    ...new Set(matches.filter((m) => m.truth === 'unknown').flatMap((m) => m.unknownKeys)),
  ].sort();
}

function patternStep(pattern: string | undefined): PathStep {
  return { kind: 'pattern', label: pattern === undefined ? 'matches' : `matches ${pattern}` };
}

function scopeMiss(h: HeldGrant, request: ActionRequest): NearMiss {
  const reason =
    request.action.scope === 'global' && h.grant.scope.kind === 'project'
      ? 'global-action-in-project-grant'
      : request.action.scope === 'project' && h.grant.scope.kind === 'global'
        ? 'project-action-in-global-grant'
        : h.grant.scope.kind === 'enterprise-project'
          ? 'enterprise-project'
          : 'scope';
  return {
    reason,
    message: describeScopeMiss(h.grant, request.target, request.action.scope),
    path: h.path,
  };
}

function dependencyMiss(h: HeldGrant, target: Target, missing: string[]): NearMiss {
  const grant: Grant = h.grant;
  const list = missing.join(' and ');
  return {
    reason: 'missing-dependency',
    message: `${grant.permission.name} is a role that takes effect only with ${list} granted in the same scope (${describeTarget(target)}); it contributes nothing here`,
    path: h.path,
  };
}

function conditionMiss(
  h: HeldGrant,
  compiled: Parameters<Evaluator['match']>[0],
  reason: string,
): NearMiss {
  const n = compiled.statement.index + 1;
  return {
    reason: reason.startsWith('resource') ? 'resource-mismatch' : 'condition-false',
    message: `${h.grant.permission.name} statement ${n} matches the action but ${reason}`,
    path: h.path,
  };
}
