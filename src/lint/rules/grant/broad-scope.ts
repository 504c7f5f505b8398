/** `grant/broad-scope`: a project-level permission granted on all resources when fewer projects are used. */
import type { AccountModel, Grant, Holder, Intent } from '../../../model/types.js';
import { listText } from '../../message.js';
import { modelRule, noOptions } from '../../rule.js';
import { allGrants, holderText, permissionActions } from '../../grants.js';

export const broadScope = modelRule({
  meta: {
    id: 'grant/broad-scope',
    level: 'security',
    category: 'least-privilege',
    description:
      'Flags project-level permissions granted on all resources while the intents use fewer projects.',
    help:
      'A grant on "all resources" reaches every region project of the account, including ' +
      'projects created later. When the intents of the holder name the projects it works in, ' +
      'a grant on exactly those projects gives the same access where it is needed and nothing ' +
      'elsewhere. The rule needs intents: without them it cannot tell which projects are ' +
      'used, and says nothing. A permission that also has global-service actions needs a ' +
      'grant on global services for those as well.',
    needs: 'model',
    messages: {
      broad:
        '{permission} is granted to {holder} on all resources, but its intents use only {projects} of {total} projects',
    },
    fixes: {
      broad:
        'grant {permission} on {projects} instead of all resources[, and its global-service actions through {companion} on global services]',
    },
    identity: ['permission', 'holder', 'projects'],
    securitySeverity: 5.5,
    examples: {
      format: 'yaml',
      invalid: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
groups:
  - name: readers
    grants:
      - { permission: RDS ReadOnlyAccess, scope: all }
intents:
  - { principal: group:readers, project: cn-north-1, operations: [rds.instance.list] }`,
      valid: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
groups:
  - name: readers
    grants:
      - { permission: RDS ReadOnlyAccess, scope: cn-north-1 }
intents:
  - { principal: group:readers, project: cn-north-1, operations: [rds.instance.list] }`,
    },
  },
  options: noOptions,
  check({ catalog, model, report }) {
    for (const grant of allGrants(model)) {
      if (grant.scope.kind !== 'all') continue;
      const actions = permissionActions(catalog, grant.permission);
      if (!actions.some((a) => a.scope === 'project')) continue;
      const used = projectsUsed(model, grant);
      if (!used || used.length === 0 || used.length >= model.projects.length) continue;
      const companion = actions.some((a) => a.scope === 'global')
        ? (grant.permission.system?.companions.find((c) => c.scope === 'global')?.permission ?? '')
        : '';
      const data = {
        permission: grant.permission.name,
        holder: holderText(grant.holder),
        projects: listText(used),
        total: model.projects.length,
        companion,
      };
      report({ messageId: 'broad', position: grant.position, target: data.holder, data });
    }
  },
});

/**
 * The projects the intents of the grant's receivers name; undefined when some intent names
 * none (then every project may be meant) or no intent concerns them.
 */
function projectsUsed(model: AccountModel, grant: Grant): string[] | undefined {
  const receivers: Holder[] = [grant.holder];
  if (grant.holder.kind === 'group') {
    const members = model.groups.get(grant.holder.name)?.members ?? [];
    receivers.push(...members.map((name) => ({ kind: 'user' as const, name })));
  }
  const concerns = (intent: Intent): boolean =>
    receivers.some((r) => r.kind === intent.principal.kind && r.name === intent.principal.name);
  const intents = model.intents.filter(concerns);
  if (intents.length === 0 || intents.some((i) => i.project === undefined)) return undefined;

  return [...new Set(intents.map((i) => i.project?.name ?? ''))].sort();
}
