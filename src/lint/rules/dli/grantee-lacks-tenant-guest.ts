/** `dli/grantee-lacks-tenant-guest`: a DLI grant to a user without Tenant Guest in that region. */
import type { DliRequest } from '../../../dli/request.js';
import { findByNameOrId } from '../../../model/resolve.js';
import type { AccountModel, Grant } from '../../../model/types.js';
import { grantsOf } from '../../grants.js';
import { modelRule, noOptions } from '../../rule.js';

/** Permissions that include what Tenant Guest gives. */
const tenantRoles = ['tenant guest', 'tenant administrator'];

export const granteeLacksTenantGuest = modelRule({
  meta: {
    id: 'dli/grantee-lacks-tenant-guest',
    level: 'warning',
    category: 'dependency',
    description:
      'Warns about DLI grants to users who hold Tenant Guest (or Tenant Administrator) in no project of that region.',
    help:
      'DLI data privileges are granted to IAM users, but a user can only reach DLI in a region ' +
      'when one of its groups holds at least Tenant Guest there (Huawei: the user must be in a ' +
      'group with Tenant Guest in the region before data permissions are granted). Without ' +
      'it the DLI grant is given but cannot be used. Users the model does not declare are not ' +
      'checked.',
    needs: 'model',
    messages: {
      'no-tenant-guest':
        'user {user} receives DLI privileges in {region} but is in no group with Tenant Guest there',
    },
    fixes: {
      'no-tenant-guest': 'add {user} to a group that holds Tenant Guest on {project}',
    },
    identity: ['user', 'region'],
    examples: {
      format: 'yaml',
      invalid: `version: 1
projects: [{ name: cn-north-1 }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - { name: readers }
dli:
  requests:
    - action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }`,
      valid: `version: 1
projects: [{ name: cn-north-1 }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants: [{ permission: Tenant Guest, scope: cn-north-1 }]
dli:
  requests:
    - action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }`,
    },
  },
  options: noOptions,
  check({ model, dli, report }) {
    if (!dli) return;
    const seen = new Set<string>();
    for (const request of dli.requests) {
      const { grantee } = request;
      if (grantee.kind !== 'user' || request.action === 'revoke' || !request.position) continue;
      if (!model.users.has(grantee.name)) continue;
      const project = projectOf(model, request);
      if (!project) continue;
      const region = regionOf(project);
      const key = `${grantee.name}\u0000${region}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const held = grantsOf(model, { kind: 'user', name: grantee.name });
      if (held.some((g) => givesTenantGuest(g, region))) continue;
      const data = { user: grantee.name, region, project };
      report({
        messageId: 'no-tenant-guest',
        position: request.position,
        target: `dli:user:${grantee.name}`,
        data,
      });
    }
  },
});

/** The project the request went to: its `project:`, or the model's only project. */
function projectOf(model: AccountModel, request: DliRequest): string | undefined {
  if (request.project !== undefined)
    return findByNameOrId(model.projects, request.project)?.name ?? request.project;

  return model.projects.length === 1 ? model.projects[0]?.name : undefined;
}

/** `cn-north-1_analytics` is a project of region `cn-north-1`. */
function regionOf(project: string): string {
  return project.split('_')[0] ?? project;
}

function givesTenantGuest(grant: Grant, region: string): boolean {
  if (!tenantRoles.includes(grant.permission.name.toLowerCase())) return false;
  if (grant.scope.kind === 'all') return true;

  return grant.scope.kind === 'project' && regionOf(grant.scope.project.name) === region;
}
