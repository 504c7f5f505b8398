/**
 * Writes a least-privilege custom policy: a Version 1.1 document that allows exactly the given
 * catalog actions, listed by name (no wildcards, so it grants nothing the catalog adds later).
 * Huawei keeps global-service and project-level actions in separate custom policies (type AX
 * and XA), so a document holds actions of one scope only.
 */
import type { CatalogAction } from '../catalog/catalog.js';
import { parseJson } from '../model/source.js';
import { parsePolicyDocument } from '../policy/parse.js';
import type { PolicyDocument } from '../policy/types.js';

/** A generated custom policy document, as JSON text and as the evaluator holds it. */
export interface SuggestedDocument {
  name: string;
  /** `XA`: project-level services, granted on projects; `AX`: global services. */
  type: 'XA' | 'AX';
  scope: 'project' | 'global';
  actions: string[];
  document: { Version: '1.1'; Statement: { Effect: 'Allow'; Action: string[] }[] };
  /** The document as pretty-printed JSON with a final newline, the form written to files. */
  text: string;
  parsed: PolicyDocument;
}

/** Huawei's API limits for a custom policy (POST /v3.0/OS-ROLE/roles). */
const maxStatements = 8;
const maxActionsPerStatement = 100;

/**
 * The document allowing exactly `actions` (all of one scope): one statement per service,
 * actions sorted, so a reviewer reads it service by service. Over Huawei's statement limit the
 * actions are packed into as few statements as the per-statement limit allows.
 */
export function policyDocument(
  name: string,
  scope: 'project' | 'global',
  actions: readonly CatalogAction[],
): SuggestedDocument {
  const names = [...new Set(actions.map((a) => a.name))].sort();
  const byService = new Map<string, string[]>();
  for (const action of names) {
    const service = action.split(':')[0] ?? '';
    byService.set(service, [...(byService.get(service) ?? []), action]);
  }
  let groups = [...byService.values()].flatMap((list) => chunk(list, maxActionsPerStatement));
  if (groups.length > maxStatements) groups = chunk(names, maxActionsPerStatement);
  const document = {
    Version: '1.1' as const,
    Statement: groups.map((Action) => ({ Effect: 'Allow' as const, Action })),
  };
  const text = `${JSON.stringify(document, null, 2)}\n`;
  const parsed = parsePolicyDocument(parseJson(text, `${name}.json`));

  return {
    name,
    type: scope === 'global' ? 'AX' : 'XA',
    scope,
    actions: names,
    document,
    text,
    parsed,
  };
}

function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
