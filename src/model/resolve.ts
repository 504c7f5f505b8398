/**
 * Turns validated model files into one resolved account: merges the files, checks every
 * reference (groups, permissions, projects, policies) and attaches source positions.
 */
import { dirname, resolve as resolvePath } from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import { suggest } from '../catalog/catalog.js';
import { PermgraphError } from '../errors.js';
import { parsePolicyDocument } from '../policy/parse.js';
import type { PolicyDocument } from '../policy/types.js';
import type { GrantInput } from './schema.js';
import type { LoadedFile } from './load.js';
import { readSourceFile, type SourceDocument, type SourcePosition } from './source.js';
import type {
  AccountModel,
  EnterpriseProject,
  Grant,
  Group,
  Holder,
  Intent,
  Permission,
  Project,
  Scope,
  User,
} from './types.js';

type Path = (string | number)[];

/** How resolution treats custom policies whose document is invalid. */
export interface ResolveOptions {
  /**
   * Keep going with an empty document instead of throwing `E_POLICY`, so `permgraph lint` can
   * report every problem of the document as a finding (it validates the documents itself).
   */
  tolerateInvalidPolicies?: boolean;
}

/** Merges and resolves validated files into an account model. */
export function resolveModel(
  files: LoadedFile[],
  catalog: Catalog,
  options: ResolveOptions = {},
): AccountModel {
  const model = emptyModel(files);
  for (const file of files) collectDeclarations(model, file);
  for (const file of files) collectPolicies(model, file, catalog, options);
  for (const file of files) collectMembersAndGrants(model, file, catalog);
  for (const file of files) collectIntents(model, file);
  return model;
}

function emptyModel(files: LoadedFile[]): AccountModel {
  const account = files.map((f) => f.data.account).find((a) => a !== undefined);
  const domainId = files.map((f) => f.data.domainId).find((a) => a !== undefined);
  return {
    account,
    domainId,
    files: files.map((f) => f.source.file),
    projects: [],
    enterpriseProjects: [],
    users: new Map(),
    groups: new Map(),
    policies: new Map(),
    intents: [],
    dli: files
      .filter((f) => f.data.dli !== undefined)
      .map((f) => ({ value: f.data.dli, source: f.source, basePath: ['dli'] })),
  };
}

function referenceError(
  source: SourceDocument,
  path: Path,
  message: string,
  hint?: string,
): PermgraphError {
  return new PermgraphError('E_REFERENCE', message, {
    position: source.locate(path),
    ...(hint ? { hint } : {}),
  });
}

function didYouMean(name: string, candidates: readonly string[], fallback: string): string {
  const near = suggest(name, candidates);
  return near ? `did you mean "${near}"?` : fallback;
}

function collectDeclarations(model: AccountModel, { source, data }: LoadedFile): void {
  data.projects.forEach((p, i) => {
    if (model.projects.some((q) => q.name === p.name)) {
      throw referenceError(
        source,
        ['projects', i, 'name'],
        `project "${p.name}" is declared twice`,
      );
    }
    model.projects.push({ name: p.name, id: p.id, position: source.locate(['projects', i]) });
  });
  data.enterpriseProjects.forEach((p, i) => {
    model.enterpriseProjects.push({
      name: p.name,
      id: p.id,
      position: source.locate(['enterpriseProjects', i]),
    });
  });
  data.groups.forEach((g, i) => {
    if (model.groups.has(g.name))
      throw referenceError(source, ['groups', i, 'name'], `group "${g.name}" is declared twice`);
    const position = source.locate(['groups', i]);
    model.groups.set(g.name, {
      name: g.name,
      id: g.id,
      description: g.description,
      grants: [],
      members: [],
      position,
    });
  });
  data.users.forEach((u, i) => {
    if (model.users.has(u.name))
      throw referenceError(source, ['users', i, 'name'], `user "${u.name}" is declared twice`);
    model.users.set(u.name, {
      name: u.name,
      id: u.id,
      groups: [],
      grants: [],
      position: source.locate(['users', i]),
    });
  });
}

