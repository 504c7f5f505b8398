/**
 * Candidates for a fix: which permissions could supply the actions a principal is missing in one
 * target, with the roles their `Depends` bring along, and which of the principal's groups a grant
 * should go to.
 */
import type { CatalogAction, SystemPermission } from '../catalog/catalog.js';
import { PermgraphError } from '../errors.js';
import type { AccountModel, Holder, Permission, Scope } from '../model/types.js';
import type { Evaluator } from './evaluator.js';
import { scopeCovers } from './grants.js';
import type { PrincipalRef, Target } from './types.js';

/** A permission to grant in a target, with the dependent roles it needs there. */
export interface Candidate {
  /** The permission that covers the missing actions. */
  permission: Permission;
  /** Every permission to grant: the candidate (unless already held) and its missing Depends. */
  grants: Permission[];
}

/** The actions an Allow statement of the permission grants, ignoring conditions. */
export function allowedActions(
  evaluator: Evaluator,
  permission: Permission,
  actions: readonly CatalogAction[],
): CatalogAction[] {
  const statements = evaluator
    .statementsOf(permission)
    .filter((s) => s.statement.effect === 'Allow');
  return actions.filter((action) =>
    statements.some(
      (s) =>
        evaluator.match(s, { action, context: new Map(), ignoreConditions: true }).actionMatched,
    ),
  );
}

/** A catalog system permission as the model holds one. */
export function systemPermission(system: SystemPermission): Permission {
  return {
    name: system.name,
    origin: 'system',
    kind: system.kind,
    document: system.document,
    system,
    description: system.description.en,
    position: system.position,
  };
}

/** Whether Huawei's console lets a system permission be granted on this kind of target. */
function grantableOn(system: SystemPermission, target: Target): boolean {
  if (system.scope === 'both') return true;
  return system.scope === target.kind;
}

/**
 * Every permission (catalog system permissions, then the model's custom Version 1.1 policies)
 * whose Allow statements cover all of `missing`, with what else must be granted for it to work.
 */
export function coveringCandidates(
  evaluator: Evaluator,
  principal: PrincipalRef,
  target: Target,
  missing: readonly CatalogAction[],
): Candidate[] {
  const { catalog, model } = evaluator.pg;
  const permissions: Permission[] = [
    ...[...catalog.permissions.values()]
      .filter((s) => grantableOn(s, target))
      .map((s) => systemPermission(s)),
    ...[...model.policies.values()].filter((p) => p.document.version === '1.1'),
  ];
  return permissions
    .filter((p) => covers(evaluator, p, missing))
    .map((permission) => ({
      permission,
      grants: withDependencies(evaluator, principal, permission, target),
    }))
    .filter((c) => c.grants.length > 0);
}

function covers(
  evaluator: Evaluator,
  permission: Permission,
  missing: readonly CatalogAction[],
): boolean {
  return allowedActions(evaluator, permission, missing).length === missing.length;
}

/**
 * The permission and the roles in its `Depends` (recursively) that the principal does not
 * already hold at a scope covering the target. A v1.0 role does nothing without them.
 */
export function withDependencies(
  evaluator: Evaluator,
  principal: PrincipalRef,
  permission: Permission,
  target: Target,
): Permission[] {
  const out: Permission[] = [];
  const seen = new Set<string>();
  const visit = (p: Permission): void => {
    const key = p.name.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    if (!holds(evaluator, principal, p.name, target)) out.push(p);
    for (const dependency of p.document.depends) {
      const system = evaluator.pg.catalog.findPermission(dependency.display_name);
      if (system) visit(systemPermission(system));
    }
  };
  visit(permission);
  return out;
}

function holds(
  evaluator: Evaluator,
  principal: PrincipalRef,
  name: string,
  target: Target,
): boolean {
  return evaluator.grants
    .held(principal)
    .some(
      (h) =>
        h.grant.permission.name.toLowerCase() === name.toLowerCase() &&
        scopeCovers(h.grant.scope, target, new Map()) === 'true',
    );
}

/** The holder a grant for this principal should go to, and who else gains by it. */
export interface HolderChoice {
  holder: Holder;
  /** Set when no suitable group exists: create this group with the user as its only member. */
  newGroup?: string | undefined;
  /** Other users who gain the access too (members of the chosen group). */
  alsoAffects: string[];
}

/**
 * Picks the group to grant to: a group principal itself; for a user, the group that already
 * holds a grant of one of these permissions (so a role's Depends land next to it), else one
 * with a grant covering the target, with the fewest other members; a user in no group gets a
 * new group of its own.
 */
export function chooseHolder(
  model: AccountModel,
  principal: PrincipalRef,
  permissions: readonly string[],
  target: Target,
): HolderChoice {
  if (principal.kind !== 'user') {
    const name = principal.kind === 'group' ? principal.name : '';
    const members = model.groups.get(name)?.members ?? [];
    return { holder: { kind: 'group', name }, alsoAffects: [...members].sort() };
  }
  const user = model.users.get(principal.name);
  const groups = (user?.groups ?? []).flatMap((g) => {
    const group = model.groups.get(g);
    return group ? [group] : [];
  });
  const wanted = new Set(permissions.map((p) => p.toLowerCase()));
  const relevance = (grants: readonly { permission: Permission; scope: Scope }[]): number => {
    if (grants.some((g) => wanted.has(g.permission.name.toLowerCase()))) return 0;
    if (grants.some((g) => scopeCovers(g.scope, target, new Map()) === 'true')) return 1;
    return 2;
  };
  const ranked = groups
    .map((group) => ({
      group,
      relevance: relevance(group.grants),
      others: group.members.filter((m) => m !== principal.name).sort(),
    }))
    .sort(
      (a, b) =>
        a.relevance - b.relevance ||
        a.others.length - b.others.length ||
        a.group.name.localeCompare(b.group.name),
    );
  const best = ranked[0];
  if (best) return { holder: { kind: 'group', name: best.group.name }, alsoAffects: best.others };
  const name = freeGroupName(model, `${principal.name}-access`);
  return { holder: { kind: 'group', name }, newGroup: name, alsoAffects: [] };
}

function freeGroupName(model: AccountModel, base: string): string {
  if (!model.groups.has(base)) return base;
  for (let n = 2; ; n += 1) if (!model.groups.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The model scope of a target: the project's name, or `global`. */
export function scopeOfTarget(model: AccountModel, target: Target): Scope {
  if (target.kind === 'global') return { kind: 'global' };
  const project = model.projects.find((p) => p.name === target.project);
  if (!project) throw new PermgraphError('E_USAGE', `unknown project "${target.project}"`);

  return { kind: 'project', project };
}
