/** `grant/global-actions-in-project-scope`: literal cases with the message id and position of each finding. */
import { globalActionsInProjectScope } from '../../../../src/lint/rules/grant/global-actions-in-project-scope.js';
import { ruleTester } from '../../helpers.js';

ruleTester(globalActionsInProjectScope, {
  format: 'yaml',
  valid: [
    {
      name: 'with companion',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS FullAccess, scope: cn-north-1 }
      - { permission: BSS ServiceAgencyReadPolicy, scope: global }
`,
    },
    {
      name: 'on all',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS FullAccess, scope: all }
`,
    },
    {
      name: 'Tenant Guest on a project',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: Tenant Guest, scope: cn-north-1 }
`,
    },
  ],
  invalid: [
    {
      name: 'RDS FullAccess on a project',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS FullAccess, scope: cn-north-1 }
`,
      errors: [
        {
          messageId: 'no-effect',
          line: 8,
          column: 9,
          message:
            'RDS FullAccess is granted on project cn-north-1; its 3 global-service actions (iam:agencies:listAgencies, iam:agencies:pass and iam:roles:listRoles) have no effect there',
          fix: 'grant BSS ServiceAgencyReadPolicy to group:dba on global services (RDS is a region-level service and IAM is global), or grant RDS FullAccess on all resources instead of one project',
        },
      ],
    },
    {
      name: 'RDS ManageAccess on a project',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS ManageAccess, scope: cn-north-4 }
`,
      errors: [
        {
          messageId: 'no-effect',
          line: 8,
          column: 9,
          message:
            'RDS ManageAccess is granted on project cn-north-4; its 3 global-service actions (iam:agencies:listAgencies, iam:agencies:pass and iam:roles:listRoles) have no effect there',
          fix: 'grant BSS ServiceAgencyReadPolicy to group:dba on global services (Its IAM actions are the ones RDS FullAccess carries; like them, they take effect only from a global grant, which BSS ServiceAgencyReadPolicy supplies when this policy is granted on a single project), or grant RDS ManageAccess on all resources instead of one project',
        },
      ],
    },
  ],
});