function collectPolicies(
  model: AccountModel,
  file: LoadedFile,
  catalog: Catalog,
  options: ResolveOptions,
): void {
  const { source, data } = file;
  data.policies.forEach((p, i) => {
    const path: Path = ['policies', i];
    if (model.policies.has(p.name))
      throw referenceError(source, [...path, 'name'], `policy "${p.name}" is declared twice`);
    // A grant names its permission by name: a custom policy named like a system permission
    // would silently stand in for it (and satisfy a role's Depends).
    const system = catalog.findPermission(p.name);
    if (system)
      throw referenceError(
        source,
        [...path, 'name'],
        `custom policy "${p.name}" has the name of the system permission "${system.name}"`,
        'rename the custom policy (and its grants): grants name permissions by name, so the two cannot be told apart',
      );
    const document = policyDocumentSource(file, i);
    const parsed = parseOrEmpty(document, options);
    model.policies.set(p.name, {
      name: p.name,
      origin: 'custom',
      kind: parsed.version === '1.0' ? 'role' : 'policy',
      document: parsed,
      description: p.description,
      type: p.type,
      position: source.locate(path),
      locate: (inner) => document.locate(inner),
    });
  });
}

/**
 * The document of the file's `policies[index]`: the inline `document` (located inside the model
 * file) or the JSON file it names, read relative to the model file.
 */
export function policyDocumentSource({ source, data }: LoadedFile, index: number): SourceDocument {
  const policy = data.policies[index];
  const path: Path = ['policies', index];
  if (policy?.file === undefined)
    return inlineDocument(source, [...path, 'document'], policy?.document);
  return fileDocument(source, [...path, 'file'], policy.file);
}

function parseOrEmpty(document: SourceDocument, options: ResolveOptions): PolicyDocument {
  try {
    return parsePolicyDocument(document);
  } catch (error) {
    const invalid = error instanceof PermgraphError && error.code === 'E_POLICY';
    if (!invalid || !options.tolerateInvalidPolicies) throw error;
    return { version: '1.1', statements: [], depends: [] };
  }
}

function inlineDocument(source: SourceDocument, path: Path, value: unknown): SourceDocument {
  return { file: source.file, value, locate: (inner) => source.locate([...path, ...inner]) };
}

function fileDocument(source: SourceDocument, path: Path, file: string): SourceDocument {
  const target = resolvePath(dirname(source.file), file);
  try {
    return readSourceFile(target);
  } catch (error) {
    if (error instanceof PermgraphError && error.code === 'E_READ') {
      throw referenceError(
        source,
        path,
        `policy file ${file} cannot be read (looked for ${target})`,
        'file paths are relative to the model file',
      );
    }
    throw error;
  }
}

function collectMembersAndGrants(
  model: AccountModel,
  { source, data }: LoadedFile,
  catalog: Catalog,
): void {
  const groupNames = [...model.groups.keys()];
  data.users.forEach((u, i) => {
    const user = model.users.get(u.name) as User;
    u.groups.forEach((groupName, k) => {
      const group = model.groups.get(groupName);
      if (!group) {
        throw referenceError(
          source,
          ['users', i, 'groups', k],
          `user "${u.name}" is in group "${groupName}", which is not declared`,
          didYouMean(groupName, groupNames, 'declare it under groups'),
        );
      }
      user.groups.push(groupName);
      group.members.push(u.name);
    });
    u.grants.forEach((g, k) =>
      user.grants.push(
        resolveGrant(model, catalog, source, ['users', i, 'grants', k], g, {
          kind: 'user',
          name: u.name,
        }),
      ),
    );
  });
  data.groups.forEach((g, i) => {
    const group = model.groups.get(g.name) as Group;
    g.grants.forEach((grant, k) =>
      group.grants.push(
        resolveGrant(model, catalog, source, ['groups', i, 'grants', k], grant, {
          kind: 'group',
          name: g.name,
        }),
      ),
    );
  });
}

function resolveGrant(
  model: AccountModel,
  catalog: Catalog,
  source: SourceDocument,
  path: Path,
  input: GrantInput,
  holder: Holder,
): Grant {
  const permission = resolvePermission(
    model,
    catalog,
    source,
    [...path, 'permission'],
    input.permission,
  );
  const scope = resolveScope(model, source, [...path, 'scope'], input.scope, permission);
  const index = path[path.length - 1];
  return {
    id: `${holder.kind}:${holder.name}#${String(index)}`,
    holder,
    permission,
    scope,
    position: source.locate(path),
  };
}

const systemPermissionCache = new WeakMap<object, Permission>();

