/**
 * The DLI part of the catalog: object types, their privileges and the IAM action of each, read
 * from the `dli:` section of catalog files (`policies/dli/privileges.yaml`). The section is data
 * so that a user's catalog file can correct what the sources leave unconfirmed.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PermgraphError } from '../errors.js';
import {
  formatDocPath,
  readSourceFile,
  type DocPath,
  type SourcePosition,
} from '../model/source.js';

const granteeKindSchema = z.enum(['user', 'project']);
const privilegeNameSchema = z.string().regex(/^[A-Z][A-Z_]*$/, 'an upper-case privilege name');

const privilegeSchema = z.strictObject({
  name: privilegeNameSchema,
  action: z
    .string()
    .regex(/^dli:[a-z]*:[A-Za-z]+$/, 'a dli: IAM action')
    .optional(),
  inheritable: z.boolean().default(false),
  grantees: z.array(granteeKindSchema).min(1).optional(),
  allResourcesOnly: z.boolean().default(false),
  apiOnly: z.boolean().default(false),
  destructive: z.boolean().default(false),
  aliases: z.array(privilegeNameSchema).default([]),
  unconfirmed: z.string().min(1).optional(),
  note: z.string().optional(),
});

const objectTypeSchema = z.strictObject({
  type: z.string().regex(/^[a-z]+$/, 'a lower-case type name'),
  title: z.string().min(1),
  object: z.string().min(1),
  iamResourceType: z.string().regex(/^[a-z]+$/),
  parent: z.string().optional(),
  inherit: z.record(privilegeNameSchema, privilegeNameSchema).default({}),
  grantees: z.array(granteeKindSchema).min(1).default(['user', 'project']),
  allowAll: z.boolean().default(true),
  privileges: z.array(privilegeSchema).min(1),
  source: z.string().min(1),
  note: z.string().optional(),
  unconfirmed: z.string().min(1).optional(),
});

const administratorSchema = z.strictObject({
  permission: z.string().min(1),
  source: z.string().min(1),
  note: z.string().optional(),
});

/** The `dli:` key of a catalog file. */
export const dliCatalogSectionSchema = z.strictObject({
  allPrivilege: privilegeNameSchema.default('ALL'),
  administrators: z.array(administratorSchema).default([]),
  objectTypes: z.array(objectTypeSchema).default([]),
});

/** Who receives a DLI grant: an IAM user (`user_name`) or a project (`projectId`). */
export type DliGranteeKind = z.infer<typeof granteeKindSchema>;
/** A validated `dli:` section, before sections are merged. */
export type DliCatalogSection = z.infer<typeof dliCatalogSectionSchema>;

/** One privilege of one object type, with defaults applied. */
export interface DliPrivilege {
  name: string;
  action: string | undefined;
  inheritable: boolean;
  grantees: readonly DliGranteeKind[];
  allResourcesOnly: boolean;
  apiOnly: boolean;
  destructive: boolean;
  aliases: readonly string[];
  unconfirmed: string | undefined;
}

/** One object type: its path form, IAM resource type, parent and privileges by name. */
export interface DliObjectTypeInfo {
  type: string;
  title: string;
  object: string;
  iamResourceType: string;
  parent: string | undefined;
  /** Parent privilege name → this type's privilege name, where they differ. */
  inherit: Readonly<Record<string, string>>;
  grantees: readonly DliGranteeKind[];
  allowAll: boolean;
  privileges: ReadonlyMap<string, DliPrivilege>;
  unconfirmed: string | undefined;
  position: SourcePosition | undefined;
}

/** A system permission that makes its holder a DLI administrator in the project. */
export interface DliAdministrator {
  permission: string;
  source: string;
}

/** The merged DLI catalog the rest of `src/dli/` works from. */
export interface DliCatalog {
  allPrivilege: string;
  administrators: readonly DliAdministrator[];
  types: ReadonlyMap<string, DliObjectTypeInfo>;
}

/** Anything that can say where a path of a document is; a `SourceDocument` is one. */
export interface DliLocator {
  locate(path: DocPath): SourcePosition;
}

/** A section together with where it came from, for messages. */
export interface DliCatalogSource {
  section: DliCatalogSection;
  source?: DliLocator;
  /** Where the section sits in its document: `['dli']` in a catalog file. */
  path?: DocPath;
}

/** The catalog file shipped with permgraph. */
export const defaultDliCatalogFile = fileURLToPath(
  new URL('../../policies/dli/privileges.yaml', import.meta.url),
);

/**
 * Validates the `dli:` value of a parsed catalog file. `path` is where the section sits in the
 * document (`['dli']` for a catalog file), so errors point at the offending entry.
 */
export function parseDliCatalogSection(
  value: unknown,
  source?: DliLocator,
  path: DocPath = ['dli'],
): DliCatalogSource {
  const result = dliCatalogSectionSchema.safeParse(value);
  if (result.success) return { section: result.data, source, path };
  const issue = result.error.issues[0];
  const where = [...path, ...((issue?.path ?? []) as (string | number)[])];
  throw new PermgraphError(
    'E_CATALOG',
    `invalid DLI catalog entry at ${formatDocPath(where)}: ${issue?.message ?? 'invalid value'}`,
    {
      position: source?.locate(where),
      hint: 'see the field list at the top of policies/dli/privileges.yaml',
    },
  );
}

