/**
 * Whether one statement applies to one request: its action patterns, resource patterns and
 * conditions, in three values. Which statements win (Deny before Allow, scopes, role
 * dependencies) is the engine's business; this module answers only "does this statement match".
 */
import {
  compileConditionBlock,
  evaluateConditionBlock,
  andTruth,
  type CompiledCondition,
  type FailedCondition,
} from './condition.js';
import {
  compileActionPattern,
  compileResourcePattern,
  matchAction,
  matchResource,
  type ActionMatcher,
  type ResourceMatcher,
} from './pattern.js';
import type { PolicyVersion, RequestContext, Statement, Truth } from './types.js';

/** A statement with its patterns and conditions compiled once. */
export interface CompiledStatement {
  readonly statement: Statement;
  readonly version: PolicyVersion;
  readonly actions: readonly ActionMatcher[] | undefined;
  readonly notActions: readonly ActionMatcher[] | undefined;
  readonly excludes: readonly ActionMatcher[];
  /** Undefined when the statement has no `Resource` (it then covers every resource). */
  readonly resources: readonly ResourceMatcher[] | undefined;
  readonly condition: readonly CompiledCondition[];
}

/** One action request as a statement sees it. */
export interface StatementRequest {
  action: string;
  /** The resource URN (or agency URI), when the query names one. */
  resource?: string;
  context: RequestContext;
}

/** Why a statement does not apply. */
export type MismatchReason = 'action' | 'not-action' | 'excluded' | 'resource' | 'condition';

/** The outcome of matching one statement. */
export interface StatementMatch {
  truth: Truth;
  /** Set when `truth` is false: the first part of the statement that ruled the request out. */
  reason?: MismatchReason;
  /** Whether the action part (Action / NotAction / ExcludeAction) admits the request's action. */
  actionMatched: boolean;
  /** The `Action` pattern that matched (absent for a `NotAction` statement). */
  matchedPattern?: string;
  /** The `NotAction` or `ExcludeAction` pattern that ruled the action out. */
  excludedBy?: string;
  /** The `Resource` pattern that matched. */
  matchedResource?: string;
  /** The statement names resources but the request did not: the resource part is unknown. */
  unknownResource: boolean;
  /** The condition block's truth; absent when the action or resource already ruled it out. */
  conditionTruth?: Truth;
  unknownKeys: string[];
  failed: FailedCondition[];
  unknownOperators: string[];
}

/** Compiles a statement's patterns and conditions for the given document version. */
export function compileStatement(statement: Statement, version: PolicyVersion): CompiledStatement {
  const actions = (patterns: string[] | undefined): ActionMatcher[] | undefined =>
    patterns?.map((p) => compileActionPattern(p, version));

  return {
    statement,
    version,
    actions: actions(statement.action),
    notActions: actions(statement.notAction),
    excludes: actions(statement.excludeAction) ?? [],
    resources: statement.resource?.map((p) => compileResourcePattern(p, version)),
    condition: statement.condition ? compileConditionBlock(statement.condition) : [],
  };
}

function noMatch(reason: MismatchReason, extra: Partial<StatementMatch> = {}): StatementMatch {
  const base = { truth: 'false' as const, reason, actionMatched: false, unknownResource: false };

  return { ...base, unknownKeys: [], failed: [], unknownOperators: [], ...extra };
}

/**
 * Matches a request against a compiled statement: the action (any `Action` pattern; for
 * `NotAction`, none of them; never an `ExcludeAction` one), then the resource, then the
 * conditions, combined with three-valued AND.
 */
export function matchStatement(
  compiled: CompiledStatement,
  request: StatementRequest,
): StatementMatch {
  const action = matchActionPart(compiled, request.action);
  if ('reason' in action) return action;
  const resource = matchResourcePart(compiled.resources, request.resource);
  if (resource.truth === 'false') {
    return noMatch('resource', { actionMatched: true, ...action });
  }
  const condition = evaluateConditionBlock(compiled.condition, request.context);
  const truth = andTruth(resource.truth, condition.truth);
  const result: StatementMatch = {
    truth,
    actionMatched: true,
    unknownResource: resource.truth === 'unknown',
    conditionTruth: condition.truth,
    unknownKeys: condition.unknownKeys,
    failed: condition.failed,
    unknownOperators: condition.unknownOperators,
  };
  if (truth === 'false') result.reason = 'condition';
  if (action.matchedPattern !== undefined) result.matchedPattern = action.matchedPattern;
  if (resource.pattern !== undefined) result.matchedResource = resource.pattern;

  return result;
}

function matchActionPart(
  compiled: CompiledStatement,
  action: string,
): { matchedPattern?: string } | StatementMatch {
  let matchedPattern: string | undefined;
  if (compiled.actions) {
    matchedPattern = compiled.actions.find((m) => matchAction(m, action))?.pattern;
    if (matchedPattern === undefined) return noMatch('action');
  } else if (compiled.notActions) {
    const listed = compiled.notActions.find((m) => matchAction(m, action));
    if (listed) return noMatch('not-action', { excludedBy: listed.pattern });
  }
  const excluded = compiled.excludes.find((m) => matchAction(m, action));
  const matched = matchedPattern === undefined ? {} : { matchedPattern };
  if (excluded) return noMatch('excluded', { excludedBy: excluded.pattern, ...matched });

  return matched;
}

function matchResourcePart(
  resources: readonly ResourceMatcher[] | undefined,
  resource: string | undefined,
): { truth: Truth; pattern?: string } {
  if (!resources) return { truth: 'true' };
  const everything = resources.find((m) => m.matchesEverything);
  if (everything) return { truth: 'true', pattern: everything.pattern };
  if (resource === undefined) return { truth: 'unknown' };
  const hit = resources.find((m) => matchResource(m, resource));

  return hit ? { truth: 'true', pattern: hit.pattern } : { truth: 'false' };
}
