/**
 * The decision of a DLI privilege check without its explanation: the two layers of
 * `checkPrivilege` (dli.ts), decided from the decision index. An IAM Deny of the privilege's
 * action denies; otherwise a DLI administrator permission, ownership, an IAM Allow or a DLI grant
 * allows — conditionally when an IAM Deny whose condition is not settled might apply.
 * `test/engine/decision.test.ts` holds this to `can`'s decision.
 */
import type { DliGrantee } from '../dli/request.js';
import { grantedPrivileges } from '../dli/grants.js';
import { ownsObject } from '../dli/inventory.js';
import type { RequestContext } from '../policy/types.js';
import { actionOutcome, type DecisionIndex, type PrincipalEntry } from './decision.js';
import { dliState, parsePrivilegeRequest, type PrivilegeRequest } from './dli.js';
import { checkDependencies, scopeCovers } from './grants.js';
import type { Decision, QueryOptions, Target } from './types.js';

const requests = new WeakMap<DecisionIndex, Map<string, PrivilegeRequest>>();
const administrators = new WeakMap<PrincipalEntry, Map<string, boolean>>();
const dataAccess = new WeakMap<PrincipalEntry, Map<PrivilegeRequest, boolean>>();

/**
 * The decision, or undefined where `can` must answer: project principals, no project, and a
 * model without `domainId` (its IAM resource then needs `can`'s second look at Deny statements).
 */
export function decidePrivilege(
  index: DecisionIndex,
  entry: PrincipalEntry,
  privilege: string,
  options: QueryOptions,
): Decision | undefined {
  const { evaluator } = index;
  const { principal } = entry;
  if (principal.kind === 'project' || evaluator.pg.model.domainId === undefined) return undefined;
  const project = index.project(options.project);
  if (project === undefined) return undefined;
  const request = privilegeRequest(index, privilege, options.on, project);
  const target: Target = { kind: 'project', project };
  const action = request.iam.action
    ? evaluator.pg.catalog.findAction(request.iam.action)
    : undefined;
  const iam = action
    ? actionOutcome(index, entry, action, target, { ...options, resource: request.iam.resource })
    : undefined;
  if (iam?.decision === 'deny') return 'deny';
  const allowed =
    iam?.decision === 'allow' ||
    isAdministrator(index, entry, target, options) ||
    ownsOrGranted(index, entry, request, project);
  // A Deny left open by the query may apply whatever the IAM Allow: with no Allow too.
  const mayBeDenied = iam?.denyUnknown === true;
  if (allowed) return mayBeDenied ? 'conditional' : 'allow';
  return iam?.decision === 'conditional' ? 'conditional' : 'implicit-deny';
}

function privilegeRequest(
  index: DecisionIndex,
  privilege: string,
  on: string | undefined,
  project: string,
): PrivilegeRequest {
  let cache = requests.get(index);
  if (!cache) {
    cache = new Map();
    requests.set(index, cache);
  }
  const key = `${privilege}\u0000${on ?? ''}\u0000${project}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const request = parsePrivilegeRequest(index.evaluator, privilege, on, project);
  cache.set(key, request);
  return request;
}

/** A DLI administrator permission held in the project, its Depends met (cached per principal). */
export function isAdministrator(
  index: DecisionIndex,
  entry: PrincipalEntry,
  target: Target & { kind: 'project' },
  options: QueryOptions,
): boolean {
  const cacheable = entry.dependencies !== undefined;
  let cache = administrators.get(entry);
  if (cacheable && cache?.has(target.project)) return cache.get(target.project) === true;
  // As `can` reads it: the supplied context as given (it decides enterprise-project scopes).
  const context: RequestContext = new Map(Object.entries(options.context ?? {}));
  const admins = new Set(dliState(index.evaluator).catalog.administrators.map((a) => a.permission));
  const found = entry.held.some(
    (h) =>
      admins.has(h.grant.permission.name) &&
      scopeCovers(h.grant.scope, target, context) === 'true' &&
      checkDependencies(h.grant, entry.held, target, context).met,
  );
  if (cacheable) {
    cache ??= new Map();
    administrators.set(entry, cache);
    cache.set(target.project, found);
  }
  return found;
}

/**
 * Ownership or a replayed grant: both fixed by the model, so kept per principal and request
 * (a request is one privilege on one object in one project).
 */
function ownsOrGranted(
  index: DecisionIndex,
  entry: PrincipalEntry,
  request: PrivilegeRequest,
  project: string,
): boolean {
  let cache = dataAccess.get(entry);
  if (!cache) {
    cache = new Map();
    dataAccess.set(entry, cache);
  }
  const known = cache.get(request);
  if (known !== undefined) return known;
  const found = owns(index, entry, request) || granted(index, entry, request, project);
  cache.set(request, found);
  return found;
}

function owns(index: DecisionIndex, entry: PrincipalEntry, request: PrivilegeRequest): boolean {
  const { objects } = dliState(index.evaluator);
  if (entry.principal.kind !== 'user' || !objects) return false;
  return ownsObject(objects, entry.principal.name, request.object) !== undefined;
}

/** A replayed DLI grant reaching the object, sent to the project (by name or id). */
function granted(
  index: DecisionIndex,
  entry: PrincipalEntry,
  request: PrivilegeRequest,
  project: string,
): boolean {
  if (entry.principal.kind !== 'user') return false;
  const grantee: DliGrantee = { kind: 'user', name: entry.principal.name };
  const { replay } = dliState(index.evaluator);
  const id = index.evaluator.pg.model.projects.find((p) => p.name === project)?.id;
  const keys = id === undefined || id === project ? [project] : [project, id];
  return keys.some(
    (key) =>
      grantedPrivileges(replay.state, grantee, request.object, request.privilege, { project: key })
        .length > 0,
  );
}
