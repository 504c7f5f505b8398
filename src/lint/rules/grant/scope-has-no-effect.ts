/** `grant/scope-has-no-effect`: a grant whose scope its permission's actions cannot use at all. */
import { describeScope } from '../../../model/types.js';
import { modelRule, noOptions } from '../../rule.js';
import { allGrants, holderText, permissionActions, scopeText } from '../../grants.js';

export const scopeHasNoEffect = modelRule({
  meta: {
    id: 'grant/scope-has-no-effect',
    level: 'error',
    category: 'scope',
    description:
      'Reports grants of only global-service actions on a project, or only project-level actions on global services.',
    help:
      'Global-service actions (IAM, BSS, …) are authorised only by grants on global services or ' +
      'all resources; project-level actions (RDS, VPC, DLI, …) only by grants on a region ' +
      'project, an enterprise project or all resources. A permission whose every action is of ' +
      'the other kind grants nothing at the scope it was given: IAM ReadOnlyAccess on ' +
      'cn-north-1, or RDS ReadOnlyAccess on global services. Only actions the catalog knows ' +
      'are counted; a permission of uncovered services is not reported.',
    needs: 'model',
    messages: {
      'global-on-project':
        '{permission} has only global-service actions ({count}); granted on {scope} it gives {holder} nothing',
      'project-on-global':
        '{permission} has only project-level actions ({count}); granted on global services it gives {holder} nothing',
    },
    fixes: {
      'global-on-project': 'grant {permission} on global services instead of {scopeValue}',
      'project-on-global':
        'grant {permission} on the region projects that need it instead of global',
    },
    identity: ['permission', 'scopeValue', 'holder'],
    examples: {
      format: 'yaml',
      invalid: `version: 1
projects: [{ name: cn-north-1 }]
groups:
  - name: auditors
    grants:
      - { permission: RDS ReadOnlyAccess, scope: global }`,
      valid: `version: 1
projects: [{ name: cn-north-1 }]
groups:
  - name: auditors
    grants:
      - { permission: RDS ReadOnlyAccess, scope: cn-north-1 }`,
    },
  },
  options: noOptions,
  check({ catalog, model, report }) {
    for (const grant of allGrants(model)) {
      const actions = permissionActions(catalog, grant.permission);
      if (actions.length === 0 || grant.scope.kind === 'all') continue;
      const global = actions.filter((a) => a.scope === 'global').length;
      const onProject = grant.scope.kind !== 'global';
      let messageId: string | undefined;
      if (onProject && global === actions.length) messageId = 'global-on-project';
      if (!onProject && global === 0) messageId = 'project-on-global';
      if (!messageId) continue;
      const data = {
        permission: grant.permission.name,
        count: actions.length,
        scope: describeScope(grant.scope),
        scopeValue: scopeText(grant.scope),
        holder: holderText(grant.holder),
      };
      report({ messageId, position: grant.position, target: data.holder, data });
    }
  },
});
