/**
 * DLI privilege checks: one decision over both of DLI's layers (DESIGN.md §4). An IAM Deny of
 * the privilege's `dli:` action denies whatever the grants say. Otherwise any of these allows:
 * a DLI administrator permission held in the project, ownership of the object or an ancestor,
 * an IAM Allow of the action for the object's resource, or a DLI grant on the object or on an
 * ancestor it inherits from. The check's notes name the layer that decided.
 */
import { dliCatalogFromSections, type DliCatalog } from '../dli/catalog.js';
import { grantedPrivileges, type DliGrantMatch } from '../dli/grants.js';
import { privilegeToIam, type DliIamCheck } from '../dli/iam.js';
import { inventoryTypeResolver, ownsObject } from '../dli/inventory.js';
import { parseDliModelSection, type DliObjectInventory } from '../dli/model.js';
import { ancestors, parseDliObject, printDliObject, type DliObject } from '../dli/object.js';
import { lookupPrivilege, pathType, type DliTypeResolver } from '../dli/privilege.js';
import { replayRequests, type DliReplayResult } from '../dli/replay.js';
import type { DliGrantee, DliRequest } from '../dli/request.js';
import { PermgraphError, formatPosition } from '../errors.js';
import { describeScope } from '../model/types.js';
import { evaluateAction, statementMatches } from './action.js';
import { buildContext } from './context.js';
import type { Evaluator } from './evaluator.js';
import { checkDependencies, describeTarget, scopeCovers } from './grants.js';
import type {
  Check,
  PathStep,
  PrincipalRef,
  QueryOptions,
  StatementMatch,
  Target,
} from './types.js';

/** The model's DLI state: catalog, inventory, requests and their replay. Built once per model. */
export interface DliModelState {
  catalog: DliCatalog;
  objects: DliObjectInventory | undefined;
  requests: DliRequest[];
  replay: DliReplayResult;
  typeOf: DliTypeResolver;
}

const states = new WeakMap<Evaluator, DliModelState>();

/** The replayed DLI state of the evaluator's model (validated on first use; `E_DLI` on bad input). */
export function dliState(evaluator: Evaluator): DliModelState {
  const cached = states.get(evaluator);
  if (cached) return cached;
  const { model, catalog } = evaluator.pg;
  const dliCatalog = dliCatalogFromSections(catalog.dliSections);
  let objects: DliObjectInventory | undefined;
  const requests: DliRequest[] = [];
  for (const section of model.dli) {
    const parsed = parseDliModelSection(section.value, section.source, section.basePath);
    if (parsed.objects) objects = mergeInventories(objects, parsed.objects);
    requests.push(...parsed.requests);
  }
  const typeOf = objects ? inventoryTypeResolver(objects) : pathType;
  const replay = replayRequests(requests, dliCatalog, objects ? { objects } : {});
  const state = { catalog: dliCatalog, objects, requests, replay, typeOf };
  states.set(evaluator, state);
  return state;
}

/** Later files add objects to earlier ones; an object named twice takes the later entry. */
function mergeInventories(
  a: DliObjectInventory | undefined,
  b: DliObjectInventory,
): DliObjectInventory {
  if (!a) return b;
  const merged: Record<string, unknown> = { ...a };
  for (const [kind, entries] of Object.entries(b)) {
    const earlier = (a as Record<string, Record<string, unknown> | undefined>)[kind];
    merged[kind] = { ...(earlier ?? {}), ...(entries as Record<string, unknown>) };
  }
  return merged as DliObjectInventory;
}

/** Whether `what` names a DLI privilege (`SELECT`, `DROP_TABLE`) rather than an action or operation. */
export function looksLikePrivilege(what: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(what);
}

/** A DLI privilege request, parsed and checked against the catalog. */
export interface PrivilegeRequest {
  privilege: string;
  object: DliObject;
  path: string;
  iam: DliIamCheck;
}

