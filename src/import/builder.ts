/**
 * Collects what an importer finds (projects, users, groups, memberships, grants, custom policies,
 * DLI requests) into one model file, remembering where each piece came from. The file it builds
 * locates every model path back in the ORIGINAL input (the `.tf` line, the export file and its
 * JSON path), so findings and explanations on imported input point there.
 */
import { modelFileSchema, type ModelFile } from '../model/schema.js';
import type { LoadedFile } from '../model/load.js';
import type { DocPath, SourceDocument, SourcePosition } from '../model/source.js';

/** Where a model object came from: given the rest of a model path, its position in the input. */
export type Origin = (rest: DocPath) => SourcePosition;

/** An origin that is one place whatever is asked inside it (a Terraform block or attribute). */
export function fixedOrigin(position: SourcePosition): Origin {
  return () => position;
}

/** An origin inside a parsed input document: paths below it are followed into the document. */
export function documentOrigin(source: Pick<SourceDocument, 'locate'>, base: DocPath): Origin {
  return (rest) => source.locate([...base, ...rest]);
}

/** Who holds a grant. */
export interface HolderRef {
  kind: 'user' | 'group';
  name: string;
}

interface Named {
  name: string;
  id?: string;
  description?: string;
  origin: Origin;
}

interface GrantEntry {
  permission: string;
  scope?: string;
  origin: Origin;
}

interface PolicyEntry extends Named {
  type?: 'AX' | 'XA';
  document: unknown;
  documentOrigin: Origin;
}

interface PrincipalEntry extends Named {
  grants: GrantEntry[];
  groups: Map<string, Origin>;
}

/** Accumulates one imported model; names are unique, later facts about a name merge in. */
export class ModelBuilder {
  account: string | undefined;
  domainId: string | undefined;
  private readonly projects = new Map<string, Named>();
  private readonly enterpriseProjects = new Map<string, Named>();
  private readonly users = new Map<string, PrincipalEntry>();
  private readonly groups = new Map<string, PrincipalEntry>();
  private readonly policies = new Map<string, PolicyEntry>();
  private readonly dliRequests: { body: Record<string, unknown>; origin: Origin }[] = [];

  /** Declares a region project (merging its id into an existing one of that name). */
  project(name: string, id: string | undefined, origin: Origin): string {
    return declare(this.projects, { name, ...(id ? { id } : {}), origin }).name;
  }

  /** Declares an enterprise project. */
  enterpriseProject(name: string, id: string | undefined, origin: Origin): string {
    return declare(this.enterpriseProjects, { name, ...(id ? { id } : {}), origin }).name;
  }

  /** Declares a user. */
  user(name: string, fields: { id?: string; description?: string }, origin: Origin): string {
    return declare(this.users, { name, ...clean(fields), origin, grants: [], groups: new Map() })
      .name;
  }

  /** Declares a group. */
  group(name: string, fields: { id?: string; description?: string }, origin: Origin): string {
    return declare(this.groups, { name, ...clean(fields), origin, grants: [], groups: new Map() })
      .name;
  }

  /** Adds a user to a group, declaring either when it is not yet known. */
  membership(user: string, group: string, origin: Origin): void {
    this.group(group, {}, origin);
    const entry = this.users.get(this.user(user, {}, origin)) as PrincipalEntry;
    if (!entry.groups.has(group)) entry.groups.set(group, origin);
  }

  /** Attaches a permission at a scope (none for 5.0 identity policies); duplicates merge. */
  grant(holder: HolderRef, permission: string, scope: string | undefined, origin: Origin): void {
    const table = holder.kind === 'user' ? this.users : this.groups;
    const entry =
      table.get(holder.name) ??
      declare(table, { name: holder.name, origin, grants: [], groups: new Map() });
    if (entry.grants.some((g) => g.permission === permission && g.scope === scope)) return;
    entry.grants.push({ permission, ...(scope === undefined ? {} : { scope }), origin });
  }

  /** Declares a custom policy (or a system permission the catalog lacks, with its document). */
  policy(
    name: string,
    fields: { description?: string; type?: 'AX' | 'XA'; document: unknown },
    origin: Origin,
    documentAt: Origin = origin,
  ): string {
    return declare(this.policies, { name, ...clean(fields), origin, documentOrigin: documentAt })
      .name;
  }

  /** The document of a declared custom policy, as it will be written. */
  policyDocument(name: string): unknown {
    return this.policies.get(name)?.document;
  }

  /** True when a custom policy of that name was declared. */
  hasPolicy(name: string): boolean {
    return this.policies.has(name);
  }

