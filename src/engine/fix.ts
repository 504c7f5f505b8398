/**
 * `fix`: for a request `can` denies, the smallest change that allows it. For an explicit Deny,
 * the statement that denies (it must change: no grant can outweigh a Deny). For what is not
 * granted, the grants that would supply it — the narrowest catalog system permission (with the
 * roles its Depends need) and a custom policy holding exactly the missing actions — each checked
 * by asking the evaluator again on the account with the change applied.
 */
import type { CatalogAction } from '../catalog/catalog.js';
import type { SourcePosition } from '../model/source.js';
import { can, parsePrincipal } from './can.js';
import { grantedActions } from './permission.js';
import type { Evaluator } from './evaluator.js';
import { describeTarget } from './grants.js';
import { requirementOf, resolveQuery, type ResolvedRequirement } from './request.js';
import { proposeDliGrant, type DliGrantProposal } from './fix-dli.js';
import { formatRef, Planner, type Gap } from './fix-plan.js';
import type { SuggestedDocument } from './suggest-document.js';
import type { CanResult, Check, PrincipalRef, QueryOptions, Target } from './types.js';

/** A Deny statement that decides the request; it has to change for the request to pass. */
export interface DenyingStatement {
  action: string;
  scope: string;
  permission: string;
  /** 1-based, as explanations print it. */
  statement: number;
  pattern?: string | undefined;
  grant: string;
  /** Who holds the grant (`group:developers`) and where it is granted. */
  grantedTo: string;
  grantScope: string;
  position?: SourcePosition | undefined;
  /** The statement belongs to a system permission: only revoking that grant removes it. */
  system: boolean;
}

/** What the principal lacks in one target. */
export interface MissingInTarget {
  scope: string;
  actions: string[];
  /** System permissions the request asks to hold here (`hold KMS Administrator`). */
  permissions: string[];
}

/** One grant of a proposal. */
export interface ProposedGrantView {
  permission: string;
  origin: 'system' | 'custom' | 'new';
  /** The model's scope syntax: a project name, or `global`. */
  scope: string;
  /** `group:dba`, or `user:alice` for a group principal's own grant. */
  to: string;
}

/** A change that makes the request allowed (or, with Denies left, no longer implicitly denied). */
export interface Proposal {
  kind: 'existing' | 'new-policy';
  grants: ProposedGrantView[];
  /** New custom policies the proposal creates (Version 1.1; one project-level, one global). */
  documents: SuggestedDocument[];
  /** Permissions already held that these grants make take effect (by supplying their Depends). */
  completes: string[];
  /** A group to create for the user, when the user is in no group. */
  newGroup?: string | undefined;
  /** Catalog actions the principal gains in the request's targets, the measure of "smallest". */
  adds: number;
  /** Other users who gain the same access through the chosen group. */
  alsoAffects: string[];
  /** The request, re-evaluated with the change applied: allowed (or only Denies remain). */
  verified: boolean;
}

/** A covering existing permission not chosen, for the reader to compare. */
export interface Alternative {
  permissions: string[];
  /** A permission already held whose Depends these grants supply, so that it takes effect. */
  completes?: string | undefined;
  scope: string;
  adds: number;
}

/** The answer to `fix`. */
export interface FixResult {
  catalog: { version: string; date: string };
  principal: string;
  request: CanResult['request'];
  decision: CanResult['decision'];
  allowed: boolean;
  denies: DenyingStatement[];
  conditional: { requirement: Check['requirement']; scope: string; unknownKeys: string[] }[];
  missing: MissingInTarget[];
  /** Ranked: fewest actions added first; on a tie, existing permissions before a new policy. */
  proposals: Proposal[];
  alternatives: Alternative[];
  /** For a DLI privilege not granted: the DLI grant request that allows it. */
  dliGrant?: DliGrantProposal | undefined;
}

