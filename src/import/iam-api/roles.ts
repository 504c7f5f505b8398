/**
 * IAM role objects (system roles, system policies, custom policies) to model permissions.
 * System permissions are matched to the catalog by `display_name`, then by internal `name`
 * (`readonly`, `te_admin`; the `system_all_N` names differ between regions and are not in the
 * catalog); a system permission the catalog does not know is imported with the document the
 * export carries, as a policy of the model.
 */
import type { Catalog } from '../../catalog/catalog.js';
import type { DocPath, SourceDocument, SourcePosition } from '../../model/source.js';
import { validatePolicyDocument } from '../../policy/parse.js';
import { documentOrigin, type ModelBuilder } from '../builder.js';
import type { ImportLog } from '../log.js';

type Json = Record<string, unknown>;

/** Role ids seen in the export, to the model permission they became (null: not modelled). */
export type RoleIndex = Map<string, string | null>;

/** What the role handler needs. */
export interface RoleContext {
  catalog: Catalog;
  builder: ModelBuilder;
  log: ImportLog;
  roles: RoleIndex;
  /**
   * System permissions the catalog lacks, by name: declared (with the document the export
   * carries) or reported only when a grant uses one. `GET /v3/roles` lists every system
   * permission of the cloud, hundreds of them; the model holds the ones the account grants.
   */
  unknownSystem: Map<string, () => string | undefined>;
}

/** A new, empty role context. */
export function roleContext(catalog: Catalog, builder: ModelBuilder, log: ImportLog): RoleContext {
  return { catalog, builder, log, roles: new Map(), unknownSystem: new Map() };
}

/**
 * The permission name a grant should use: a system permission the catalog lacks is declared
 * now, at its first grant (undefined, reported once, when it cannot be modelled).
 */
export function grantedPermission(context: RoleContext, name: string): string | undefined {
  const declare = context.unknownSystem.get(name);
  if (declare === undefined) return name;
  const declared = declare();
  context.unknownSystem.set(name, () => declared);

  return declared;
}

/**
 * Declares the role at `path` in `source` and returns the permission name grants should use,
 * or undefined (with a warning) when it cannot be modelled.
 */
export function declareRole(
  context: RoleContext,
  source: SourceDocument,
  path: DocPath,
  customList = false,
): string | undefined {
  const role = valueAt(source.value, path) as Json;
  const position = source.locate(path);
  const display = stringField(role, 'display_name') ?? stringField(role, 'name');
  if (display === undefined) {
    context.log.skip('E_SCHEMA', 'a role without display_name or name', position);
    return undefined;
  }
  const name = isCustom(role, customList)
    ? declareCustom(context, source, path, role, customName(context, role, display, position))
    : systemName(context, source, path, role, display);
  const id = stringField(role, 'id');
  const listed = id === undefined ? undefined : context.roles.get(id);
  // Listings repeat a role (per-group listings); one id naming two roles is a broken export,
  // and taking either would hand one role's grants to the other.
  if (id !== undefined && listed !== undefined && listed !== (name ?? null)) {
    context.log.skip(
      'E_SCHEMA',
      `role id ${id} is listed as "${listed ?? '(left out)'}" and as "${name ?? display}"`,
      position,
    );
    return undefined;
  }
  if (id !== undefined) context.roles.set(id, name ?? null);

  return name;
}

/**
 * A custom policy's model name: its display name, unless a system permission has that name
 * (IAM tells them apart by id; a model's grants name permissions by name), then the display
 * name with `(custom <id>)` after it, and a warning.
 */
function customName(
  context: RoleContext,
  role: Json,
  display: string,
  position: SourcePosition,
): string {
  const system = context.catalog.findPermission(display);
  if (!system) return display;
  const renamed = `${display} (custom ${stringField(role, 'id') ?? 'policy'})`;
  context.log.unknown(
    `custom policy "${display}" has the name of the system permission "${system.name}"; imported as "${renamed}" so that its grants are not taken for the system permission's`,
    position,
  );
  return renamed;
}

function isCustom(role: Json, customList: boolean): boolean {
  return (
    customList ||
    role.catalog === 'CUSTOMED' ||
    (typeof role.domain_id === 'string' && role.domain_id !== '')
  );
}

function systemName(
  context: RoleContext,
  source: SourceDocument,
  path: DocPath,
  role: Json,
  display: string,
): string | undefined {
  const { catalog, log } = context;
  const known =
    catalog.findPermission(display) ?? byInternalName(catalog, stringField(role, 'name'));
  if (known) return known.name;
  // Listed again (per-group listings repeat the role objects): the first listing counts.
  if (context.unknownSystem.has(display)) return display;
  context.unknownSystem.set(display, () => {
    if (role.policy === undefined) {
      log.unknown(
        `system permission "${display}" is not in catalog ${catalog.describe()} and the export carries no document for it; its grants are left out`,
        source.locate(path),
      );
      return undefined;
    }
    const name = declareCustom(
      context,
      source,
      path,
      role,
      display,
      'system permission not in the catalog, imported with the document the export carries',
    );
    if (name !== undefined)
      log.unknown(
        `system permission "${display}" is not in catalog ${catalog.describe()}; imported with the document the export carries`,
        source.locate(path),
      );
    return name;
  });

  return display;
}

function byInternalName(catalog: Catalog, internal: string | undefined) {
  if (internal === undefined) return undefined;
  return [...catalog.permissions.values()].find((p) => p.internalNames.includes(internal));
}

function declareCustom(
  context: RoleContext,
  source: SourceDocument,
  path: DocPath,
  role: Json,
  display: string,
  note?: string,
): string | undefined {
  const problems = validatePolicyDocument(source, [...path, 'policy']);
  const first = problems[0];
  if (first) {
    context.log.skip('E_POLICY', `policy "${display}": ${first.message}`, first.position);
    return undefined;
  }
  const type = role.type === 'AX' || role.type === 'XA' ? role.type : undefined;
  const description = note ?? stringField(role, 'description');

  return context.builder.policy(
    display,
    { document: role.policy, ...(type ? { type } : {}), ...(description ? { description } : {}) },
    documentOrigin(source, path),
    documentOrigin(source, [...path, 'policy']),
  );
}

/** A non-empty string field, or undefined. */
export function stringField(value: unknown, key: string): string | undefined {
  const field = typeof value === 'object' && value !== null ? (value as Json)[key] : undefined;
  return typeof field === 'string' && field !== '' ? field : undefined;
}

/** The value at a path inside a parsed document. */
export function valueAt(root: unknown, path: DocPath): unknown {
  let node = root;
  for (const part of path)
    node = typeof node === 'object' && node !== null ? (node as Json)[part] : undefined;
  return node;
}
