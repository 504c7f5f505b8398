/**
 * The IAM side of a DLI privilege check. DLI decides with two layers: a `dli:` action in IAM
 * policies on a resource `dli:<region>:<domain>:<type>:<path>`, and DLI's own grants. This file
 * turns a privilege on an object into the action and resource the IAM layer evaluates.
 */
import type { DliCatalog } from './catalog.js';
import { printDliObject, toDliObject, type DliObject } from './object.js';
import { objectTypeInfo, pathType, requirePrivilege, type DliTypeResolver } from './privilege.js';

/** What IAM is asked for one privilege check. */
export interface DliIamCheck {
  /** The canonical privilege name. */
  privilege: string;
  object: string;
  /** The `dli:` action; undefined when no action is documented (only DLI grants can give it). */
  action: string | undefined;
  /** `dli:<region>:<domain>:<resource type>:<object path>`. */
  resource: string;
  resourceType: string;
}

/** Region and domain (account) id of the resource; `*` where the caller does not know them. */
export interface DliIamWhere {
  region?: string;
  domain?: string;
}

/**
 * Maps a privilege on an object to its IAM action and resource: `SELECT` on
 * `databases.db1.tables.tbl` is `dli:table:select` on `dli:*:*:table:databases.db1.tables.tbl`.
 * The action is the one of the checked object's type, so a database-level table privilege
 * checked on a table maps to the table action. Throws `E_DLI` for a privilege the type lacks.
 */
export function privilegeToIam(
  catalog: DliCatalog,
  privilege: string,
  object: DliObject | string,
  where: DliIamWhere = {},
  typeOf: DliTypeResolver = pathType,
): DliIamCheck {
  const target = toDliObject(object);
  const found = requirePrivilege(catalog, target, privilege, typeOf);
  const info = objectTypeInfo(catalog, typeOf(target));
  const path = printDliObject(target);

  return {
    privilege: found.name,
    object: path,
    action: found.action,
    resource: `dli:${where.region ?? '*'}:${where.domain ?? '*'}:${info.iamResourceType}:${path}`,
    resourceType: info.iamResourceType,
  };
}
