/**
 * The Terraform resources that relate declared objects: group memberships, role assignments
 * (domain → global services, project → that project or `"all"`, enterprise project), v5 policy
 * attachments, and DLI grants, which become the model's DLI authorization requests.
 */
import { normaliseDliRequest } from '../../dli/request.js';
import { PermgraphError } from '../../errors.js';
import { fixedOrigin } from '../builder.js';
import { holder, knownString, referenced, resolveReference, type TfContext } from './resources.js';
import type { TfInstance } from './instance.js';
import { grantUncertain } from './uncertain-grant.js';
import { findPending, pendingReason, Unknown, type Value } from './values.js';

type Relate = (context: TfContext, instance: TfInstance) => void;

const handlers: Readonly<Record<string, Relate>> = {
  huaweicloud_identity_group_membership: (c, i) => membership(c, i, 'group', 'users'),
  huaweicloud_identityv5_group_membership: (c, i) => membership(c, i, 'group_id', 'user_id_list'),
  huaweicloud_identity_group_role_assignment: (c, i) => assignment(c, i, 'group', 'group_id'),
  huaweicloud_identity_user_role_assignment: (c, i) => assignment(c, i, 'user', 'user_id'),
  huaweicloud_identityv5_policy_group_attach: (c, i) => attachment(c, i, 'group', 'group_id'),
  huaweicloud_identityv5_policy_user_attach: (c, i) => attachment(c, i, 'user', 'user_id'),
  huaweicloud_identity_agency: (c, i) =>
    c.log.unknown(`${i.address}: agencies are not part of the model; ignored`, i.position),
  huaweicloud_identityv5_policy_agency_attach: (c, i) =>
    c.log.unknown(`${i.address}: agencies are not part of the model; ignored`, i.position),
  huaweicloud_dli_permission: (c, i) => dliGrant(c, i, 'user_name', undefined),
  huaweicloud_dli_database_privilege: (c, i) => dliGrant(c, i, 'user_name', ['SELECT']),
  huaweicloud_dli_datasource_connection_privilege: (c, i) =>
    dliGrant(c, i, 'project_id', ['BIND_QUEUE']),
};

/** Imports one relating resource (declarations and other types are ignored here). */
export function relate(context: TfContext, instance: TfInstance): void {
  handlers[instance.type]?.(context, instance);
}

function membership(
  context: TfContext,
  instance: TfInstance,
  groupAttr: string,
  usersAttr: string,
): void {
  const group = referenced(context, instance, groupAttr, ['group']);
  const users = listOf(context, instance, usersAttr);
  if (group === undefined) return;
  for (const value of users) {
    const user = referenced(context, instance, usersAttr, ['user'], value);
    if (user !== undefined)
      context.builder.membership(user, group, fixedOrigin(instance.attributePosition(usersAttr)));
  }
}

function listOf(context: TfContext, instance: TfInstance, attr: string): Value[] {
  const value = instance.attribute(attr);
  if (Array.isArray(value)) return value;
  const pending = value === undefined ? undefined : findPending(value);
  if (pending)
    context.log.unknown(
      `${instance.address}.${attr}: ${pendingReason(pending)}; left out`,
      instance.attributePosition(attr),
    );
  else
    context.log.skip(
      'E_SCHEMA',
      `${instance.address}.${attr} must be a list`,
      instance.attributePosition(attr),
    );
  return [];
}

function assignment(
  context: TfContext,
  instance: TfInstance,
  kind: 'user' | 'group',
  holderAttr: string,
): void {
  const name = referenced(context, instance, holderAttr, [kind]);
  const permission = referenced(context, instance, 'role_id', [
    'permission',
    'policy',
    'system-document',
  ]);
  const scope = scopeOf(context, instance);
  if (name === undefined || permission === undefined || scope === undefined) return;
  const unknownScope = scope instanceof Unknown ? scope.reason : undefined;
  const reasons = [instance.uncertain, unknownScope].filter((r) => r !== undefined);
  if (reasons.length > 0) {
    // An unknown project may be any project: its Deny statements may apply everywhere.
    const where = { scope: unknownScope ? 'all' : (scope as string), reason: reasons.join('; ') };
    grantUncertain(context, instance, holder(kind, name), permission, where);
    return;
  }
  context.builder.grant(
    holder(kind, name),
    permission,
    scope as string,
    fixedOrigin(instance.position),
  );
}

