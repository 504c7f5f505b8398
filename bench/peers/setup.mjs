/**
 * Builds the peers' input from an account and permgraph's catalog, and compares answers. The
 * catalog is read as data only (action names and scopes, system permission documents).
 */
import { iamPart } from './account.mjs';

/** The IAM-actions part of `account`, with the catalog's actions and system permissions. */
export function peerPart(account, catalog) {
  const actions = catalog.actions.map((a) => ({ name: a.name, scope: a.scope }));
  const systemPermission = (name) => {
    const found = catalog.findPermission(name);
    if (!found) return undefined;
    return {
      statements: found.document.statements,
      depends: found.document.depends.map((d) => d.display_name),
    };
  };
  return iamPart(account, actions, systemPermission);
}

/** The target a question is asked in, as the peers name it. */
export function targetOf(query) {
  return query.project ?? 'global';
}

/** Whether a peer's answer agrees with permgraph's decision (conditional never reaches peers). */
export function agrees(decision, answer) {
  if (decision === 'allow') return answer.allowed;
  if (decision === 'deny') return !answer.allowed && answer.explicitDeny;
  if (decision === 'implicit-deny') return !answer.allowed && !answer.explicitDeny;
  return false;
}
