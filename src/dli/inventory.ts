/**
 * Questions answered from the model's `dli.objects` inventory: does an object exist, who owns
 * it, is a table path a view. Owners hold every privilege on what they own without grants.
 */
import type { DliObjectInventory } from './model.js';
import { ancestors, printDliObject, toDliObject, type DliObject } from './object.js';
import type { DliTypeResolver } from './privilege.js';

type Owned = { owner?: string | undefined } | null | undefined;

/** What the inventory says about one object: `known` is undefined when it cannot tell. */
interface InventoryEntry {
  known: boolean | undefined;
  owner: string | undefined;
}

const unknown: InventoryEntry = { known: undefined, owner: undefined };
const missing: InventoryEntry = { known: false, owner: undefined };

/** Inventory keys of the kinds named `<prefix>.<name>`. */
const singleKinds = {
  queue: 'queues',
  flink: 'jobs',
  group: 'groups',
  edsconnection: 'edsconnections',
  datasourceauth: 'datasourceauth',
  elasticresourcepool: 'elasticresourcepools',
  variable: 'variables',
  catalog: 'catalogs',
} as const;

function entry(map: Record<string, Owned> | undefined, name: string | undefined): InventoryEntry {
  if (!map) return unknown;
  if (name === undefined || !Object.hasOwn(map, name)) return missing;

  return { known: true, owner: map[name]?.owner };
}

function dataEntry(objects: DliObjectInventory, object: DliObject): InventoryEntry {
  const found = entry(objects.databases, object.database);
  if (object.type === 'database' || found.known !== true) return found;
  const tables = objects.databases?.[object.database ?? '']?.tables ?? undefined;
  const table = entry(tables, object.table);
  if (object.type === 'table' || table.known !== true) return table;
  const columns = tables?.[object.table ?? '']?.columns;

  return columns ? { known: columns.includes(object.column ?? ''), owner: undefined } : unknown;
}

function lookup(objects: DliObjectInventory, object: DliObject): InventoryEntry {
  if (object.type === 'database' || object.type === 'table' || object.type === 'column') {
    return dataEntry(objects, object);
  }
  if (object.type === 'resource' && object.group !== undefined) {
    const group = entry(objects.groups, object.group);
    if (group.known !== true) return group;
    return entry(objects.groups?.[object.group]?.resources ?? undefined, object.name);
  }
  if (object.type === 'resource') return entry(objects.resources, object.name);

  return entry(objects[singleKinds[object.type]], object.name);
}

/** Whether the object is in the inventory; undefined when the inventory does not cover its kind. */
export function objectExists(
  objects: DliObjectInventory,
  object: DliObject | string,
): boolean | undefined {
  return lookup(objects, toDliObject(object)).known;
}

/** The owners of the object and of its ancestors, nearest first. */
export function findOwners(
  objects: DliObjectInventory,
  object: DliObject | string,
): { owner: string; object: string }[] {
  const target = toDliObject(object);

  return [target, ...ancestors(target)].flatMap((o) => {
    const owner = lookup(objects, o).owner;
    return owner === undefined ? [] : [{ owner, object: printDliObject(o) }];
  });
}

/**
 * Whether `user` owns the object or one of its ancestors (a database's owner owns its tables'
 * data too); returns the owned object's path, or undefined.
 */
export function ownsObject(
  objects: DliObjectInventory,
  user: string,
  object: DliObject | string,
): string | undefined {
  return findOwners(objects, object).find((o) => o.owner === user)?.object;
}

/** A type resolver that reads views from the inventory: a table marked `view: true` is a view. */
export function inventoryTypeResolver(objects: DliObjectInventory): DliTypeResolver {
  return (object) => {
    if (object.type !== 'table') return object.type;
    const table = objects.databases?.[object.database ?? '']?.tables?.[object.table ?? ''];

    return table?.view ? 'view' : 'table';
  };
}
