/**
 * Finds concrete actions in custom policies that the catalog does not know although it covers
 * their service — almost always a typo that would silently grant or deny nothing.
 */
import type { Catalog } from '../catalog/catalog.js';
import { PermgraphError } from '../errors.js';
import type { SourcePosition } from './source.js';
import type { AccountModel } from './types.js';

/** An action name in a custom policy that its (known) service does not have. */
export interface UnknownAction {
  policy: string;
  action: string;
  suggestion?: string | undefined;
  position: SourcePosition;
}

/** Lists unknown concrete actions of known services in the model's custom policies. */
export function findUnknownActions(model: AccountModel, catalog: Catalog): UnknownAction[] {
  const found: UnknownAction[] = [];
  for (const policy of model.policies.values()) {
    for (const statement of policy.document.statements) {
      const key = statement.action !== undefined ? 'Action' : 'NotAction';
      (statement.action ?? statement.notAction ?? []).forEach((action, i) => {
        if (/[*?]/.test(action) || catalog.findAction(action)) return;
        const service = action.split(':')[0]?.toLowerCase() ?? '';
        if (!catalog.services.has(service) || action.split(':').length !== 3) return;
        const path = ['Statement', statement.index, key, i];
        const position = policy.locate?.(path) ?? statement.position ?? policy.position;
        found.push({
          policy: policy.name,
          action,
          suggestion: catalog.suggestAction(action),
          position,
        });
      });
    }
  }
  return found;
}

/** Throws for the first unknown action, so a query never answers over a typo. */
export function assertKnownActions(model: AccountModel, catalog: Catalog): void {
  const first = findUnknownActions(model, catalog)[0];
  if (!first) return;
  throw new PermgraphError(
    'E_UNKNOWN_ACTION',
    `policy "${first.policy}" names unknown action "${first.action}" (catalog ${catalog.describe()})`,
    {
      position: first.position,
      hint: first.suggestion
        ? `did you mean "${first.suggestion}"?`
        : 'run `permgraph catalog <service>` to list its actions',
    },
  );
}