/**
 * `domain_id` → global services; `project_id` → that project, or `"all"`: every project and
 * global services; `enterprise_project_id` → that enterprise project (named by its id). A
 * scope unknown until apply is returned as unknown, with why.
 */
function scopeOf(context: TfContext, instance: TfInstance): string | Unknown | undefined {
  const set = (attr: string): Value | undefined => {
    const value = instance.attribute(attr);
    return value === null || value === '' ? undefined : value;
  };
  const project = set('project_id');
  if (project === 'all') return 'all';
  if (project !== undefined) {
    const found = resolveReference(context, instance, 'project_id', ['project']);
    return found instanceof Unknown ? new Unknown(`project_id: ${found.reason}`) : found;
  }
  const ep = set('enterprise_project_id');
  if (ep !== undefined) {
    const id = knownString(ep);
    if (id !== undefined)
      return `enterprise-project:${context.builder.enterpriseProject(id, id, fixedOrigin(instance.attributePosition('enterprise_project_id')))}`;
    const pending = findPending(ep);
    return new Unknown(
      `enterprise_project_id: ${pending ? pendingReason(pending) : `expected an id, got ${JSON.stringify(ep)}`}`,
    );
  }
  // The account's domain id, whatever its value: the grant is on the global services.
  if (set('domain_id') !== undefined) return 'global';
  context.log.skip(
    'E_SCHEMA',
    `${instance.address} needs one of domain_id, project_id, enterprise_project_id`,
    instance.position,
  );
  return undefined;
}

function attachment(
  context: TfContext,
  instance: TfInstance,
  kind: 'user' | 'group',
  holderAttr: string,
): void {
  const name = referenced(context, instance, holderAttr, [kind]);
  const policy = referenced(context, instance, 'policy_id', ['policy']);
  if (name === undefined || policy === undefined) return;
  if (instance.uncertain !== undefined) {
    const where = { scope: undefined, reason: instance.uncertain };
    grantUncertain(context, instance, holder(kind, name), policy, where);
    return;
  }
  // Identity policies (5.0) have no scope: they apply wherever their statements do.
  context.builder.grant(holder(kind, name), policy, undefined, fixedOrigin(instance.position));
}

function dliGrant(
  context: TfContext,
  instance: TfInstance,
  granteeAttr: string,
  defaults: string[] | undefined,
): void {
  const grantee = instance.attribute(granteeAttr);
  const connection = instance.attribute('connection_id');
  const object =
    granteeAttr === 'project_id'
      ? typeof connection === 'string'
        ? `edsconnections.${connection}`
        : connection
      : instance.attribute('object');
  const privileges = instance.attribute('privileges') ?? defaults;
  const pending = [grantee, object, privileges, instance.attribute('region')]
    .map((v) => (v === undefined ? undefined : findPending(v)))
    .find(Boolean);
  if (pending) {
    context.log.unknown(
      `${instance.address}: ${pendingReason(pending)}; the DLI grant is left out`,
      instance.position,
    );
    return;
  }
  const project = knownString(instance.attribute('region')) ?? knownString(context.region as Value);
  const body = {
    ...(project ? { project } : {}),
    ...(granteeAttr === 'user_name' ? { user_name: grantee } : { projectId: grantee }),
    action: 'grant',
    privileges: [{ object, privileges }],
  };
  try {
    normaliseDliRequest(body, { allowProject: true });
  } catch (error) {
    if (!(error instanceof PermgraphError)) throw error;
    context.log.skip('E_DLI', `${instance.address}: ${error.message}`, instance.position);
    return;
  }
  const origin = fixedOrigin(instance.position);
  if (project) context.builder.project(project, undefined, origin);
  if (granteeAttr === 'user_name') context.builder.user(grantee as string, {}, origin);
  context.builder.dliRequest(body, origin);
}
