/**
 * Grants from an IAM API export. `GET /v3.0/OS-PERMISSION/role-assignments` lists every grant
 * of the account: a subject (user, group or agency), a role, and a scope (project, domain or
 * enterprise project). A domain scope is the global services, or with `is_inherited: true`
 * all resources (every project, current and future, and global services). The per-group role
 * listings say the same from the other side: the scope is in their URL.
 */
import type { DocPath, SourcePosition } from '../../model/source.js';
import { documentOrigin, type HolderRef } from '../builder.js';
import type { ImportLog } from '../log.js';
import { itemPaths, knownName } from './items.js';
import type { ExportResponse } from './layout.js';
import { declareRole, grantedPermission, stringField, valueAt, type RoleContext } from './roles.js';

/** A grant's scope as the API states it, ids not yet turned into model names. */
export type GrantScope =
  | { kind: 'global' }
  | { kind: 'all' }
  | { kind: 'project'; id: string }
  | { kind: 'enterprise-project'; id: string };

/** Imports the records of a `role-assignments` response (a list, or one object as documented). */
export function importAssignments(context: RoleContext, response: ExportResponse): void {
  for (const path of itemPaths(response, 'role_assignments', context.log)) {
    context.log.attempt(() =>
      importAssignment(context, response, valueAt(response.source.value, path), path),
    );
  }
}

function importAssignment(
  context: RoleContext,
  response: ExportResponse,
  record: unknown,
  path: DocPath,
): void {
  const { log, builder } = context;
  const at = response.source.locate(path);
  if (typeof valueAt(record, ['agency']) === 'object') {
    log.unknown('a grant to an agency: agencies are not part of the model; ignored', at);
    return;
  }
  // One warning per skipped record: the first problem found skips it.
  const permission = permissionById(
    context,
    stringField(valueAt(record, ['role']), 'id'),
    response,
    path,
  );
  if (permission === undefined) return;
  const holder = holderOf(context, record, response, path);
  if (holder === undefined) return;
  const scope = scopeOf(record);
  if (scope === undefined) {
    log.skip(
      'E_SCHEMA',
      'a role assignment without scope.project, scope.domain or scope.enterprise_project',
      response.source.locate([...path, 'scope']),
    );
    return;
  }
  const scopeName = scopeNameOf(
    context,
    scope,
    response,
    response.source.locate([...path, 'scope']),
  );
  if (scopeName !== undefined)
    builder.grant(holder, permission, scopeName, documentOrigin(response.source, path));
}

function permissionById(
  context: RoleContext,
  id: string | undefined,
  response: ExportResponse,
  path: DocPath,
): string | undefined {
  const at = response.source.locate([...path, 'role']);
  if (id === undefined) {
    context.log.skip('E_SCHEMA', 'a role assignment without role.id', at);
    return undefined;
  }
  const name = context.roles.get(id);
  if (name === undefined) {
    context.log.skip(
      'E_REFERENCE',
      `role ${id} is in no role list of the export`,
      at,
      'export GET /v3/roles and GET /v3.0/OS-ROLE/roles as well, or pass --partial',
    );
  }
  // null: the role was seen and already reported as not modelled.
  return name === undefined || name === null ? undefined : grantedPermission(context, name);
}

function holderOf(
  context: RoleContext,
  record: unknown,
  response: ExportResponse,
  path: DocPath,
): HolderRef | undefined {
  for (const kind of ['group', 'user'] as const) {
    const id = stringField(valueAt(record, [kind]), 'id');
    if (id === undefined) continue;
    const at = response.source.locate([...path, kind, 'id']);
    const name = knownName(context.builder, kind, id, response, context.log, at);
    return name === undefined ? undefined : { kind, name };
  }
  context.log.skip(
    'E_SCHEMA',
    'a role assignment without group.id or user.id',
    response.source.locate(path),
  );
  return undefined;
}

function scopeOf(record: unknown): GrantScope | undefined {
  const project = stringField(valueAt(record, ['scope', 'project']), 'id');
  if (project !== undefined) return { kind: 'project', id: project };
  const ep = stringField(valueAt(record, ['scope', 'enterprise_project']), 'id');
  if (ep !== undefined) return { kind: 'enterprise-project', id: ep };
  if (typeof valueAt(record, ['scope', 'domain']) !== 'object') return undefined;

  const inherited =
    valueAt(record, ['is_inherited']) === true ||
    valueAt(record, ['scope', 'OS-INHERIT:inherited_to']) === 'projects';

  return inherited ? { kind: 'all' } : { kind: 'global' };
}

/**
 * The model scope of a grant; project ids must be in the export's project list (reported at
 * `at`, the record's scope, or the manifest entry when the id is in the request URL).
 */
export function scopeNameOf(
  context: RoleContext,
  scope: GrantScope,
  response: ExportResponse,
  at: SourcePosition = response.listedAt,
): string | undefined {
  if (scope.kind === 'global' || scope.kind === 'all') return scope.kind;
  if (scope.kind === 'enterprise-project') {
    // IAM does not list enterprise projects by name (that is the EPS service): named by id.
    return `enterprise-project:${context.builder.enterpriseProject(scope.id, scope.id, () => at)}`;
  }

  return knownName(context.builder, 'project', scope.id, response, context.log, at);
}

/** Imports a per-group (or per-user) role listing whose scope is in its URL. */
export function importGroupRoles(
  context: RoleContext,
  response: ExportResponse,
  holder: { kind: 'group' | 'user'; id: string },
  scope: GrantScope,
): void {
  const name = knownName(context.builder, holder.kind, holder.id, response, context.log);
  const scopeName = scopeNameOf(context, scope, response);
  if (name === undefined || scopeName === undefined) return;
  for (const path of itemPaths(response, 'roles', context.log)) {
    const role = declareRole(context, response.source, path);
    const permission = role === undefined ? undefined : grantedPermission(context, role);
    if (permission !== undefined)
      context.builder.grant(
        { kind: holder.kind, name },
        permission,
        scopeName,
        documentOrigin(response.source, path),
      );
  }
}