/** Parses `--on` and the privilege; usage errors for a missing or malformed object. */
export function parsePrivilegeRequest(
  evaluator: Evaluator,
  privilege: string,
  on: string | undefined,
  project: string | undefined,
): PrivilegeRequest {
  if (on === undefined) {
    throw new PermgraphError(
      'E_USAGE',
      `${privilege} is a DLI privilege: say on which object with --on`,
      {
        hint: 'for example --on databases.db1.tables.tbl',
      },
    );
  }
  const state = dliState(evaluator);
  let object: DliObject;
  try {
    object = parseDliObject(on);
  } catch (error) {
    if (error instanceof PermgraphError)
      throw new PermgraphError('E_USAGE', error.message, { hint: error.hint });
    throw error;
  }
  const region = project === undefined ? undefined : regionOf(project);
  const domain = evaluator.pg.model.domainId;
  let iam: DliIamCheck;
  try {
    iam = privilegeToIam(
      state.catalog,
      privilege,
      object,
      { ...(region ? { region } : {}), ...(domain ? { domain } : {}) },
      state.typeOf,
    );
  } catch (error) {
    if (error instanceof PermgraphError)
      throw new PermgraphError('E_USAGE', error.message, { hint: error.hint });
    throw error;
  }
  return { privilege: iam.privilege, object, path: printDliObject(object), iam };
}

/** `cn-north-4_analytics` is a sub-project of region `cn-north-4`. */
function regionOf(project: string): string {
  return project.split('_')[0] ?? project;
}

/** Decides one DLI privilege check for a user, group or project principal. */
export function checkPrivilege(
  evaluator: Evaluator,
  principal: PrincipalRef,
  request: PrivilegeRequest,
  options: QueryOptions,
  project: string | undefined,
): Check {
  const state = dliState(evaluator);
  const requirement = {
    kind: 'privilege' as const,
    privilege: request.privilege,
    object: request.path,
  };
  const scope = project === undefined ? 'any project' : `project ${project}`;
  const base: Check = {
    requirement,
    scope,
    decision: 'implicit-deny',
    because: [],
    nearMisses: [],
    unknownKeys: [],
    notes: [],
  };
  if (principal.kind !== 'project' && project === undefined) {
    throw new PermgraphError(
      'E_USAGE',
      `DLI privileges are granted per project: say in which with --project`,
      {
        hint: `the model's projects: ${evaluator.pg.model.projects.map((p) => p.name).join(', ') || '(none declared)'}`,
      },
    );
  }

  // Layer 1: IAM. A Deny here is final; an Allow is one way to be allowed.
  const iam =
    principal.kind === 'project' || project === undefined
      ? undefined
      : iamCheck(evaluator, principal, request, options, project);
  if (iam?.decision === 'deny') {
    return {
      ...base,
      decision: 'deny',
      because: iam.because,
      notes: [
        `decided by IAM: a Deny of ${request.iam.action} on ${request.iam.resource} overrides DLI grants`,
      ],
    };
  }
  const mayBeDenied =
    iam !== undefined && iam.because.some((m) => m.effect === 'Deny' && m.truth === 'unknown');

  const allows: { match: StatementMatch; note: string }[] = [];
  if (principal.kind !== 'project' && project !== undefined) {
    const admin = administratorMatch(evaluator, principal, project, options);
    if (admin) allows.push(admin);
  }
  if (principal.kind === 'user' && state.objects) {
    const owned = ownsObject(state.objects, principal.name, request.object);
    if (owned !== undefined) allows.push(ownerMatch(principal.name, owned, request, project));
  }
  if (iam?.decision === 'allow') {
    allows.push(
      ...iam.because.map((match) => ({
        match,
        note: `decided by IAM: ${request.iam.action} is allowed on ${request.iam.resource}`,
      })),
    );
  }
  const grantee = granteeOf(principal);
  const grants = grantee ? grantMatches(evaluator, grantee, request, project) : [];
  allows.push(
    ...grants.map((g) => grantMatch(principal, g, request, state, project, options.baseDir)),
  );

  if (allows.length > 0) {
    const first = allows[0] as { match: StatementMatch; note: string };
    if (mayBeDenied) {
      return {
        ...base,
        decision: 'conditional',
        because: [
          ...(iam?.because ?? []).filter((m) => m.effect === 'Deny'),
          ...allows.map((a) => a.match),
        ],
        unknownKeys: iam?.unknownKeys ?? [],
        notes: [
          `${first.note}, unless an IAM Deny whose condition is not settled applies`,
          ...(iam?.unknownKeys.includes('domainId')
            ? [
                "a Deny's Resource names an account id and the model has no domainId: add it to settle this",
              ]
            : []),
        ],
      };
    }
    return { ...base, decision: 'allow', because: allows.map((a) => a.match), notes: [first.note] };
  }
  if (iam?.decision === 'conditional') {
    return {
      ...iam,
      requirement,
      scope,
      notes: [
        'decided by IAM: no DLI grant, owner or administrator gives it; an IAM Allow applies only under conditions',
      ],
    };
  }
  return {
    ...base,
    nearMisses: [
      ...(iam?.nearMisses ?? []),
      ...grantNearMisses(evaluator, principal, request, project, options.baseDir),
    ],
    notes: denialNotes(principal, request, state),
  };
}

