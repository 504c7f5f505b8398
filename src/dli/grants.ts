/**
 * The DLI grant state: per project, grantee and object, the privileges granted at that object and
 * the request that granted each. Queries here answer which grants give a privilege on an object,
 * directly or through an ancestor, so an explanation can point at the request's file and line.
 */
import type { SourcePosition } from '../model/source.js';
import type { DliCatalog } from './catalog.js';
import { printDliObject, toDliObject, type DliObject } from './object.js';
import {
  lookupPrivilege,
  objectTypeInfo,
  pathType,
  privilegeSources,
  type DliTypeResolver,
} from './privilege.js';
import type { DliGrantee } from './request.js';

/** One privilege granted at one object. */
export interface DliGrant {
  grantee: DliGrantee;
  object: string;
  privilege: string;
  /** Index of the granting request in the replayed list. */
  requestIndex: number;
  /** Where the privilege name was written in that request. */
  position: SourcePosition | undefined;
  /** The project whose DLI received the request; undefined when the request named none. */
  project: string | undefined;
}

/** Privilege name → its grant, at one object. */
export type DliObjectGrants = Map<string, DliGrant>;

/** The replayed state. Built by `replayRequests`; read with the functions below. */
export interface DliGrantState {
  readonly catalog: DliCatalog;
  readonly typeOf: DliTypeResolver;
  /** Project ('' for none) → grantee key → object path → grants at that object. */
  readonly scopes: Map<string, Map<string, Map<string, DliObjectGrants>>>;
}

/** How a grant gives the privilege asked about. */
export interface DliGrantMatch {
  grant: DliGrant;
  /** Granted at an ancestor (database for a table, table for a column, group for a package). */
  inherited: boolean;
  /** The grant is `ALL`, which covers every privilege of its object's type. */
  viaAll: boolean;
}

/** Which project's grants a query reads. */
export interface DliGrantQuery {
  /** Without it, grants sent to any project count; with it, that project's and those naming none. */
  project?: string;
}

/** An empty state. */
export function createGrantState(
  catalog: DliCatalog,
  typeOf: DliTypeResolver = pathType,
): DliGrantState {
  return { catalog, typeOf, scopes: new Map() };
}

/** `user:<name>` or `project:<id>`, the form principals take in queries. */
export function granteeKey(grantee: DliGrantee): string {
  return grantee.kind === 'user' ? `user:${grantee.name}` : `project:${grantee.id}`;
}

/** The grants at one object, created when `create` is set. */
export function grantsAt(
  state: DliGrantState,
  grantee: DliGrantee,
  object: string,
  project: string | undefined,
  create = false,
): DliObjectGrants | undefined {
  const scopeKey = project ?? '';
  let scope = state.scopes.get(scopeKey);
  if (!scope && create) state.scopes.set(scopeKey, (scope = new Map()));
  let objects = scope?.get(granteeKey(grantee));
  if (scope && !objects && create) scope.set(granteeKey(grantee), (objects = new Map()));
  let grants = objects?.get(object);
  if (objects && !grants && create) objects.set(object, (grants = new Map()));

  return grants;
}

function scopesFor(state: DliGrantState, query: DliGrantQuery): string[] {
  const keys = [...state.scopes.keys()];

  return query.project === undefined ? keys : keys.filter((k) => k === '' || k === query.project);
}

/**
 * The grants that give `privilege` on `object` to `grantee`: at the object itself, or at an
 * ancestor where the privilege is inheritable (a database's `SELECT` reaches its tables and
 * their columns; its `DROP_TABLE` reaches tables only), including `ALL` grants. Empty when
 * nothing grants it, or when the privilege does not exist on the object's type.
 */
export function grantedPrivileges(
  state: DliGrantState,
  grantee: DliGrantee,
  object: DliObject | string,
  privilege: string,
  query: DliGrantQuery = {},
): DliGrantMatch[] {
  const target = toDliObject(object);
  const found = lookupPrivilege(state.catalog, state.typeOf(target), privilege);
  if (found.status !== 'ok') return [];
  const matches: DliGrantMatch[] = [];
  for (const source of privilegeSources(
    state.catalog,
    target,
    found.privilege.name,
    state.typeOf,
  )) {
    const info = objectTypeInfo(state.catalog, state.typeOf(source.object));
    const coveredByAll =
      info.allowAll && info.privileges.get(source.privilege)?.grantees.includes(grantee.kind);
    for (const scope of scopesFor(state, query)) {
      const grants = grantsAt(state, grantee, printDliObject(source.object), scope || undefined);
      const direct = grants?.get(source.privilege);
      const all = coveredByAll ? grants?.get(state.catalog.allPrivilege) : undefined;
      if (direct) matches.push({ grant: direct, inherited: source.depth > 0, viaAll: false });
      if (all) matches.push({ grant: all, inherited: source.depth > 0, viaAll: true });
    }
  }

  return matches;
}

/** Every privilege of the object's type that the grantee holds there, with the grants giving it. */
export function effectivePrivileges(
  state: DliGrantState,
  grantee: DliGrantee,
  object: DliObject | string,
  query: DliGrantQuery = {},
): Map<string, DliGrantMatch[]> {
  const target = toDliObject(object);
  const out = new Map<string, DliGrantMatch[]>();
  for (const name of objectTypeInfo(state.catalog, state.typeOf(target)).privileges.keys()) {
    const matches = grantedPrivileges(state, grantee, target, name, query);
    if (matches.length > 0) out.set(name, matches);
  }

  return out;
}

/** Every grant in the state, sorted by project, grantee, object and privilege. */
export function listGrants(state: DliGrantState): DliGrant[] {
  const all: DliGrant[] = [];
  for (const scope of state.scopes.values()) {
    for (const objects of scope.values()) {
      for (const grants of objects.values()) all.push(...grants.values());
    }
  }
  const key = (g: DliGrant): string =>
    [g.project ?? '', granteeKey(g.grantee), g.object, g.privilege].join('\u0000');

  return all.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
