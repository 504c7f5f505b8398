/**
 * What replaying DLI requests finds: structured diagnostics with a stable id, the request and
 * item they concern, message data and a source position. Lint rules and reports render them;
 * the text templates live here, in one place.
 */
import type { SourcePosition } from '../model/source.js';
import type { DliGrantee } from './request.js';

/** Stable diagnostic ids; lint rule ids are `dli/<id>`. */
export type DliDiagnosticId =
  | 'invalid-object'
  | 'unknown-object'
  | 'unknown-privilege'
  | 'privilege-not-applicable'
  | 'privilege-not-for-project'
  | 'privilege-not-for-user'
  | 'all-resources-only'
  | 'noop-revoke'
  | 'revoke-wrong-level'
  | 'redundant-grant'
  | 'update-revokes-all'
  | 'grant-option-shared'
  | 'destructive-to-project';

/** One finding about one request item. */
export interface DliDiagnostic {
  id: DliDiagnosticId;
  /** Index of the request in the replayed list. */
  requestIndex: number;
  /** Index of the `{object, privileges}` item in the request's `privileges`. */
  privilegeIndex?: number;
  object: string;
  privilege?: string;
  grantee: DliGrantee;
  /** Values for the message template's `{placeholders}`. */
  data: Record<string, string>;
  position: SourcePosition | undefined;
}

/**
 * Message templates by id. `{name}` slots are filled from `data`, `object`, `privilege` and
 * `grantee`; a `[...]` segment is kept only when every slot inside it has a value.
 */
export const dliDiagnosticMessages: Readonly<Record<DliDiagnosticId, string>> = {
  'invalid-object': '{reason}',
  'unknown-object': '{object} is not in the dli.objects inventory',
  'unknown-privilege':
    '{privilege} is not a DLI privilege of a {type}[ (did you mean {suggestion}?)]',
  'privilege-not-applicable':
    '{privilege} does not apply to a {type}; it is a privilege of {types}',
  'privilege-not-for-project':
    '{privilege} on a {type} can be granted to IAM users only, not to {grantee}',
  'privilege-not-for-user':
    '{privilege} on a {type} can be granted to projects only, not to {grantee}',
  'all-resources-only':
    '{privilege} exists only at "all resources"; it cannot be granted on the single object {object}',
  'noop-revoke':
    'revoking {privilege} on {object} changes nothing: {grantee} has no such grant there[; {grantedPrivilege} granted on {grantedAt} still covers it]',
  'revoke-wrong-level':
    'revoking {privilege} on {object} changes nothing: {grantee} holds it through {grantedPrivilege} granted on {grantedAt}[ ({grantedBy})]; revoke it there',
  'redundant-grant':
    '{grantee} already holds {privilege} on {object} through {grantedPrivilege} granted on {grantedAt}[ ({grantedBy})]',
  'update-revokes-all':
    'update with an empty list revokes all privileges of {grantee} on {object}[ ({removed})]',
  'grant-option-shared': '{grantee} may now grant privileges on {object} to others ({privilege})',
  'destructive-to-project':
    '{privilege} on {object} lets the administrators of {grantee} delete or rewrite data or objects',
};

/** Renders a diagnostic's message from its template. */
export function formatDliDiagnostic(diagnostic: DliDiagnostic): string {
  const { grantee } = diagnostic;
  const values: Record<string, string> = {
    object: diagnostic.object,
    privilege: diagnostic.privilege ?? '',
    grantee: grantee.kind === 'user' ? `user ${grantee.name}` : `project ${grantee.id}`,
    ...diagnostic.data,
  };
  const fill = (text: string): string =>
    text.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
  const optional = (_: string, inner: string): string =>
    [...inner.matchAll(/\{(\w+)\}/g)].every((m) => values[m[1] ?? '']) ? inner : '';

  return fill(dliDiagnosticMessages[diagnostic.id].replace(/\[([^\]]*)\]/g, optional));
}
