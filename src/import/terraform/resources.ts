/**
 * Terraform resources to the model. Declarations first (projects, users, groups, custom
 * policies, v5 policies), so that memberships, role assignments, policy attachments and DLI
 * grants can name them. Every value that is unknown until apply, or known only to the cloud,
 * is reported with its `.tf` line or plan address, and what is known is still imported.
 */
import type { Catalog } from '../../catalog/catalog.js';
import type { SourcePosition } from '../../model/source.js';
import { fixedOrigin, type HolderRef, type ModelBuilder, type Origin } from '../builder.js';
import type { ImportLog } from '../log.js';
import { EntityResolver, type Declared, type Entity } from './entities.js';
import type { TfInstance } from './instance.js';
import { heredocLocator, policyDocument } from './policy-document.js';
import { relate } from './relations.js';
import { pendingReason, findPending, Unknown, type Value } from './values.js';

/** What the resource handlers share. */
export interface TfContext {
  builder: ModelBuilder;
  log: ImportLog;
  catalog: Catalog;
  resolver: EntityResolver;
  declared: Declared;
  /** The provider's region, the project DLI requests are sent to when a resource sets none. */
  region: Value | undefined;
  /**
   * Work done once every relation is known: grants whose holder or permission is unknown, which
   * may reach every holder or be any permission, then memberships that may exist, which copy
   * the Deny statements of groups' grants (so these run last).
   */
  later: { grants: (() => void)[]; memberships: (() => void)[] };
}

/** Imports every instance into the builder. `planIds`: the ids a plan already knows. */
export function importInstances(
  instances: TfInstance[],
  builder: ModelBuilder,
  log: ImportLog,
  catalog: Catalog,
  region: Value | undefined,
  planIds: boolean,
): void {
  const declared: Declared = new Map();
  const byAddress = new Map(instances.map((i) => [i.address, i]));
  const context: TfContext = {
    builder,
    log,
    catalog,
    declared,
    region,
    resolver: new EntityResolver(byAddress, declared, catalog),
    later: { grants: [], memberships: [] },
  };
  for (const instance of instances)
    if (instance.mode === 'managed') log.attempt(() => declare(context, instance));
  if (planIds) context.resolver.indexKnownIds();
  for (const instance of instances)
    if (instance.mode === 'managed') log.attempt(() => relate(context, instance));
  for (const task of [...context.later.grants, ...context.later.memberships]) log.attempt(task);
}

function declare(context: TfContext, instance: TfInstance): void {
  const { builder, declared } = context;
  const origin = fixedOrigin(instance.position);
  const id = knownString(instance.attribute('id'));
  switch (instance.type) {
    case 'huaweicloud_identity_project':
      declared.set(instance.address, {
        kind: 'project',
        name: builder.project(nameOf(context, instance, 'name'), id, origin),
      });
      return;
    case 'huaweicloud_identity_user':
    case 'huaweicloud_identityv5_user':
      declared.set(instance.address, {
        kind: 'user',
        name: builder.user(nameOf(context, instance, 'name'), described(instance, id), origin),
      });
      return;
    case 'huaweicloud_identity_group':
    case 'huaweicloud_identityv5_group': {
      const attr = instance.type === 'huaweicloud_identity_group' ? 'name' : 'group_name';
      declared.set(instance.address, {
        kind: 'group',
        name: builder.group(nameOf(context, instance, attr), described(instance, id), origin),
      });
      return;
    }
    case 'huaweicloud_identity_role':
      return declarePolicy(context, instance, 'policy');
    case 'huaweicloud_identityv5_policy':
      return declarePolicy(context, instance, 'policy_document');
  }
}

function declarePolicy(context: TfContext, instance: TfInstance, attr: string): void {
  const name = nameOf(context, instance, 'name');
  const imported = policyDocument(context, instance, attr);
  if (imported === undefined) return;
  const type = instance.attribute('type');
  const description = knownString(instance.attribute('description'));
  // A document rewritten for unknown values no longer matches the heredoc's lines.
  const locate = imported.exact ? heredocLocator(instance, attr) : undefined;
  const origin: Origin = locate ?? fixedOrigin(instance.attributePosition(attr));
  const declaredName = context.builder.policy(
    name,
    {
      document: imported.document,
      ...(type === 'AX' || type === 'XA' ? { type } : {}),
      ...(description ? { description } : {}),
    },
    fixedOrigin(instance.position),
    origin,
  );
  context.declared.set(instance.address, { kind: 'policy', name: declaredName });
}

