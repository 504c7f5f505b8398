/**
 * The Terraform resources that relate declared objects: group memberships, role assignments
 * (domain → global services, project → that project or `"all"`, enterprise project), v5 policy
 * attachments, and DLI grants, which become the model's DLI authorization requests.
 */
import { normaliseDliRequest } from '../../dli/request.js';
import { PermgraphError } from '../../errors.js';
import { fixedOrigin } from '../builder.js';
import { holder, knownString, resolveReference, type TfContext } from './resources.js';
import type { TfInstance } from './instance.js';
import { grantMaybe, grantUncertain, permissionsWithDeny } from './uncertain-grant.js';
import type { SourcePosition } from '../../model/source.js';
import type { Entity } from './entities.js';
import { findPending, NotImported, OneOf, pendingReason, Unknown, type Value } from './values.js';

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

/**
 * A group membership. One whose group or users are unknown until apply, or whose count is, may
 * put a user in a group: the user is not made a member (that would add the group's Allows), but
 * the Deny statements of the group's grants are granted to the user, conditional, so that an
 * unknown value never removes a Deny.
 */
function membership(
  context: TfContext,
  instance: TfInstance,
  groupAttr: string,
  usersAttr: string,
): void {
  const group = openReference(context, instance, groupAttr, ['group']);
  if (group === undefined) return;
  const listed = usersOf(context, instance, usersAttr);
  const reasons: string[] = [];
  if (instance.uncertain !== undefined) reasons.push(instance.uncertain);
  if (group instanceof Unknown) reasons.push(`${groupAttr}: ${group.reason}`);
  if (reasons.length === 0) {
    for (const user of listed.known)
      context.builder.membership(
        user,
        group as string,
        fixedOrigin(instance.attributePosition(usersAttr)),
      );
  }
  if (reasons.length === 0 && listed.unknown === undefined) return;
  // Users listed by name may join the group; an unknown entry may be any user.
  const certainUsers = reasons.length === 0 ? [] : listed.known;
  const reason = [...reasons, ...(listed.unknown ? [`${usersAttr}: ${listed.unknown}`] : [])].join(
    '; ',
  );
  context.later.memberships.push(() => {
    const users = listed.unknown === undefined ? certainUsers : context.builder.names('user');
    const groups = group instanceof Unknown ? possibleNames(context, group, 'group') : [group];
    const grants = users.flatMap((user) =>
      groups.flatMap((g) =>
        context.builder
          .grantsOf(holder('group', g))
          .map((grant) => ({ to: holder('user', user), ...grant })),
      ),
    );
    const at = instance.attributePosition(group instanceof Unknown ? groupAttr : usersAttr);
    grantMaybe(context, instance, grants, reason, instance.uncertain ? instance.position : at);
  });
}

/** The users a membership lists: those known, and why the others are not, when some are not. */
function usersOf(
  context: TfContext,
  instance: TfInstance,
  attr: string,
): { known: string[]; unknown: string | undefined } {
  const value = instance.attribute(attr);
  if (!Array.isArray(value)) {
    const pending = value === undefined ? undefined : findPending(value);
    if (pending) return { known: [], unknown: pendingReason(pending) };
    context.log.skip(
      'E_SCHEMA',
      `${instance.address}.${attr} must be a list`,
      instance.attributePosition(attr),
    );
    return { known: [], unknown: undefined };
  }
  const known: string[] = [];
  let unknown: string | undefined;
  for (const element of value) {
    const user = openReference(context, instance, attr, ['user'], element);
    if (user instanceof Unknown) unknown ??= user.reason;
    else if (user !== undefined) known.push(user);
  }
  return { known, unknown };
}

/**
 * A role assignment. One whose holder or role is unknown until apply may give any holder of
 * its kind, or any permission: the Deny statements of each are granted, conditional, to each.
 */