function iamCheck(
  evaluator: Evaluator,
  principal: PrincipalRef,
  request: PrivilegeRequest,
  options: QueryOptions,
  project: string,
): Check | undefined {
  const name = request.iam.action;
  if (name === undefined) return undefined;
  const action = evaluator.pg.catalog.findAction(name);
  if (!action) return undefined;
  const target: Target = { kind: 'project', project };
  const context = buildContext(
    evaluator.pg.model,
    principal,
    action,
    target,
    options.context,
    options.now ?? new Date(),
  );
  const known = evaluateAction(evaluator, principal, {
    action,
    target,
    resource: request.iam.resource,
    context,
  });
  const settled = withUnsettledDenies(evaluator, principal, known, {
    action,
    target,
    resource: request.iam.resource,
    context,
  });
  if (evaluator.pg.model.domainId !== undefined || settled.decision === 'deny') return settled;
  // The account id is not in the model, so the request's resource carries `*` for it, which a
  // Deny naming a concrete account id does not match. Ask again with the resource unknown:
  // a Deny that might then apply makes an allow conditional rather than silently allowed.
  const unknown = statementMatches(evaluator, principal, {
    action,
    target,
    resource: undefined,
    context,
  });
  const doubtful = unknown.matches.filter(
    (m) => m.effect === 'Deny' && m.truth === 'unknown' && m.unknownKeys.includes('resource'),
  );
  if (doubtful.length === 0) return settled;
  return {
    ...settled,
    because: [
      ...settled.because,
      ...doubtful.map((m) => ({
        ...m,
        unknownKeys: [...new Set([...m.unknownKeys, 'domainId'])].sort(),
      })),
    ],
    unknownKeys: [...new Set([...settled.unknownKeys, 'domainId'])].sort(),
    decision: settled.decision === 'allow' ? 'conditional' : settled.decision,
  };
}

/**
 * An IAM check with no Allow says nothing of a Deny whose condition the query left open, but
 * for a privilege the Allow may come from a DLI grant, owner or administrator: that Deny might
 * still apply, so it is kept (with its unknown keys) for `checkPrivilege` to make the answer
 * conditional rather than allowed.
 */
function withUnsettledDenies(
  evaluator: Evaluator,
  principal: PrincipalRef,
  known: Check,
  request: Parameters<typeof statementMatches>[2],
): Check {
  if (known.decision !== 'implicit-deny') return known;
  const unsettled = statementMatches(evaluator, principal, request).matches.filter(
    (m) => m.effect === 'Deny' && m.truth === 'unknown',
  );
  if (unsettled.length === 0) return known;
  const keys = unsettled.flatMap((m) => m.unknownKeys);
  return {
    ...known,
    because: [...known.because, ...unsettled],
    unknownKeys: [...new Set([...known.unknownKeys, ...keys])].sort(),
  };
}

