import { loadDliCatalog } from '../../src/dli/catalog.js';
import { normaliseDliRequest, type DliRequest } from '../../src/dli/request.js';
import type { DliDiagnostic } from '../../src/dli/diagnostics.js';
import { listGrants, type DliGrantState } from '../../src/dli/grants.js';

/** The built-in catalog, loaded once for all DLI tests. */
export const catalog = loadDliCatalog();

/** A user grant request body without positions. */
export function userRequest(
  action: 'grant' | 'revoke' | 'update',
  name: string,
  items: [string, string[]][],
  project?: string,
): DliRequest {
  return normaliseDliRequest(
    {
      ...(project === undefined ? {} : { project }),
      user_name: name,
      action,
      privileges: items.map(([object, privileges]) => ({ object, privileges })),
    },
    { allowProject: true },
  );
}

/** A project grant request body without positions. */
export function projectRequest(
  action: 'grant' | 'revoke' | 'update',
  id: string,
  items: [string, string[]][],
): DliRequest {
  return normaliseDliRequest({
    projectId: id,
    action,
    privileges: items.map(([object, privileges]) => ({ object, privileges })),
  });
}

/** Diagnostics as compact tuples: id, request, item, object, privilege. */
export function summarise(diagnostics: DliDiagnostic[]): (string | number | undefined)[][] {
  return diagnostics.map((d) => [d.id, d.requestIndex, d.privilegeIndex, d.object, d.privilege]);
}

/** Grants as `grantee object privilege` lines. */
export function grantLines(state: DliGrantState): string[] {
  return listGrants(state).map((g) => {
    const who = g.grantee.kind === 'user' ? `user:${g.grantee.name}` : `project:${g.grantee.id}`;
    return `${who} ${g.object} ${g.privilege}`;
  });
}
