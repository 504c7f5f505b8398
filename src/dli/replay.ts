/**
 * Replays DLI authorization requests in order into a grant state, the way DLI applies them:
 * `grant` adds, `revoke` removes only at the level where the grant was made, `update` replaces
 * the grantee's privileges on the object. Each request item yields diagnostics for lint.
 *
 * An item the API would refuse (invalid object, unknown privilege, a privilege the object type
 * or grantee cannot have) is reported and left out; the request's other items still apply.
 * Whether DLI rejects the whole request instead is not documented.
 */
import { formatPosition, PermgraphError } from '../errors.js';
import type { DliCatalog, DliPrivilege } from './catalog.js';
import type { DliDiagnostic, DliDiagnosticId } from './diagnostics.js';
import {
  createGrantState,
  grantedPrivileges,
  grantsAt,
  type DliGrant,
  type DliGrantState,
} from './grants.js';
import { inventoryTypeResolver, objectExists } from './inventory.js';
import type { DliObjectInventory } from './model.js';
import { parseDliObject, printDliObject, type DliObject } from './object.js';
import { lookupPrivilege, pathType, type DliTypeResolver } from './privilege.js';
import type { DliRequest, DliRequestEntry } from './request.js';
import type { SourcePosition } from '../model/source.js';

/** Replay settings. */
export interface DliReplayOptions {
  /** The model's `dli.objects`: reports grants to unknown objects and tells views from tables. */
  objects?: DliObjectInventory;
  /** Overrides how an object's catalog type is found. */
  typeOf?: DliTypeResolver;
}

/** The state after every request, and what was found on the way. */
export interface DliReplayResult {
  state: DliGrantState;
  diagnostics: DliDiagnostic[];
}

/** One request item being applied. */
interface ItemContext {
  state: DliGrantState;
  request: DliRequest;
  requestIndex: number;
  privilegeIndex: number;
  entry: DliRequestEntry;
  object: string;
  target: DliObject;
  type: string;
  diagnostics: DliDiagnostic[];
}

/** A privilege name of an item, resolved; `privilege` is undefined for `ALL`. */
interface ResolvedName {
  name: string;
  privilege: DliPrivilege | undefined;
  position: SourcePosition | undefined;
}

/** Replays the requests in order; see the file comment for the semantics. */
export function replayRequests(
  requests: readonly DliRequest[],
  catalog: DliCatalog,
  options: DliReplayOptions = {},
): DliReplayResult {
  const typeOf =
    options.typeOf ?? (options.objects ? inventoryTypeResolver(options.objects) : pathType);
  const state = createGrantState(catalog, typeOf);
  const diagnostics: DliDiagnostic[] = [];
  requests.forEach((request, requestIndex) => {
    request.privileges.forEach((entry, privilegeIndex) => {
      const base = { state, request, requestIndex, privilegeIndex, entry, diagnostics };
      applyItem(base, options);
    });
  });

  return { state, diagnostics };
}

type BaseContext = Omit<ItemContext, 'object' | 'target' | 'type'>;

function applyItem(base: BaseContext, options: DliReplayOptions): void {
  const target = parseTarget(base);
  if (!target) return;
  const ctx: ItemContext = {
    ...base,
    target,
    object: printDliObject(target),
    type: base.state.typeOf(target),
  };
  if (options.objects && objectExists(options.objects, target) === false) {
    report(ctx, 'unknown-object', undefined, {});
  }
  const names = resolveNames(ctx);
  if (ctx.request.action === 'grant') applyGrant(ctx, grantable(ctx, names));
  else if (ctx.request.action === 'revoke') applyRevoke(ctx, names);
  else applyUpdate(ctx, grantable(ctx, names));
}

function parseTarget(base: BaseContext): DliObject | undefined {
  try {
    return parseDliObject(base.entry.object);
  } catch (error) {
    if (!(error instanceof PermgraphError)) throw error;
    report({ ...base, object: base.entry.object }, 'invalid-object', undefined, {
      reason: error.message,
    });
    return undefined;
  }
}

function report(
  ctx: BaseContext & { object: string },
  id: DliDiagnosticId,
  privilege: string | undefined,
  data: Record<string, string>,
  position: SourcePosition | undefined = ctx.entry.position,
): void {
  ctx.diagnostics.push({
    id,
    requestIndex: ctx.requestIndex,
    privilegeIndex: ctx.privilegeIndex,
    object: ctx.object,
    ...(privilege === undefined ? {} : { privilege }),
    grantee: ctx.request.grantee,
    data,
    position,
  });
}

function resolveNames(ctx: ItemContext): ResolvedName[] {
  const out: ResolvedName[] = [];
  ctx.entry.privileges.forEach((written, i) => {
    const position = ctx.entry.privilegePositions?.[i] ?? ctx.entry.position;
    const found = lookupPrivilege(ctx.state.catalog, ctx.type, written);
    if (found.status === 'unknown') {
      report(
        ctx,
        'unknown-privilege',
        written,
        { type: ctx.type, suggestion: found.suggestion ?? '' },
        position,
      );
    } else if (found.status === 'not-applicable') {
      report(
        ctx,
        'privilege-not-applicable',
        found.name,
        { type: ctx.type, types: found.types.join(', ') },
        position,
      );
    } else {
      const name = found.status === 'all' ? found.name : found.privilege.name;
      const privilege = found.status === 'all' ? undefined : found.privilege;
      if (!out.some((n) => n.name === name)) out.push({ name, privilege, position });
    }
  });

  return out;
}