  /** Finds a declared object's name by its id. */
  nameById(kind: 'user' | 'group' | 'project' | 'policy', id: string): string | undefined {
    const table = {
      user: this.users,
      group: this.groups,
      project: this.projects,
      policy: this.policies,
    }[kind];
    for (const entry of table.values()) if (entry.id === id) return entry.name;
    return undefined;
  }

  /** The names of the declared users or groups, in declaration order. */
  names(kind: 'user' | 'group'): string[] {
    return [...(kind === 'user' ? this.users : this.groups).keys()];
  }

  /** The grants a user or group holds so far. */
  grantsOf(holder: HolderRef): { permission: string; scope: string | undefined }[] {
    const entry = (holder.kind === 'user' ? this.users : this.groups).get(holder.name);
    return (entry?.grants ?? []).map((g) => ({ permission: g.permission, scope: g.scope }));
  }

  /** The names of the declared custom policies. */
  policyNames(): string[] {
    return [...this.policies.keys()];
  }

  /** Appends a DLI authorization request body (with `project:` when known). */
  dliRequest(body: Record<string, unknown>, origin: Origin): void {
    this.dliRequests.push({ body, origin });
  }

  /** The model file, and a source document that locates its paths in the original input. */
  build(file: string): LoadedFile {
    const origins = new Map<string, Origin>();
    const at = (path: DocPath, origin: Origin): void =>
      void origins.set(JSON.stringify(path), origin);
    const raw = {
      version: 1,
      ...(this.account ? { account: this.account } : {}),
      ...(this.domainId ? { domainId: this.domainId } : {}),
      projects: sorted(this.projects).map((p, i) => (at(['projects', i], p.origin), plain(p))),
      enterpriseProjects: sorted(this.enterpriseProjects).map(
        (p, i) => (at(['enterpriseProjects', i], p.origin), plain(p)),
      ),
      users: sorted(this.users).map((u, i) => this.principal(u, ['users', i], at, true)),
      groups: sorted(this.groups).map((g, i) => this.principal(g, ['groups', i], at, false)),
      policies: sorted(this.policies).map((p, i) => {
        at(['policies', i], p.origin);
        at(['policies', i, 'document'], p.documentOrigin);
        return { ...plain(p), ...(p.type ? { type: p.type } : {}), document: p.document };
      }),
      ...(this.dliRequests.length > 0
        ? { dli: { requests: this.dliRequests.map((r) => r.body) } }
        : {}),
    };
    this.dliRequests.forEach((r, i) => at(['dli', 'requests', i], r.origin));
    const data: ModelFile = modelFileSchema.parse(raw);

    return { data, source: { file, value: data, locate: (path) => locateIn(origins, file, path) } };
  }

  private principal(
    entry: PrincipalEntry,
    path: DocPath,
    at: (path: DocPath, origin: Origin) => void,
    withGroups: boolean,
  ): Record<string, unknown> {
    at(path, entry.origin);
    const groups = [...entry.groups.keys()].sort();
    if (withGroups)
      groups.forEach((g, k) => at([...path, 'groups', k], entry.groups.get(g) as Origin));
    entry.grants.forEach((g, k) => at([...path, 'grants', k], g.origin));
    const grants = entry.grants.map((g) => ({
      permission: g.permission,
      ...(g.scope === undefined ? {} : { scope: g.scope }),
    }));

    return {
      ...plain(entry),
      ...(withGroups && groups.length > 0 ? { groups } : {}),
      ...(grants.length > 0 ? { grants } : {}),
    };
  }
}

function declare<T extends Named>(table: Map<string, T>, entry: T): T {
  const existing = table.get(entry.name);
  if (!existing) {
    table.set(entry.name, entry);
    return entry;
  }
  if (existing.id === undefined && entry.id !== undefined) existing.id = entry.id;
  if (existing.description === undefined && entry.description !== undefined)
    existing.description = entry.description;
  return existing;
}

function clean<T extends object>(fields: T): T {
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined && v !== ''),
  ) as T;
}

function sorted<T extends Named>(table: Map<string, T>): T[] {
  return [...table.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function plain(entry: Named): { name: string; id?: string; description?: string } {
  return {
    name: entry.name,
    ...(entry.id !== undefined ? { id: entry.id } : {}),
    ...(entry.description !== undefined ? { description: entry.description } : {}),
  };
}

function locateIn(origins: Map<string, Origin>, file: string, path: DocPath): SourcePosition {
  for (let n = path.length; n >= 0; n--) {
    const origin = origins.get(JSON.stringify(path.slice(0, n)));
    if (origin) return origin(path.slice(n));
  }
  return { file, line: 1, column: 1 };
}
