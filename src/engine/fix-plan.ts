/**
 * Planning a fix: per target, the covering candidates ranked by the actions they add, the exact
 * new policy, the group to grant to, and each proposal checked by evaluating the request again
 * on the account (cut down to the principal) with the change applied.
 */
import type { CatalogAction } from '../catalog/catalog.js';
import type { AccountModel, Permission } from '../model/types.js';
import { can } from './can.js';
import type { Evaluator } from './evaluator.js';
import {
  chooseHolder,
  coveringCandidates,
  scopeOfTarget,
  type Candidate,
  type HolderChoice,
} from './fix-candidates.js';
import { evaluatorFor, focusOn, withProposal, type ProposedGrant } from './fix-simulate.js';
import type { Alternative, Proposal, ProposedGrantView } from './fix.js';
import { describeTarget } from './grants.js';
import { policyDocument, type SuggestedDocument } from './suggest-document.js';
import type { CanResult, PrincipalRef, QueryOptions, Target } from './types.js';

/** The actions missing in one target, in catalog order. */
export interface Gap {
  target: Target;
  actions: CatalogAction[];
  permissions: string[];
}

/** A principal as `can` reads it. */
export function formatRef(principal: PrincipalRef): string {
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
export class Planner {
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