/** Drops, with a diagnostic, what cannot be granted on this object to this grantee. */
function grantable(ctx: ItemContext, names: ResolvedName[]): ResolvedName[] {
  const kind = ctx.request.grantee.kind;

  return names.filter(({ name, privilege, position }) => {
    if (!privilege) return true;
    if (privilege.allResourcesOnly) {
      report(ctx, 'all-resources-only', name, { type: ctx.type }, position);
      return false;
    }
    if (privilege.grantees.includes(kind)) return true;
    const id = kind === 'project' ? 'privilege-not-for-project' : 'privilege-not-for-user';
    report(ctx, id, name, { type: ctx.type }, position);
    return false;
  });
}

function newGrant(ctx: ItemContext, item: ResolvedName): DliGrant {
  return {
    grantee: ctx.request.grantee,
    object: ctx.object,
    privilege: item.name,
    requestIndex: ctx.requestIndex,
    position: item.position,
    project: ctx.request.project,
  };
}

function grantData(grant: DliGrant, reason: string): Record<string, string> {
  return {
    reason,
    grantedAt: grant.object,
    grantedPrivilege: grant.privilege,
    grantedBy: formatPosition(grant.position) || `request ${grant.requestIndex}`,
  };
}

/** Reports a privilege the grantee already holds through an ancestor or an `ALL` grant. */
function noteHeld(ctx: ItemContext, item: ResolvedName): void {
  if (!item.privilege) return;
  const query = { project: ctx.request.project ?? '' };
  const match = grantedPrivileges(ctx.state, ctx.request.grantee, ctx.target, item.name, query)[0];
  if (!match) return;
  const reason = match.inherited ? 'inherited' : 'covered-by-all';
  report(ctx, 'redundant-grant', item.name, grantData(match.grant, reason), item.position);
}

/** Reports what a new grant shares: the grant option, or destructive rights for a project. */
function noteRisk(ctx: ItemContext, item: ResolvedName): void {
  const all = item.privilege === undefined;
  if (all || item.name === 'GRANT_PRIVILEGE') {
    report(ctx, 'grant-option-shared', item.name, {}, item.position);
  }
  if (ctx.request.grantee.kind === 'project' && (all || item.privilege?.destructive)) {
    report(ctx, 'destructive-to-project', item.name, {}, item.position);
  }
}

function applyGrant(ctx: ItemContext, names: ResolvedName[]): void {
  const grants = grantsAt(ctx.state, ctx.request.grantee, ctx.object, ctx.request.project, true)!;
  for (const item of names) {
    const existing = grants.get(item.name);
    if (existing) {
      report(
        ctx,
        'redundant-grant',
        item.name,
        grantData(existing, 'already-granted'),
        item.position,
      );
      continue;
    }
    noteHeld(ctx, item);
    grants.set(item.name, newGrant(ctx, item));
    noteRisk(ctx, item);
  }
}

function applyRevoke(ctx: ItemContext, names: ResolvedName[]): void {
  const grants = grantsAt(ctx.state, ctx.request.grantee, ctx.object, ctx.request.project);
  for (const item of names) {
    // Revoking ALL takes back everything granted at this object (UNCONFIRMED: the docs do not say).
    if (!item.privilege && grants && grants.size > 0) grants.clear();
    else if (item.privilege && grants?.delete(item.name)) continue;
    else noteRevokeMiss(ctx, item);
  }
}

function noteRevokeMiss(ctx: ItemContext, item: ResolvedName): void {
  const query = { project: ctx.request.project ?? '' };
  const match = item.privilege
    ? grantedPrivileges(ctx.state, ctx.request.grantee, ctx.target, item.name, query)[0]
    : undefined;
  if (match?.inherited) {
    report(
      ctx,
      'revoke-wrong-level',
      item.name,
      grantData(match.grant, 'inherited'),
      item.position,
    );
  } else {
    const data = match ? grantData(match.grant, 'covered-by-all') : { reason: 'never-granted' };
    report(ctx, 'noop-revoke', item.name, data, item.position);
  }
}

function applyUpdate(ctx: ItemContext, names: ResolvedName[]): void {
  const grants = grantsAt(ctx.state, ctx.request.grantee, ctx.object, ctx.request.project, true)!;
  const before = [...grants.keys()];
  grants.clear();
  if (ctx.entry.privileges.length === 0) {
    report(ctx, 'update-revokes-all', undefined, { removed: before.join(', ') });
  }
  for (const item of names) {
    noteHeld(ctx, item);
    grants.set(item.name, newGrant(ctx, item));
    if (!before.includes(item.name)) noteRisk(ctx, item);
  }
}