/** Answers `fix <principal> <action|operation>`. */
export function fix(
  evaluator: Evaluator,
  principalText: string,
  what: string,
  options: QueryOptions = {},
): FixResult {
  const current = can(evaluator, principalText, what, options);
  const principal = parsePrincipal(evaluator, principalText);
  const base: FixResult = {
    catalog: current.catalog,
    principal: current.principal,
    request: current.request,
    decision: current.decision,
    allowed: current.allowed,
    denies: denyingStatements(evaluator, current),
    conditional: current.checks
      .filter((c) => c.decision === 'conditional')
      .map((c) => ({ requirement: c.requirement, scope: c.scope, unknownKeys: c.unknownKeys })),
    missing: [],
    proposals: [],
    alternatives: [],
  };
  if (current.allowed) return base;
  if (current.request.kind === 'privilege') {
    const dliGrant = proposeDliGrant(evaluator, principal, principalText, current);
    return dliGrant ? { ...base, dliGrant } : base;
  }
  const gaps = missingActions(evaluator, principal, what, current, options);
  if (gaps.length === 0) return base;
  const planner = new Planner(evaluator, principal, what, options, current);
  const plans = gaps.map((gap) => planner.planTarget(gap));

  return {
    ...base,
    missing: gaps.map((g) => ({
      scope: describeTarget(g.target),
      actions: g.actions.map((a) => a.name),
      permissions: g.permissions,
    })),
    proposals: planner.proposals(plans),
    alternatives: plans.flatMap((p) => p.alternatives),
  };
}

function describeRequirement(requirement: Check['requirement']): string {
  if (requirement.kind === 'action') return requirement.action;
  if (requirement.kind === 'permission') return `hold ${requirement.permission}`;
  return `${requirement.privilege} on ${requirement.object}`;
}

function denyingStatements(evaluator: Evaluator, result: CanResult): DenyingStatement[] {
  const out: DenyingStatement[] = [];
  for (const check of result.checks) {
    if (check.decision !== 'deny') continue;
    for (const match of check.because) {
      const step = match.path.find((s) => s.kind === 'statement');
      const number = Number(/statement (\d+)/.exec(step?.label ?? '')?.[1] ?? 0);
      const permission = evaluator.pg.model.policies.get(match.permission);
      out.push({
        action: describeRequirement(check.requirement),
        scope: check.scope,
        permission: match.permission,
        statement: number,
        pattern: match.pattern,
        grant: match.grant,
        grantedTo: match.grant.replace(/#.*$/, ''),
        grantScope: match.scope,
        position: step?.position,
        system: permission === undefined,
      });
    }
  }
  return out;
}

/**
 * Collects what is not granted, per target: the action of each implicitly denied action check,
 * and for "hold this permission" checks, those of its actions that are implicitly denied.
 */
function missingActions(
  evaluator: Evaluator,
  principal: PrincipalRef,
  what: string,
  current: CanResult,
  options: QueryOptions,
): Gap[] {
  const query = resolveQuery(evaluator, what, options);
  const gaps = new Map<string, Gap>();
  const add = (target: Target, action: CatalogAction | undefined, permission?: string): void => {
    const key = describeTarget(target);
    const gap = gaps.get(key) ?? { target, actions: [], permissions: [] };
    if (action && !gap.actions.includes(action)) gap.actions.push(action);
    if (permission && !gap.permissions.includes(permission)) gap.permissions.push(permission);
    gaps.set(key, gap);
  };
  query.requirements.forEach((requirement, i) => {
    const check = current.checks[i];
    // `can` and the resolution expand the operation the same way; a check for something else
    // would make the fix answer another question, so it is never read.
    if (!check || JSON.stringify(check.requirement) !== JSON.stringify(requirementOf(requirement)))
      throw new Error(`fix: check ${i} of ${what} does not match its requirement`);
    if (check.decision !== 'implicit-deny') return;
    if (requirement.kind === 'action') add(requirement.target, requirement.action);
    else
      for (const action of deniedActionsOf(evaluator, principal, requirement, options))
        add(requirement.target, action, requirement.permission.name);
  });
  const order = new Map(evaluator.pg.catalog.actions.map((a, i) => [a, i]));
  return [...gaps.values()]
    .map((g) => ({ ...g, actions: g.actions.sort((a, b) => order.get(a)! - order.get(b)!) }))
    .sort((a, b) => (a.target.kind === b.target.kind ? 0 : a.target.kind === 'project' ? -1 : 1));
}

function deniedActionsOf(
  evaluator: Evaluator,
  principal: PrincipalRef,
  requirement: Extract<ResolvedRequirement, { kind: 'permission' }>,
  options: QueryOptions,
): CatalogAction[] {
  const { catalog } = evaluator.pg;
  const project = requirement.target.kind === 'project' ? requirement.target.project : undefined;
  return grantedActions(evaluator, catalog.actions, requirement.permission.name).filter(
    (action) =>
      action.scope === requirement.target.kind &&
      can(evaluator, formatRef(principal), action.name, { ...options, project }).decision ===
        'implicit-deny',
  );
}
