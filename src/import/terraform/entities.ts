/**
 * What a Terraform value refers to, in model terms: `huaweicloud_identity_group.dba.id` is the
 * group dba, `data.huaweicloud_identity_projects.p.projects[0].id` the project the data source
 * looks up by name, `data.huaweicloud_identity_role.r.id` the system permission it names
 * (matched to the catalog by display name, or by internal name). In a plan, ids that are
 * already known are matched against every instance that carries one.
 */
import type { Catalog } from '../../catalog/catalog.js';
import type { TfInstance } from './instance.js';
import { findPending, NotImported, pendingReason, Ref, Unknown, type Value } from './values.js';

/** The managed types that declare a model object (a project, user, group or custom policy). */
const declaringTypes: readonly string[] = [
  'huaweicloud_identity_project',
  'huaweicloud_identity_user',
  'huaweicloud_identity_group',
  'huaweicloud_identity_role',
  'huaweicloud_identityv5_user',
  'huaweicloud_identityv5_group',
  'huaweicloud_identityv5_policy',
];

/** A model object a value refers to. */
export type Entity =
  | { kind: 'group' | 'user' | 'project' | 'policy' | 'permission'; name: string }
  | { kind: 'system-document'; name: string; document: unknown; instance: TfInstance };

/** Model names given to managed instances as they are declared, by instance address. */
export type Declared = Map<string, Entity>;

/** Finds what a reference or a known id stands for. */
export class EntityResolver {
  private readonly byId = new Map<string, Entity>();

  constructor(
    private readonly instances: Map<string, TfInstance>,
    private readonly declared: Declared,
    private readonly catalog: Catalog,
  ) {}

  /** Indexes the ids a plan already knows (existing resources, data sources read at plan). */
  indexKnownIds(): void {
    for (const instance of this.instances.values()) {
      const id = instance.attribute('id');
      if (typeof id === 'string') this.remember(id, () => this.entityOf(instance, ['id']));
      for (const list of ['projects', 'users']) {
        const items = instance.mode === 'data' ? instance.attribute(list) : undefined;
        if (!Array.isArray(items)) continue;
        items.forEach((item, i) => {
          const itemId = (item as Record<string, Value> | null)?.id;
          if (typeof itemId === 'string')
            this.remember(itemId, () => this.entityOf(instance, [list, i, 'id']));
        });
      }
    }
  }

  /** The entity a value refers to; a plain string that no instance carries is returned as is. */
  resolve(value: Value): Entity | Unknown | string {
    // An instance whose count is unknown, read as the instance it may be (a policy or grant).
    if (value instanceof Unknown && value.maybe instanceof Ref) {
      const maybe = this.instances.get(value.maybe.address);
      if (maybe?.uncertain !== undefined) return this.resolve(value.maybe);
    }
    if (value instanceof Unknown) return value;
    if (value instanceof Ref) {
      const instance = this.instances.get(value.address);
      return instance
        ? this.entityOf(instance, value.path)
        : new NotImported(`${value.toString()} refers to nothing permgraph read`);
    }
    if (typeof value === 'string') return this.byId.get(value) ?? value;
    return new NotImported(`expected an id, got ${JSON.stringify(value)}`);
  }

  private remember(id: string, entity: () => Entity | Unknown): void {
    const found = entity();
    if (!(found instanceof Unknown)) this.byId.set(id, found);
  }

  private entityOf(instance: TfInstance, path: readonly (string | number)[]): Entity | Unknown {
    const declared = this.declared.get(instance.address);
    if (declared) return declared;
    if (instance.mode === 'managed' && declaringTypes.includes(instance.type))
      return new NotImported(`${instance.address} is left out (see the warning about it)`);
    if (instance.mode === 'managed')
      return new NotImported(`${instance.address} is not an object permgraph models`);
    const name = (attr: string): string | undefined => {
      const v = instance.attribute(attr);
      return typeof v === 'string' && v !== '' ? v : undefined;
    };
    const lookedUp = (list: string): Value | undefined =>
      path[0] === list
        ? (itemName(instance, list, path[1]) ?? instance.attribute('name'))
        : undefined;
    switch (instance.type) {
      case 'huaweicloud_identity_projects':
        return named('project', lookedUp('projects'), instance);
      case 'huaweicloud_identity_users':
        return named('user', lookedUp('users'), instance);
      case 'huaweicloud_identity_group':
        return named('group', instance.attribute('name'), instance);
      case 'huaweicloud_identity_role':
        return this.systemRole(instance, name('display_name'), name('name'));
      default:
        return new NotImported(`data.${instance.type} is not a data source permgraph reads`);
    }
  }

  private systemRole(
    instance: TfInstance,
    display: string | undefined,
    internal: string | undefined,
  ): Entity | Unknown {
    const known =
      (display && this.catalog.findPermission(display)) ||
      (internal &&
        [...this.catalog.permissions.values()].find((p) => p.internalNames.includes(internal)));
    if (known) return { kind: 'permission', name: known.name };
    const document = instance.attribute('policy');
    if (typeof document === 'string' && (display ?? internal))
      return { kind: 'system-document', name: (display ?? internal) as string, document, instance };
    const which = display
      ? `display name "${display}"`
      : internal
        ? `name "${internal}"`
        : 'no known name';
    return new NotImported(
      `${instance.address}: the system permission with ${which} is not in catalog ${this.catalog.describe()}`,
    );
  }
}

function itemName(
  instance: TfInstance,
  list: string,
  index: string | number | undefined,
): string | undefined {
  const items = instance.attribute(list);
  const item =
    Array.isArray(items) && typeof index === 'number'
      ? (items[index] as Record<string, Value> | undefined)
      : undefined;
  const name = item?.name;
  return typeof name === 'string' ? name : undefined;
}

function named(
  kind: 'group' | 'user' | 'project',
  name: Value | undefined,
  instance: TfInstance,
): Entity | Unknown {
  if (typeof name === 'string' && name !== '') return { kind, name };
  const pending = name === undefined ? undefined : findPending(name);
  const why = pending ? pendingReason(pending) : 'it sets no name';
  return new Unknown(`${instance.address} looks up a ${kind} by name, and ${why}`);
}