/**
 * Builds the DLI catalog from the raw `dli:` sections the catalog loader collected, each with
 * a locator already relative to its `dli:` key.
 */
export function dliCatalogFromSections(
  sections: readonly { value: unknown; locate(path: DocPath): SourcePosition }[],
): DliCatalog {
  return buildDliCatalog(sections.map((raw) => parseDliCatalogSection(raw.value, raw, [])));
}

/** Reads catalog files and merges their `dli:` sections; files without one are skipped. */
export function loadDliCatalog(files: readonly string[] = [defaultDliCatalogFile]): DliCatalog {
  const sources: DliCatalogSource[] = [];
  for (const file of files) {
    const doc = readSourceFile(file);
    const value = (doc.value ?? {}) as Record<string, unknown>;
    if (value.dli !== undefined) sources.push(parseDliCatalogSection(value.dli, doc));
  }
  return buildDliCatalog(sources);
}

/**
 * Merges sections in order. A later object type with the same `type` replaces the earlier
 * one's fields and merges its privileges by name (later wins), so a user's catalog file can
 * correct a single privilege. Administrators are unioned.
 */
export function buildDliCatalog(sources: readonly DliCatalogSource[]): DliCatalog {
  const types = new Map<string, DliObjectTypeInfo>();
  const administrators = new Map<string, DliAdministrator>();
  let allPrivilege = 'ALL';
  for (const source of sources) {
    allPrivilege = source.section.allPrivilege;
    for (const admin of source.section.administrators) administrators.set(admin.permission, admin);
    source.section.objectTypes.forEach((entry, index) => {
      const info = toTypeInfo(entry, source, index);
      const earlier = types.get(entry.type);
      types.set(entry.type, earlier ? mergeType(earlier, info) : info);
    });
  }
  const catalog = { allPrivilege, administrators: [...administrators.values()], types };
  checkReferences(catalog);

  return catalog;
}

function toTypeInfo(
  entry: z.infer<typeof objectTypeSchema>,
  source: DliCatalogSource,
  index: number,
): DliObjectTypeInfo {
  const entryPath = [...(source.path ?? ['dli']), 'objectTypes', index];
  const privileges = new Map<string, DliPrivilege>();
  entry.privileges.forEach((p, i) => {
    if (privileges.has(p.name)) {
      throw catalogError(`privilege ${p.name} is listed twice for ${entry.type}`, source, [
        ...entryPath,
        'privileges',
        i,
      ]);
    }
    privileges.set(p.name, toPrivilege(p, entry.grantees));
  });

  return {
    type: entry.type,
    title: entry.title,
    object: entry.object,
    iamResourceType: entry.iamResourceType,
    parent: entry.parent,
    inherit: entry.inherit,
    grantees: entry.grantees,
    allowAll: entry.allowAll,
    privileges,
    unconfirmed: entry.unconfirmed,
    position: source.source?.locate(entryPath),
  };
}

function toPrivilege(
  p: z.infer<typeof privilegeSchema>,
  typeGrantees: readonly DliGranteeKind[],
): DliPrivilege {
  return {
    name: p.name,
    action: p.action,
    inheritable: p.inheritable,
    grantees: p.grantees ?? typeGrantees,
    allResourcesOnly: p.allResourcesOnly,
    apiOnly: p.apiOnly,
    destructive: p.destructive,
    aliases: p.aliases,
    unconfirmed: p.unconfirmed,
  };
}

function mergeType(earlier: DliObjectTypeInfo, later: DliObjectTypeInfo): DliObjectTypeInfo {
  const privileges = new Map(earlier.privileges);
  for (const [name, privilege] of later.privileges) privileges.set(name, privilege);

  return { ...later, privileges };
}

function checkReferences(catalog: DliCatalog): void {
  for (const info of catalog.types.values()) {
    const parent = info.parent === undefined ? undefined : catalog.types.get(info.parent);
    const problem =
      info.parent !== undefined && !parent
        ? `names an unknown parent type ${info.parent}`
        : inheritProblem(info, parent);
    if (problem) {
      throw new PermgraphError('E_CATALOG', `DLI object type ${info.type} ${problem}`, {
        position: info.position,
      });
    }
  }
}

function inheritProblem(
  info: DliObjectTypeInfo,
  parent: DliObjectTypeInfo | undefined,
): string | undefined {
  for (const [from, to] of Object.entries(info.inherit)) {
    if (!parent?.privileges.has(from)) {
      return `inherits ${from}, which is not a privilege of its parent type ${info.parent ?? '(none)'}`;
    }
    if (!info.privileges.has(to)) {
      return `maps ${from} to ${to}, which is not one of its privileges`;
    }
  }

  return undefined;
}

function catalogError(message: string, source: DliCatalogSource, path: DocPath): PermgraphError {
  return new PermgraphError('E_CATALOG', message, { position: source.source?.locate(path) });
}
