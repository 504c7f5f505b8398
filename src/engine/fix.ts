/**
 * `fix`: for a request `can` denies, the smallest change that allows it. For an explicit Deny,
 * the statement that denies (it must change: no grant can outweigh a Deny). For what is not
 * granted, the grants that would supply it — the narrowest catalog system permission (with the
 * roles its Depends need) and a custom policy holding exactly the missing actions — each checked
 * by asking the evaluator again on the account with the change applied.
 */
import type { CatalogAction } from '../catalog/catalog.js';
import type { AccountModel, Permission } from '../model/types.js';
import type { SourcePosition } from '../model/source.js';
import { can, parsePrincipal } from './can.js';
import { grantedActions } from './permission.js';
import type { Evaluator } from './evaluator.js';
import { describeTarget } from './grants.js';
import { resolveQuery, type ResolvedRequirement } from './request.js';
import {
  chooseHolder,
  coveringCandidates,
  scopeOfTarget,
  type Candidate,
  type HolderChoice,
} from './fix-candidates.js';
import { policyDocument, type SuggestedDocument } from './suggest-document.js';
import { proposeDliGrant, type DliGrantProposal } from './fix-dli.js';
import { evaluatorFor, focusOn, withProposal, type ProposedGrant } from './fix-simulate.js';
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

/** The actions missing in one target, in catalog order. */
interface Gap {
  target: Target;
  actions: CatalogAction[];
  permissions: string[];
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
    if (!check || check.decision !== 'implicit-deny') return;
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

function formatRef(principal: PrincipalRef): string {
  return principal.kind === 'project'
    ? `project:${principal.id}`
    : `${principal.kind}:${principal.name}`;
}

/** A target's best system-permission candidate, the exact custom policy, and the others. */
interface TargetPlan {
  gap: Gap;
  holder: HolderChoice;
  best?: { candidate: Candidate; adds: number } | undefined;
  exact: { document: SuggestedDocument; adds: number };
  alternatives: Alternative[];
}

/** Plans per target and checks proposals by re-evaluating on the changed account. */
class Planner {
  private readonly before = new Map<string, Set<string>>();
  /** The account cut down to the principal, where every "what if" is evaluated. */
  private readonly base: AccountModel;

  constructor(
    private readonly evaluator: Evaluator,
    private readonly principal: PrincipalRef,
    private readonly what: string,
    private readonly options: QueryOptions,
    private readonly current: CanResult,
  ) {
    this.base =
      principal.kind === 'project' ? evaluator.pg.model : focusOn(evaluator.pg.model, principal);
  }

  planTarget(gap: Gap): TargetPlan {
    const { model } = this.evaluator.pg;
    const candidates = coveringCandidates(this.evaluator, this.principal, gap.target, gap.actions);
    const names = [...gap.permissions, ...candidates.flatMap((c) => c.grants.map((g) => g.name))];
    const holder = chooseHolder(model, this.principal, names, gap.target);
    const scored = candidates
      .map((candidate) => {
        const changed = this.changedEvaluator(holder, gap.target, candidate.grants);
        return {
          candidate,
          adds: this.addsIn(changed, gap.target),
          works: this.works(changed, gap.target),
        };
      })
      .filter((s) => s.works)
      .sort((a, b) => this.rank(a, b, gap));
    const document = policyDocument(
      `${principalName(this.principal)}-${slug(this.what)}${gap.target.kind === 'global' ? '-global' : ''}`,
      gap.target.kind,
      gap.actions,
    );
    const policy = documentPermission(document);
    const [best, ...rest] = scored;

    return {
      gap,
      holder,
      best,
      exact: {
        document,
        adds: this.addsIn(this.changedEvaluator(holder, gap.target, [policy]), gap.target),
      },
      alternatives: rest.slice(0, 3).map((s) => ({
        permissions: s.candidate.grants.map((g) => g.name),
        ...completes(s.candidate),
        scope: describeTarget(gap.target),
        adds: s.adds,
      })),
    };
  }

  /** Fewest added actions; then fewest grants; the permission the request names; then by name. */
  private rank(
    a: { candidate: Candidate; adds: number },
    b: { candidate: Candidate; adds: number },
    gap: Gap,
  ): number {
    const named = (c: Candidate): number => (gap.permissions.includes(c.permission.name) ? 0 : 1);
    return (
      a.adds - b.adds ||
      a.candidate.grants.length - b.candidate.grants.length ||
      named(a.candidate) - named(b.candidate) ||
      a.candidate.permission.name.localeCompare(b.candidate.permission.name)
    );
  }

  proposals(plans: readonly TargetPlan[]): Proposal[] {
    const out: Proposal[] = [];
    if (plans.some((p) => p.best)) {
      const parts = plans.map((p): Part =>
        p.best
          ? { plan: p, grants: p.best.candidate.grants, adds: p.best.adds, documents: [] }
          : exactPart(p),
      );
      out.push(this.proposal('existing', parts));
    }
    out.push(this.proposal('new-policy', plans.map(exactPart)));
    return out.sort((a, b) => a.adds - b.adds || (a.kind === 'existing' ? -1 : 1));
  }

