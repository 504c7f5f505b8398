/**
 * `fix` for a DLI privilege that is not granted: the smallest change is one DLI authorization
 * request granting exactly that privilege on exactly that object to the user (or project) — no
 * ancestor, so nothing else inherits it. The request is checked by replaying it after the
 * model's own requests and asking again.
 */
import { parseJson } from '../model/source.js';
import type { AccountModel } from '../model/types.js';
import { can } from './can.js';
import type { Evaluator } from './evaluator.js';
import { evaluatorFor } from './fix-simulate.js';
import type { CanResult, PrincipalRef } from './types.js';

/** A DLI grant request proposed by `fix`, in the body form the model's `dli.requests` takes. */
export interface DliGrantProposal {
  request: Record<string, unknown>;
  /** Replayed after the model's requests, the privilege is allowed. */
  verified: boolean;
}

/**
 * The grant request for an implicitly denied privilege, or undefined when DLI cannot grant to
 * the principal (a group: DLI grants name users or projects).
 */
export function proposeDliGrant(
  evaluator: Evaluator,
  principal: PrincipalRef,
  principalText: string,
  current: CanResult,
): DliGrantProposal | undefined {
  const check = current.checks[0];
  if (!check || check.decision !== 'implicit-deny' || check.requirement.kind !== 'privilege')
    return undefined;
  if (principal.kind === 'group') return undefined;
  const grantee =
    principal.kind === 'user' ? { user_name: principal.name } : { projectId: principal.id };
  const request = {
    ...(current.request.project === undefined ? {} : { project: current.request.project }),
    ...grantee,
    action: 'grant',
    privileges: [{ object: check.requirement.object, privileges: [check.requirement.privilege] }],
  };
  const changed = evaluatorFor(withDliRequest(evaluator.pg.model, request), evaluator);
  const after = can(changed, principalText, current.request.name, {
    project: current.request.project,
    on: check.requirement.object,
    context: current.request.context,
  });

  return { request, verified: after.allowed };
}

/** The model with one more DLI request, replayed after the model's own. */
function withDliRequest(model: AccountModel, request: Record<string, unknown>): AccountModel {
  const source = parseJson(JSON.stringify({ requests: [request] }), '(proposed).json');
  return { ...model, dli: [...model.dli, { value: source.value, source, basePath: [] }] };
}