function administratorMatch(
  evaluator: Evaluator,
  principal: PrincipalRef,
  project: string,
  options: QueryOptions,
): { match: StatementMatch; note: string } | undefined {
  const admins = new Set(dliState(evaluator).catalog.administrators.map((a) => a.permission));
  const target: Target = { kind: 'project', project };
  const context = new Map<string, string[] | null>(Object.entries(options.context ?? {}));
  const held = evaluator.grants.held(principal);
  for (const h of held) {
    if (!admins.has(h.grant.permission.name)) continue;
    if (scopeCovers(h.grant.scope, target, context) !== 'true') continue;
    if (!checkDependencies(h.grant, held, target, context).met) continue;
    return {
      match: {
        effect: 'Allow',
        truth: 'true',
        permission: h.grant.permission.name,
        grant: h.grant.id,
        scope: describeScope(h.grant.scope),
        unknownKeys: [],
        path: [...h.path, evaluator.permissionStep(h.grant)],
      },
      note: `decided by IAM: ${h.grant.permission.name} makes the principal a DLI administrator in ${describeTarget(target)}`,
    };
  }
  return undefined;
}

function ownerMatch(
  user: string,
  owned: string,
  request: PrivilegeRequest,
  project: string | undefined,
): { match: StatementMatch; note: string } {
  const inherited = owned !== request.path;
  return {
    match: {
      effect: 'Allow',
      truth: 'true',
      permission: 'owner',
      grant: `owner of ${owned}`,
      scope: project === undefined ? 'any project' : `project ${project}`,
      unknownKeys: [],
      path: [
        { kind: 'user', label: `user:${user}` },
        { kind: 'owner', label: `owns ${owned}` },
      ],
    },
    note: `decided by DLI ownership: user ${user} owns ${owned}${inherited ? `, which contains ${request.path}` : ''}`,
  };
}

function granteeOf(principal: PrincipalRef): DliGrantee | undefined {
  if (principal.kind === 'user') return { kind: 'user', name: principal.name };
  if (principal.kind === 'project') return { kind: 'project', id: principal.id };
  return undefined;
}

/** Grants that reach the object, sent to this project (by name or id) or naming none. */
function grantMatches(
  evaluator: Evaluator,
  grantee: DliGrantee,
  request: PrivilegeRequest,
  project: string | undefined,
): DliGrantMatch[] {
  const { replay } = dliState(evaluator);
  if (project === undefined)
    return grantedPrivileges(replay.state, grantee, request.object, request.privilege);
  const id = evaluator.pg.model.projects.find((p) => p.name === project)?.id;
  const keys = id === undefined || id === project ? [project] : [project, id];
  const seen = new Set<unknown>();
  return keys
    .flatMap((key) =>
      grantedPrivileges(replay.state, grantee, request.object, request.privilege, { project: key }),
    )
    .filter((m) => !seen.has(m.grant) && seen.add(m.grant));
}

function requestLabel(index: number, state: DliModelState): string {
  const request = state.requests[index];
  return `DLI ${request?.action ?? 'grant'} request ${index + 1}`;
}

