/**
 * Privilege names against the catalog: which object type has which privilege, spelled how, and
 * along which ancestors a grant of it is inherited.
 */
import { closest, distance } from 'fastest-levenshtein';
import { PermgraphError } from '../errors.js';
import type { DliCatalog, DliObjectTypeInfo, DliPrivilege } from './catalog.js';
import { parent, printDliObject, type DliObject } from './object.js';

/** What a privilege name means on one object type. */
export type DliPrivilegeLookup =
  | { status: 'ok'; privilege: DliPrivilege }
  | { status: 'all'; name: string }
  | { status: 'not-applicable'; name: string; types: string[] }
  | { status: 'unknown'; name: string; suggestion: string | undefined };

/** Resolves how an object's catalog type is named: `table` becomes `view` for known views. */
export type DliTypeResolver = (object: DliObject) => string;

/** The resolver without an inventory: the path's own type. */
export const pathType: DliTypeResolver = (object) => object.type;

/** The catalog entry of a type; a type the catalog lacks is a catalog error. */
export function objectTypeInfo(catalog: DliCatalog, type: string): DliObjectTypeInfo {
  const info = catalog.types.get(type);
  if (!info) {
    throw new PermgraphError('E_CATALOG', `the DLI catalog has no object type "${type}"`, {
      hint: 'every object type needs an entry in a catalog file under dli.objectTypes',
    });
  }

  return info;
}

/**
 * Looks a privilege name up on a type. Names compare case-insensitively (the older SQL
 * reference writes `Select`) and through the catalog's aliases (`SHOW_PRIVILEGE`).
 */
export function lookupPrivilege(
  catalog: DliCatalog,
  type: string,
  name: string,
): DliPrivilegeLookup {
  const info = objectTypeInfo(catalog, type);
  const upper = name.toUpperCase();
  if (upper === catalog.allPrivilege && info.allowAll) {
    return { status: 'all', name: catalog.allPrivilege };
  }
  const own = findOnType(info, upper);
  if (own) return { status: 'ok', privilege: own };
  const types = [...catalog.types.values()].filter((t) => findOnType(t, upper)).map((t) => t.type);
  if (types.length > 0) return { status: 'not-applicable', name: upper, types };

  return { status: 'unknown', name, suggestion: suggest([...info.privileges.keys()], upper) };
}

function findOnType(info: DliObjectTypeInfo, upper: string): DliPrivilege | undefined {
  const direct = info.privileges.get(upper);
  if (direct) return direct;
  for (const privilege of info.privileges.values())
    if (privilege.aliases.includes(upper)) return privilege;

  return undefined;
}

function suggest(names: string[], upper: string): string | undefined {
  if (names.length === 0) return undefined;
  const best = closest(upper, names);

  return distance(upper, best) <= Math.max(2, Math.floor(upper.length / 4)) ? best : undefined;
}

/** One place a privilege may be granted for it to hold on an object: the object or an ancestor. */
export interface DliPrivilegeSource {
  object: DliObject;
  /** The privilege's name at that level (a group's `USE_GROUP` gives a package's `USE_RESOURCE`). */
  privilege: string;
  /** 0 for the object itself, 1 for its parent, … */
  depth: number;
}

/**
 * Where a grant of `privilege` (canonical name, valid on the object's type) would give it on
 * `object`: the object itself, then each ancestor as long as the privilege is inheritable there.
 * A database's `SELECT` reaches its tables and, through the table's `SELECT`, their columns;
 * its `DROP_TABLE` reaches tables but stops there, as columns have no `DROP_TABLE`.
 */
export function privilegeSources(
  catalog: DliCatalog,
  object: DliObject,
  privilege: string,
  typeOf: DliTypeResolver = pathType,
): DliPrivilegeSource[] {
  const sources: DliPrivilegeSource[] = [{ object, privilege, depth: 0 }];
  let current = object;
  let name = privilege;
  for (let up = parent(current); up; up = parent(current)) {
    const childInfo = objectTypeInfo(catalog, typeOf(current));
    const upInfo = objectTypeInfo(catalog, typeOf(up));
    const upName = Object.entries(childInfo.inherit).find(([, to]) => to === name)?.[0] ?? name;
    if (!upInfo.privileges.get(upName)?.inheritable) break;
    sources.push({ object: up, privilege: upName, depth: sources.length });
    current = up;
    name = upName;
  }

  return sources;
}

/** The canonical privilege a name stands for on an object, or an `E_DLI` error saying why not. */
export function requirePrivilege(
  catalog: DliCatalog,
  object: DliObject,
  name: string,
  typeOf: DliTypeResolver = pathType,
): DliPrivilege {
  const type = typeOf(object);
  const found = lookupPrivilege(catalog, type, name);
  if (found.status === 'ok') return found.privilege;
  const where = `${printDliObject(object)} (a ${type})`;
  const reason =
    found.status === 'all'
      ? `${found.name} is not one privilege; ask about each privilege it stands for`
      : found.status === 'not-applicable'
        ? `${found.name} is a privilege of ${found.types.join(', ')}, not of ${where}`
        : `unknown DLI privilege ${name} for ${where}${found.suggestion ? ` (did you mean ${found.suggestion}?)` : ''}`;
  throw new PermgraphError('E_DLI', reason, {
    hint: `privileges of a ${type}: ${[...objectTypeInfo(catalog, type).privileges.keys()].join(', ')}`,
  });
}