/** The instance's name, or its address when the name is unknown until apply (reported). */
function nameOf(context: TfContext, instance: TfInstance, attr: string): string {
  const value = instance.attribute(attr);
  if (typeof value === 'string' && value !== '') return value;
  const why =
    value === undefined
      ? `no ${attr}`
      : isPendingValue(value)
        ? pendingReason(findPending(value) as Unknown)
        : `${attr} is ${JSON.stringify(value)}`;
  context.log.unknown(
    `${instance.address}: the name is unknown (${why}); named by its address`,
    instance.attributePosition(attr),
  );
  return instance.address;
}

function isPendingValue(value: Value): boolean {
  return findPending(value) !== undefined;
}

function described(
  instance: TfInstance,
  id: string | undefined,
): { id?: string; description?: string } {
  const description = knownString(instance.attribute('description'));
  return { ...(id ? { id } : {}), ...(description ? { description } : {}) };
}

/** A non-empty known string, else undefined. */
export function knownString(value: Value | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The model name of what `attr` refers to, of the kinds accepted; declares objects that data
 * sources look up (existing projects, users, groups, system permissions with their document).
 * Reports what it cannot resolve and returns undefined.
 */
export function referenced(
  context: TfContext,
  instance: TfInstance,
  attr: string,
  kinds: Entity['kind'][],
  value: Value | undefined = instance.attribute(attr),
): string | undefined {
  const found = resolveReference(context, instance, attr, kinds, value);
  if (found instanceof Unknown) {
    const at = instance.attributePosition(attr);
    context.log.unknown(`${instance.address}.${attr}: ${found.reason}; left out`, at);
    return undefined;
  }

  return found;
}

/** As `referenced`, but a value unknown until apply is returned, not reported. */
export function resolveReference(
  context: TfContext,
  instance: TfInstance,
  attr: string,
  kinds: Entity['kind'][],
  value: Value | undefined = instance.attribute(attr),
): string | Unknown | undefined {
  const at = instance.attributePosition(attr);
  if (value === undefined || value === null) {
    context.log.skip('E_SCHEMA', `${instance.address} has no ${attr}`, at);
    return undefined;
  }
  const entity = context.resolver.resolve(value);
  if (entity instanceof Unknown) return entity;
  if (typeof entity === 'string') return external(context, instance, attr, kinds, entity, at);
  if (!kinds.includes(entity.kind)) {
    context.log.skip(
      'E_REFERENCE',
      `${instance.address}.${attr} refers to a ${entity.kind}, expected a ${kinds.join(' or ')}`,
      at,
    );
    return undefined;
  }
  return declareLookedUp(context, entity, at);
}

function declareLookedUp(context: TfContext, entity: Entity, at: SourcePosition): string {
  const origin = fixedOrigin(at);
  if (entity.kind === 'project') return context.builder.project(entity.name, undefined, origin);
  if (entity.kind === 'user') return context.builder.user(entity.name, {}, origin);
  if (entity.kind === 'group') return context.builder.group(entity.name, {}, origin);
  if (entity.kind === 'system-document' && !context.builder.hasPolicy(entity.name)) {
    const imported = policyDocument(context, entity.instance, 'policy');
    if (imported !== undefined) {
      context.builder.policy(
        entity.name,
        {
          document: imported.document,
          description:
            'system permission not in the catalog, imported with the document the plan carries',
        },
        origin,
      );
      context.log.unknown(
        `system permission "${entity.name}" is not in catalog ${context.catalog.describe()}; imported with the document the plan carries`,
        at,
      );
    }
  }
  return entity.name;
}

/** An id no instance carries: an object outside the configuration, named by its id. */
function external(
  context: TfContext,
  instance: TfInstance,
  attr: string,
  kinds: Entity['kind'][],
  id: string,
  at: SourcePosition,
): string | undefined {
  const origin = fixedOrigin(at);
  if (kinds.includes('permission') || kinds.includes('policy')) {
    context.log.unknown(
      `${instance.address}.${attr}: permission id ${id} is not defined in this configuration (look it up with a huaweicloud_identity_role data source); left out`,
      at,
    );
    return undefined;
  }
  context.log.unknown(
    `${instance.address}.${attr}: ${kinds[0]} ${id} is not managed here; named by its id`,
    at,
  );
  if (kinds.includes('project')) return context.builder.project(id, id, origin);
  if (kinds.includes('user')) return context.builder.user(id, { id }, origin);
  return context.builder.group(id, { id }, origin);
}

/** The holder a model grant goes to. */
export function holder(kind: 'user' | 'group', name: string): HolderRef {
  return { kind, name };
}
