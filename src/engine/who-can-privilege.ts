/**
 * `who-can` for a DLI data privilege (`SELECT --on databases.db1.tables.tbl`). The principals
 * that can hold it are found from the things that give it, never by asking every user: holders
 * of a DLI administrator permission, owners of the object or an ancestor, principals with an IAM
 * Allow of the privilege's `dli:` action (the reverse walk of `who-can-action.ts`), and grantees
 * of replayed DLI grants (users and projects). Each of these few candidates is then decided by
 * the same `checkPrivilege` that `can` uses, so an IAM Deny removes it exactly as it does there.
 */
import { listGrants } from '../dli/grants.js';
import { findOwners } from '../dli/inventory.js';
import { checkPrivilege, dliState, parsePrivilegeRequest, type PrivilegeRequest } from './dli.js';
import type { Evaluator } from './evaluator.js';
import { holderIndex } from './holders.js';
import {
  comparePaths,
  whoCanAction,
  type PrincipalAnswer,
  type PrincipalKind,
} from './who-can-action.js';
import { formatPrincipal, type PrincipalRef, type QueryOptions } from './types.js';

/** The privilege asked about, and every principal it is allowed or conditional for. */
export interface PrivilegeAnswers {
  request: PrivilegeRequest;
  scope: string;
  answers: Map<string, PrincipalAnswer>;
}

/**
 * Answers a privilege for users and project principals (`kind` user) or groups. Groups hold
 * no DLI grants and own nothing: only administrators and IAM Allows reach them.
 */
export function whoCanPrivilege(
  evaluator: Evaluator,
  privilege: string,
  project: string | undefined,
  options: QueryOptions,
  kind: PrincipalKind,
): PrivilegeAnswers {
  const request = parsePrivilegeRequest(evaluator, privilege, options.on, project);
  const answers = new Map<string, PrincipalAnswer>();
  let scope = project === undefined ? 'any project' : `project ${project}`;
  for (const principal of candidates(evaluator, request, project, options, kind)) {
    const check = checkPrivilege(evaluator, principal, request, options, project);
    scope = check.scope;
    if (check.decision !== 'allow' && check.decision !== 'conditional') continue;
    const deciding = check.because.filter((m) => m.effect === 'Allow').map((m) => m.path);
    answers.set(formatPrincipal(principal), {
      principal,
      decision: check.decision,
      unknownKeys: check.unknownKeys,
      path: deciding.sort(comparePaths)[0] ?? [],
    });
  }
  return { request, scope, answers };
}

function candidates(
  evaluator: Evaluator,
  request: PrivilegeRequest,
  project: string | undefined,
  options: QueryOptions,
  kind: PrincipalKind,
): PrincipalRef[] {
  const found = new Map<string, PrincipalRef>();
  const add = (principal: PrincipalRef): void => {
    found.set(formatPrincipal(principal), principal);
  };
  administrators(evaluator, kind).forEach(add);
  if (project !== undefined) iamAllowed(evaluator, request, project, options, kind).forEach(add);
  if (kind === 'user') {
    owners(evaluator, request).forEach(add);
    grantees(evaluator).forEach(add);
  }
  return [...found.values()];
}

/** Holders of a DLI administrator permission anywhere; `checkPrivilege` checks the scope. */
function administrators(evaluator: Evaluator, kind: PrincipalKind): PrincipalRef[] {
  const names = new Set(dliState(evaluator).catalog.administrators.map((a) => a.permission));
  const index = holderIndex(evaluator.pg);
  return index
    .grantedPermissions()
    .filter((p) => names.has(p.permission.name))
    .flatMap((p) => p.grants.flatMap((grant) => index.holders(grant)))
    .map((h) => h.principal)
    .filter((p) => p.kind === kind);
}

function iamAllowed(
  evaluator: Evaluator,
  request: PrivilegeRequest,
  project: string,
  options: QueryOptions,
  kind: PrincipalKind,
): PrincipalRef[] {
  const action =
    request.iam.action === undefined
      ? undefined
      : evaluator.pg.catalog.findAction(request.iam.action);
  if (!action) return [];
  const answers = whoCanAction(
    evaluator,
    {
      action,
      target: { kind: 'project', project },
      resource: request.iam.resource,
      context: options.context,
      now: options.now ?? new Date(),
    },
    kind,
  );
  return [...answers.values()].map((a) => a.principal);
}

function owners(evaluator: Evaluator, request: PrivilegeRequest): PrincipalRef[] {
  const { objects } = dliState(evaluator);
  if (!objects) return [];
  const { users } = evaluator.pg.model;
  return findOwners(objects, request.object)
    .filter((o) => users.has(o.owner))
    .map((o) => ({ kind: 'user', name: o.owner }));
}

/** Every user and project that received some DLI grant; the check decides which reach the object. */
function grantees(evaluator: Evaluator): PrincipalRef[] {
  const { users } = evaluator.pg.model;
  return listGrants(dliState(evaluator).replay.state).flatMap((g): PrincipalRef[] => {
    if (g.grantee.kind === 'project') return [{ kind: 'project', id: g.grantee.id }];
    return users.has(g.grantee.name) ? [{ kind: 'user', name: g.grantee.name }] : [];
  });
}
