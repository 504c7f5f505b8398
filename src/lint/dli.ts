/**
 * DLI rules read the diagnostics of the replay of the model's DLI requests (`src/dli/replay.ts`):
 * each rule owns some diagnostic ids and turns them into findings. The message templates are
 * the replay's own, so the text is written in one place.
 */
import {
  dliDiagnosticMessages,
  type DliDiagnostic,
  type DliDiagnosticId,
} from '../dli/diagnostics.js';
import type { DliGrantee } from '../dli/request.js';
import type { SourcePosition } from '../model/source.js';
import type { ModelContext } from './rule.js';

/** The message templates of some diagnostic ids, for a rule's metadata. */
export function dliMessages(ids: readonly DliDiagnosticId[]): Record<string, string> {
  return Object.fromEntries(ids.map((id) => [id, dliDiagnosticMessages[id]]));
}

/** `user alice`, `project 0732…`, as DLI messages name a grantee. */
export function granteeText(grantee: DliGrantee): string {
  return grantee.kind === 'user' ? `user ${grantee.name}` : `project ${grantee.id}`;
}

/** The finding target of a DLI grantee: `dli:user:alice`, `dli:project:<id>`. */
export function granteeTarget(grantee: DliGrantee): string {
  return grantee.kind === 'user' ? `dli:user:${grantee.name}` : `dli:project:${grantee.id}`;
}

/** Reports every replay diagnostic whose id the rule owns, in replay order. */
export function reportDliDiagnostics(
  context: ModelContext<unknown>,
  ids: readonly DliDiagnosticId[],
): void {
  const { dli } = context;
  if (!dli) return;
  for (const diagnostic of dli.replay.diagnostics) {
    if (!ids.includes(diagnostic.id)) continue;
    const position = positionOf(context, diagnostic);
    if (!position) continue;
    context.report({
      messageId: diagnostic.id,
      position,
      target: granteeTarget(diagnostic.grantee),
      data: dataOf(diagnostic),
    });
  }
}

function dataOf(diagnostic: DliDiagnostic): Record<string, string> {
  return {
    object: diagnostic.object,
    privilege: diagnostic.privilege ?? '',
    grantee: granteeText(diagnostic.grantee),
    ...diagnostic.data,
  };
}

/** The item's position, else its request's; a request without one is not locatable. */
function positionOf(
  context: ModelContext<unknown>,
  diagnostic: DliDiagnostic,
): SourcePosition | undefined {
  return diagnostic.position ?? context.dli?.requests[diagnostic.requestIndex]?.position;
}
