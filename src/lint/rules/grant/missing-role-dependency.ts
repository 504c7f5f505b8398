/** `grant/missing-role-dependency`: a v1.0 role granted without the roles it depends on. */
import type { AccountModel, Grant } from '../../../model/types.js';
import { describeScope } from '../../../model/types.js';
import { listText } from '../../message.js';
import { modelRule, noOptions } from '../../rule.js';
import { allGrants, grantsOf, holderText, scopeCoversScope, scopeText } from '../../grants.js';

export const missingRoleDependency = modelRule({
  meta: {
    id: 'grant/missing-role-dependency',
    level: 'error',
    category: 'dependency',
    description:
      'Reports v1.0 roles granted without the roles their Depends lists in the same project.',
    help:
      'A Version 1.0 system role (RDS Administrator, DLI Service Admin, …) names the roles it ' +
      'needs in Depends. Huawei applies the role only where every dependency is granted to ' +
      'the same principal in the same project; otherwise the role grants nothing there, ' +
      'silently. The console adds the dependencies when a person grants the role, but grants ' +
      'made through the API or Terraform do not. A group grant is not reported when every ' +
      'member receives the dependencies through another group.',
    needs: 'model',
    messages: {
      missing:
        '{permission} on {scope} takes no effect for {holder}: it depends on {missing}, not granted on the same scope',
    },
    fixes: {
      missing: 'grant {missing} to {holder} on {scopeValue} as well',
    },
    identity: ['permission', 'scopeValue', 'holder', 'missing'],
    examples: {
      format: 'yaml',
      invalid: `version: 1
projects: [{ name: cn-north-1 }]
groups:
  - name: ops
    grants:
      - { permission: RDS Administrator, scope: cn-north-1 }`,
      valid: `version: 1
projects: [{ name: cn-north-1 }]
groups:
  - name: ops
    grants:
      - { permission: RDS Administrator, scope: cn-north-1 }
      - { permission: Tenant Guest, scope: cn-north-1 }
      - { permission: Server Administrator, scope: cn-north-1 }`,
    },
  },
  options: noOptions,
  check({ model, report }) {
    for (const grant of allGrants(model)) {
      const missing = missingDependencies(grantsOf(model, grant.holder), grant);
      if (missing.length === 0 || membersHaveThem(model, grant)) continue;
      const data = {
        permission: grant.permission.name,
        scope: describeScope(grant.scope),
        scopeValue: scopeText(grant.scope),
        holder: holderText(grant.holder),
        missing: listText(missing),
      };
      report({ messageId: 'missing', position: grant.position, target: data.holder, data });
    }
  },
});

/** The Depends of the grant's role that no grant among `held` supplies on a covering scope. */
function missingDependencies(held: readonly Grant[], grant: Grant): string[] {
  return grant.permission.document.depends
    .map((d) => d.display_name)
    .filter(
      (name) =>
        !held.some(
          (h) =>
            h.permission.name.toLowerCase() === name.toLowerCase() &&
            scopeCoversScope(h.scope, grant.scope),
        ),
    );
}

/** A group grant whose every member gets the dependencies elsewhere still works for all of them. */
function membersHaveThem(model: AccountModel, grant: Grant): boolean {
  if (grant.holder.kind !== 'group') return false;
  const members = model.groups.get(grant.holder.name)?.members ?? [];

  return (
    members.length > 0 &&
    members.every(
      (m) => missingDependencies(grantsOf(model, { kind: 'user', name: m }), grant).length === 0,
    )
  );
}
