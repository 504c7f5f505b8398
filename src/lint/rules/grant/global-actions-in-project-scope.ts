/** `grant/global-actions-in-project-scope`: a project grant whose global-service actions do nothing. */
import type { Catalog, CatalogAction } from '../../../catalog/catalog.js';
import type { AccountModel, Grant } from '../../../model/types.js';
import { describeScope } from '../../../model/types.js';
import { listText } from '../../message.js';
import { modelRule, noOptions } from '../../rule.js';
import {
  allGrants,
  grantsOf,
  holderText,
  permissionActions,
  reachesGlobal,
  scopeText,
} from '../../grants.js';

export const globalActionsInProjectScope = modelRule({
  meta: {
    id: 'grant/global-actions-in-project-scope',
    level: 'error',
    category: 'scope',
    description:
      'Reports permissions granted on a region project whose global-service actions therefore have no effect.',
    help:
      'IAM, BSS and the other global services are authorised only by grants on global ' +
      'services or on all resources. A permission granted on one region project keeps its ' +
      'project-level actions there, but its global-service actions have no effect: RDS ' +
      'FullAccess on a project cannot list agencies, so creating an instance with storage ' +
      'autoscaling fails. Huawei records the companion to grant for such permissions (BSS ' +
      'ServiceAgencyReadPolicy on global services for RDS FullAccess); the finding names it. ' +
      'It is not reported when the holder (or every member of the group) already receives ' +
      'those actions from a global grant, nor for system roles Huawei offers on both kinds of ' +
      'scope (Tenant Guest), whose project grant is meant to give the project part only.',
    needs: 'model',
    messages: {
      'no-effect':
        '{permission} is granted on {scope}; its {count} global-service actions ({actions}) have no effect there',
    },
    fixes: {
      'no-effect':
        '[grant {companion} to {holder} on global services ({why}), or ]grant {permission} on all resources instead of one project',
    },
    identity: ['permission', 'scopeValue', 'holder'],
    examples: {
      format: 'yaml',
      invalid: `version: 1
projects: [{ name: cn-north-1 }]
groups:
  - name: dba
    grants:
      - { permission: RDS FullAccess, scope: cn-north-1 }`,
      valid: `version: 1
projects: [{ name: cn-north-1 }]
groups:
  - name: dba
    grants:
      - { permission: RDS FullAccess, scope: cn-north-1 }
      - { permission: BSS ServiceAgencyReadPolicy, scope: global }`,
    },
  },
  options: noOptions,
  check({ catalog, model, report }) {
    for (const grant of allGrants(model)) {
      if (grant.scope.kind !== 'project' && grant.scope.kind !== 'enterprise-project') continue;
      // Huawei offers roles such as Tenant Guest on projects and on global services alike:
      // a project grant of one is meant to give its project part only.
      if (grant.permission.system?.scope === 'both') continue;
      const actions = permissionActions(catalog, grant.permission);
      const global = actions.filter((a) => a.scope === 'global');
      // Only global actions: grant/scope-has-no-effect reports the whole grant.
      if (global.length === 0 || global.length === actions.length) continue;
      if (compensated(catalog, model, grant, global)) continue;
      const companion = grant.permission.system?.companions.find((c) => c.scope === 'global');
      const data = {
        permission: grant.permission.name,
        scope: describeScope(grant.scope),
        scopeValue: scopeText(grant.scope),
        holder: holderText(grant.holder),
        count: global.length,
        actions: listText(global.map((a) => a.name).sort(), 4),
        companion: companion?.permission ?? '',
        why: companion ? oneLine(companion.why) : '',
      };
      report({ messageId: 'no-effect', position: grant.position, target: data.holder, data });
    }
  },
});

/** Whether the holder (or every member of the group) gets these actions from a global grant. */
function compensated(
  catalog: Catalog,
  model: AccountModel,
  grant: Grant,
  needed: readonly CatalogAction[],
): boolean {
  const covered = (grants: readonly Grant[]): boolean => {
    const given = new Set(
      grants
        .filter((g) => reachesGlobal(g.scope))
        .flatMap((g) => permissionActions(catalog, g.permission)),
    );
    return needed.every((a) => given.has(a));
  };
  if (covered(grantsOf(model, grant.holder))) return true;
  if (grant.holder.kind !== 'group') return false;
  const members = model.groups.get(grant.holder.name)?.members ?? [];

  return (
    members.length > 0 && members.every((m) => covered(grantsOf(model, { kind: 'user', name: m })))
  );
}

function oneLine(text: string): string {
  const first =
    text
      .replace(/\s+/g, ' ')
      .trim()
      .split(/(?<=\.)\s/)[0] ?? '';

  return first.replace(/\.$/, '');
}