  private proposal(kind: Proposal['kind'], parts: Part[]): Proposal {
    const grants = parts.flatMap((part) =>
      part.grants.map((permission) => ({
        holder: part.plan.holder.holder,
        permission,
        scope: scopeOfTarget(this.evaluator.pg.model, part.plan.gap.target),
      })),
    );
    const newGroups = uniqueNewGroups(parts, this.principal);
    const verified = this.verify(grants, newGroups);
    const documents = parts.flatMap((p) => p.documents);

    return {
      kind,
      grants: grants.map((g) => grantView(g, documents)),
      documents,
      completes: parts.flatMap((p) => (p.completes ? [p.completes] : [])),
      ...(newGroups[0] ? { newGroup: newGroups[0].name } : {}),
      adds: parts.reduce((sum, p) => sum + p.adds, 0),
      alsoAffects: [...new Set(parts.flatMap((p) => p.plan.holder.alsoAffects))].sort(),
      verified,
    };
  }

  /** With the change applied, nothing the request needs is still implicitly denied. */
  private verify(grants: ProposedGrant[], groups: { name: string; members: string[] }[]): boolean {
    const changed = evaluatorFor(withProposal(this.base, grants, groups), this.evaluator);
    const after = can(changed, formatRef(this.principal), this.what, this.options);
    if (
      this.current.deniedBy.length === 0 &&
      this.current.checks.every((c) => c.decision !== 'conditional')
    )
      return after.allowed;
    return after.checks.every((c) => c.decision !== 'implicit-deny');
  }

  /** No check that passes today fails, and every missing one in this target passes. */
  private works(changed: Evaluator, target: Target): boolean {
    const checks = can(changed, formatRef(this.principal), this.what, this.options).checks;
    return this.current.checks.every((check, i) => {
      const after = checks[i]?.decision;
      if (check.decision === 'allow') return after === 'allow';
      if (check.scope !== describeTarget(target) || check.decision !== 'implicit-deny') return true;
      return after === 'allow';
    });
  }

  private changedEvaluator(
    holder: HolderChoice,
    target: Target,
    permissions: readonly Permission[],
  ): Evaluator {
    const scope = scopeOfTarget(this.base, target);
    const grants = permissions.map((permission) => ({ holder: holder.holder, permission, scope }));
    const groups = holder.newGroup
      ? [{ name: holder.newGroup, members: [principalName(this.principal)] }]
      : [];
    return evaluatorFor(withProposal(this.base, grants, groups), this.evaluator);
  }

  /** How many catalog actions of the target's kind the principal gains with these grants. */
  private addsIn(changed: Evaluator, target: Target): number {
    const before = this.allowedIn(this.evaluator, target, true);
    const after = this.allowedIn(changed, target, false);
    let count = 0;
    for (const name of after) if (!before.has(name)) count += 1;
    return count;
  }

  private allowedIn(evaluator: Evaluator, target: Target, cache: boolean): Set<string> {
    const key = describeTarget(target);
    const cached = cache ? this.before.get(key) : undefined;
    if (cached) return cached;
    const project = target.kind === 'project' ? target.project : undefined;
    const principal = formatRef(this.principal);
    const allowed = new Set(
      evaluator.pg.catalog.actions
        .filter((a) => a.scope === target.kind)
        .filter(
          (a) =>
            can(evaluator, principal, a.name, { ...this.options, project }).decision === 'allow',
        )
        .map((a) => a.name),
    );
    if (cache) this.before.set(key, allowed);
    return allowed;
  }
}

interface Part {
  plan: TargetPlan;
  grants: Permission[];
  adds: number;
  documents: SuggestedDocument[];
  completes?: string | undefined;
}

function completes(candidate: Candidate): { completes?: string } {
  const name = candidate.permission.name;
  return candidate.grants.some((g) => g.name === name) ? {} : { completes: name };
}

function exactPart(plan: TargetPlan): Part {
  return {
    plan,
    grants: [documentPermission(plan.exact.document)],
    adds: plan.exact.adds,
    documents: [plan.exact.document],
  };
}

function uniqueNewGroups(
  parts: readonly Part[],
  principal: PrincipalRef,
): { name: string; members: string[] }[] {
  const names = [
    ...new Set(parts.flatMap((p) => (p.plan.holder.newGroup ? [p.plan.holder.newGroup] : []))),
  ];
  return names.map((name) => ({ name, members: [principalName(principal)] }));
}

/** `rds.instance.create+encrypted` → `rds-instance-create-encrypted`, for policy names. */
function slug(what: string): string {
  return what
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

function principalName(principal: PrincipalRef): string {
  return principal.kind === 'project' ? principal.id : principal.name;
}

/** A proposed custom policy as a permission the evaluator can hold. */
export function documentPermission(document: SuggestedDocument): Permission {
  return {
    name: document.name,
    origin: 'custom',
    kind: 'policy',
    document: document.parsed,
    type: document.type,
    position: { file: '(proposed)', line: 1, column: 1 },
  };
}

function grantView(
  grant: ProposedGrant,
  documents: readonly SuggestedDocument[],
): ProposedGrantView {
  const isNew = documents.some((d) => d.name === grant.permission.name);
  return {
    permission: grant.permission.name,
    origin: isNew ? 'new' : grant.permission.origin,
    scope: grant.scope.kind === 'project' ? grant.scope.project.name : grant.scope.kind,
    to: `${grant.holder.kind}:${grant.holder.name}`,
  };
}
