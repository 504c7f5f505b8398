/**
 * The account's grants as the grant and intent rules walk them: every grant in declaration
 * order, the catalog actions each permission gives, and which grants a principal holds.
 */
import type { Catalog, CatalogAction } from '../catalog/catalog.js';
import type { AccountModel, Grant, Holder, Permission, Scope } from '../model/types.js';
import { documentActions } from './actions.js';

const actionCache = new WeakMap<Catalog, WeakMap<Permission, CatalogAction[]>>();

/** Every grant of the model: users' own, then groups', each in declaration order. */
export function allGrants(model: AccountModel): Grant[] {
  return [
    ...[...model.users.values()].flatMap((u) => u.grants),
    ...[...model.groups.values()].flatMap((g) => g.grants),
  ];
}

/** The catalog actions a permission allows (conditions ignored, its own unconditional Denies out). */
export function permissionActions(catalog: Catalog, permission: Permission): CatalogAction[] {
  const perCatalog = actionCache.get(catalog) ?? new WeakMap<Permission, CatalogAction[]>();
  actionCache.set(catalog, perCatalog);
  let found = perCatalog.get(permission);
  if (!found) perCatalog.set(permission, (found = documentActions(catalog, permission.document)));

  return found;
}

/** The grants a holder receives: its own, and for a user those of its groups. */
export function grantsOf(model: AccountModel, holder: Holder): Grant[] {
  if (holder.kind === 'group') return model.groups.get(holder.name)?.grants ?? [];
  const user = model.users.get(holder.name);
  if (!user) return [];
  const groups = user.groups.flatMap((g) => model.groups.get(g)?.grants ?? []);

  return [...user.grants, ...groups];
}

/** `group:dba`, `user:alice`. */
export function holderText(holder: Holder): string {
  return `${holder.kind}:${holder.name}`;
}

/** How a grant's scope is written in the model: `cn-north-1`, `global`, `all`. */
export function scopeText(scope: Scope): string {
  switch (scope.kind) {
    case 'project':
      return scope.project.name;
    case 'enterprise-project':
      return `enterprise-project:${scope.enterpriseProject.name}`;
    default:
      return scope.kind;
  }
}

/** Whether a grant at `scope` reaches global-service actions. */
export function reachesGlobal(scope: Scope): boolean {
  return scope.kind === 'global' || scope.kind === 'all';
}

/** Whether a grant on `outer` applies wherever a grant on `inner` does. */
export function scopeCoversScope(outer: Scope, inner: Scope): boolean {
  if (outer.kind === 'all') return true;
  if (outer.kind !== inner.kind) return false;
  if (outer.kind === 'project' && inner.kind === 'project')
    return outer.project.name === inner.project.name;
  if (outer.kind === 'enterprise-project' && inner.kind === 'enterprise-project')
    return outer.enterpriseProject.name === inner.enterpriseProject.name;

  return true;
}