function resolvePermission(
  model: AccountModel,
  catalog: Catalog,
  source: SourceDocument,
  path: Path,
  name: string,
): Permission {
  const custom = model.policies.get(name);
  if (custom) return custom;
  const system = catalog.findPermission(name);
  if (system) {
    const cached = systemPermissionCache.get(system);
    if (cached) return cached;
    const permission: Permission = {
      name: system.name,
      origin: 'system',
      kind: system.kind,
      document: system.document,
      system,
      description: system.description.en,
      position: system.position,
    };
    systemPermissionCache.set(system, permission);
    return permission;
  }
  const candidates = [...model.policies.keys(), ...catalog.permissions.keys()];
  throw referenceError(
    source,
    path,
    `unknown permission "${name}": not a system permission in catalog ${catalog.describe()} nor a custom policy of the model`,
    didYouMean(
      name,
      candidates,
      'declare it under policies, or add it to the catalog with --catalog',
    ),
  );
}

function resolveScope(
  model: AccountModel,
  source: SourceDocument,
  path: Path,
  scope: string | undefined,
  permission: Permission,
): Scope {
  if (scope === undefined) {
    if (permission.document.version === '5.0') return { kind: 'all' };
    throw referenceError(
      source,
      path.slice(0, -1),
      `grant of "${permission.name}" has no scope`,
      'add scope: <project>, global, all, or enterprise-project:<name>',
    );
  }
  if (scope === 'global' || scope === 'all') return { kind: scope };
  if (scope.startsWith('enterprise-project:')) {
    const key = scope.slice('enterprise-project:'.length);
    const ep = findByNameOrId(model.enterpriseProjects, key);
    if (ep) return { kind: 'enterprise-project', enterpriseProject: ep };
    throw referenceError(
      source,
      path,
      `unknown enterprise project "${key}"`,
      didYouMean(
        key,
        model.enterpriseProjects.map((e) => e.name),
        'declare it under enterpriseProjects',
      ),
    );
  }
  const project = findByNameOrId(model.projects, scope);
  if (project) return { kind: 'project', project };
  throw referenceError(
    source,
    path,
    `unknown scope "${scope}": not a declared project, "global", "all" or "enterprise-project:<name>"`,
    didYouMean(
      scope,
      [...model.projects.map((p) => p.name), 'global', 'all'],
      'declare the project under projects',
    ),
  );
}

/** Finds a project (or enterprise project) by its name or its id. */
export function findByNameOrId<T extends Project | EnterpriseProject>(
  list: readonly T[],
  key: string,
): T | undefined {
  return list.find((p) => p.name === key) ?? list.find((p) => p.id !== undefined && p.id === key);
}

function collectIntents(model: AccountModel, { source, data }: LoadedFile): void {
  data.intents.forEach((intent, i) => {
    const path: Path = ['intents', i];
    const principal = resolveHolder(model, source, [...path, 'principal'], intent.principal);
    let project: Project | undefined;
    if (intent.project !== undefined) {
      project = findByNameOrId(model.projects, intent.project);
      if (!project)
        throw referenceError(
          source,
          [...path, 'project'],
          `unknown project "${intent.project}"`,
          didYouMean(
            intent.project,
            model.projects.map((p) => p.name),
            'declare it under projects',
          ),
        );
    }
    const resolved: Intent = {
      principal,
      project,
      operations: intent.operations,
      actions: intent.actions,
      position: source.locate(path),
    };
    model.intents.push(resolved);
  });
}

function resolveHolder(
  model: AccountModel,
  source: SourceDocument,
  path: Path,
  text: string,
): Holder {
  const [prefix, rest] = text.includes(':')
    ? [text.slice(0, text.indexOf(':')), text.slice(text.indexOf(':') + 1)]
    : ['user', text];
  if (prefix === 'group' && model.groups.has(rest)) return { kind: 'group', name: rest };
  if (prefix === 'user' && model.users.has(rest)) return { kind: 'user', name: rest };
  const names = prefix === 'group' ? [...model.groups.keys()] : [...model.users.keys()];
  throw referenceError(
    source,
    path,
    `unknown principal "${text}"`,
    didYouMean(rest, names, 'write user:<name> or group:<name> of a declared user or group'),
  );
}

export type { SourcePosition };