function grantMatch(
  principal: PrincipalRef,
  m: DliGrantMatch,
  request: PrivilegeRequest,
  state: DliModelState,
  project: string | undefined,
  baseDir: string | undefined,
): { match: StatementMatch; note: string } {
  const { grant } = m;
  const where = grant.position ? ` at ${formatPosition(grant.position, baseDir)}` : '';
  const how = m.viaAll ? `${state.catalog.allPrivilege}` : grant.privilege;
  const label = `${how} on ${grant.object}${m.inherited ? ' (inherited)' : ''}`;
  const path: PathStep[] = [
    { kind: principal.kind === 'project' ? 'project' : 'user', label: formatRef(principal) },
    {
      kind: 'dli-grant',
      label: `${requestLabel(grant.requestIndex, state)}: ${label}`,
      position: grant.position,
    },
  ];
  const reach = m.inherited
    ? `${how} granted on ${grant.object}, which ${request.path} inherits it from`
    : `${how} granted on ${grant.object}`;
  return {
    match: {
      effect: 'Allow',
      truth: 'true',
      permission: 'DLI grant',
      grant: requestLabel(grant.requestIndex, state),
      scope: project === undefined ? 'any project' : `project ${project}`,
      unknownKeys: [],
      path,
    },
    note: `decided by a DLI grant: ${reach} (${requestLabel(grant.requestIndex, state)}${where})`,
  };
}

function formatRef(principal: PrincipalRef): string {
  return principal.kind === 'project'
    ? `project:${principal.id}`
    : `${principal.kind}:${principal.name}`;
}

/** Grants of this privilege elsewhere, or of others here: why what looks related does not give it. */
function grantNearMisses(
  evaluator: Evaluator,
  principal: PrincipalRef,
  request: PrivilegeRequest,
  project: string | undefined,
  baseDir: string | undefined,
): Check['nearMisses'] {
  const grantee = granteeOf(principal);
  if (!grantee) return [];
  const state = dliState(evaluator);
  const key = grantee.kind === 'user' ? `user:${grantee.name}` : `project:${grantee.id}`;
  const lines: Check['nearMisses'] = [];
  const related = new Set([request.path, ...ancestorPaths(request.path)]);
  for (const [scopeKey, grantees] of state.replay.state.scopes) {
    if (project !== undefined && scopeKey !== '' && scopeKey !== project) {
      const id = evaluator.pg.model.projects.find((p) => p.name === project)?.id;
      if (scopeKey !== id) continue;
    }
    for (const [object, grants] of grantees.get(key) ?? []) {
      for (const grant of grants.values()) {
        const where = grant.position
          ? ` (${requestLabel(grant.requestIndex, state)} at ${formatPosition(grant.position, baseDir)})`
          : '';
        if (
          grant.privilege === request.privilege &&
          object !== request.path &&
          !related.has(object)
        ) {
          lines.push({
            reason: 'scope',
            message: `${grant.privilege} is granted on ${object}${where}, not on ${request.path} or an object it inherits from`,
            path: [],
          });
        } else if (related.has(object) && grant.privilege !== request.privilege) {
          lines.push({
            reason: 'scope',
            message: `${grant.privilege} granted on ${object}${where} does not give ${request.privilege}${object === request.path ? '' : ` on ${request.path}`}`,
            path: [],
          });
        }
      }
    }
  }
  return lines.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}

function ancestorPaths(path: string): string[] {
  return ancestors(parseDliObject(path)).map(printDliObject);
}

function denialNotes(
  principal: PrincipalRef,
  request: PrivilegeRequest,
  state: DliModelState,
): string[] {
  const notes: string[] = [];
  const type = state.typeOf(request.object);
  const found = lookupPrivilege(state.catalog, type, request.privilege);
  const grantees = found.status === 'ok' ? found.privilege.grantees : [];
  if (principal.kind === 'project' && !grantees.includes('project')) {
    notes.push(
      `${request.privilege} on a ${type} can be granted to IAM users only, never to a project`,
    );
  }
  if (principal.kind === 'group') {
    notes.push(
      'DLI grants go to users and projects, not to groups: only IAM policies and administrator permissions of the group count',
    );
  }
  const layers =
    principal.kind === 'project'
      ? 'no DLI grant to this project gives it'
      : `no IAM Allow of ${request.iam.action ?? '(no IAM action)'}, DLI administrator permission, ownership or DLI grant gives it`;
  notes.push(`not granted: ${layers}`);
  return notes;
}