function assignment(
  context: TfContext,
  instance: TfInstance,
  kind: 'user' | 'group',
  holderAttr: string,
): void {
  const name = openReference(context, instance, holderAttr, [kind]);
  const permission = openReference(context, instance, 'role_id', [
    'permission',
    'policy',
    'system-document',
  ]);
  const scope = scopeOf(context, instance);
  if (name === undefined || permission === undefined || scope === undefined) return;
  const unknownScope = scope instanceof Unknown ? scope.reason : undefined;
  // An unknown project may be any project: its Deny statements may apply everywhere.
  const where = unknownScope ? 'all' : (scope as string);
  if (name instanceof Unknown || permission instanceof Unknown) {
    const parts = { holder: [holderAttr, name], permission: ['role_id', permission] } as const;
    deferGrants(context, instance, kind, parts, where, unknownScope);
    return;
  }
  const reasons = [instance.uncertain, unknownScope].filter((r) => r !== undefined);
  if (reasons.length > 0) {
    grantUncertain(context, instance, holder(kind, name), permission, {
      scope: where,
      reason: reasons.join('; '),
    });
    return;
  }
  context.builder.grant(holder(kind, name), permission, where, fixedOrigin(instance.position));
}

/** A relation's holder or permission: the attribute it is written in, and its value. */
type Part = readonly [attr: string, value: string | Unknown];

/**
 * Grants, once every relation is known, the Deny statements an unknown holder or permission may
 * get; reported at the first unknown part, with why each part (and the scope) is unknown.
 */
function deferGrants(
  context: TfContext,
  instance: TfInstance,
  kind: 'user' | 'group',
  parts: { holder: Part; permission: Part },
  scope: string | undefined,
  scopeReason: string | undefined,
): void {
  const unknown = [parts.holder, parts.permission].filter(([, value]) => value instanceof Unknown);
  const reason = [
    instance.uncertain,
    ...unknown.map(([attr, value]) => `${attr}: ${(value as Unknown).reason}`),
    scopeReason,
  ]
    .filter((r) => r !== undefined)
    .join('; ');
  const at = instance.attributePosition((unknown[0] as Part)[0]);
  const name = parts.holder[1];
  const permission = parts.permission[1];
  context.later.grants.push(() => {
    const holders = name instanceof Unknown ? possibleNames(context, name, kind) : [name];
    const permissions =
      permission instanceof Unknown
        ? (oneOfNames(context, permission, ['permission', 'policy', 'system-document']) ??
          permissionsWithDeny(context))
        : [permission];
    const grants = holders.flatMap((h) =>
      permissions.map((p) => ({ to: holder(kind, h), permission: p, scope })),
    );
    grantMaybe(context, instance, grants, reason, at);
  });
}

/**
 * As `resolveReference`, but a reference to something permgraph does not import is reported and
 * left out; a value unknown until apply is returned, as it may be any object.
 */
function openReference(
  context: TfContext,
  instance: TfInstance,
  attr: string,
  kinds: Entity['kind'][],
  value?: Value,
): string | Unknown | undefined {
  const found = resolveReference(context, instance, attr, kinds, value);
  if (!(found instanceof NotImported)) return found;
  context.log.unknown(
    `${instance.address}.${attr}: ${found.reason}; left out`,
    instance.attributePosition(attr),
  );
  return undefined;
}

/** The users or groups an unknown value may be: the instances it may refer to, or any. */
function possibleNames(context: TfContext, value: Unknown, kind: 'user' | 'group'): string[] {
  return oneOfNames(context, value, [kind]) ?? context.builder.names(kind);
}

/** The names of what a value known only after apply may refer to, when each is known. */
function oneOfNames(
  context: TfContext,
  value: Unknown,
  kinds: Entity['kind'][],
): string[] | undefined {
  if (!(value instanceof OneOf)) return undefined;
  const names: string[] = [];
  for (const candidate of value.candidates) {
    const entity = context.resolver.resolve(candidate);
    if (typeof entity === 'string' || entity instanceof Unknown || !kinds.includes(entity.kind))
      return undefined;
    names.push(entity.name);
  }
  return names;
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
  const name = openReference(context, instance, holderAttr, [kind]);
  const policy = openReference(context, instance, 'policy_id', ['policy']);
  if (name === undefined || policy === undefined) return;
  if (name instanceof Unknown || policy instanceof Unknown) {
    const parts = { holder: [holderAttr, name], permission: ['policy_id', policy] } as const;
    deferGrants(context, instance, kind, parts, undefined, undefined);
    return;
  }
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
