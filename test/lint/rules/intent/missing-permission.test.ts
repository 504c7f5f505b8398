/** `intent/missing-permission`: literal cases with the message id and position of each finding. */
import { missingPermission } from '../../../../src/lint/rules/intent/missing-permission.js';
import { ruleTester } from '../../helpers.js';

ruleTester(missingPermission, {
  format: 'yaml',
  valid: [
    {
      name: 'allowed',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS FullAccess, scope: cn-north-1 }
      - { permission: KMS Administrator, scope: cn-north-1 }
intents:
  - { principal: group:dba, project: cn-north-1, operations: [rds.instance.create+encrypted] }
`,
    },
    {
      name: 'plain operation',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS ReadOnlyAccess, scope: cn-north-4 }
intents:
  - { principal: group:dba, project: cn-north-4, operations: [rds.instance.list] }
`,
    },
  ],
  invalid: [
    {
      name: 'encrypted without KMS',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS FullAccess, scope: cn-north-1 }
intents:
  - { principal: group:dba, project: cn-north-1, operations: [rds.instance.create+encrypted] }
`,
      errors: [
        {
          messageId: 'missing',
          line: 10,
          column: 63,
          message:
            'group:dba cannot rds.instance.create+encrypted in project cn-north-1: missing role KMS Administrator (project cn-north-1; encrypted: Encrypted instances need KMS Administrator on the same project)',
          fix: 'grant KMS Administrator to group:dba on cn-north-1',
        },
      ],
    },
    {
      name: 'console creation with read-only',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS ReadOnlyAccess, scope: cn-north-1 }
intents:
  - { principal: group:dba, project: cn-north-1, operations: [rds.instance.list, rds.instance.create+console] }
`,
      errors: [
        {
          messageId: 'missing',
          line: 10,
          column: 82,
          message:
            'group:dba cannot rds.instance.create+console in project cn-north-1: missing rds:instance:create (project cn-north-1)',
          fix: 'grant group:dba a custom policy (type XA) allowing rds:instance:create on cn-north-1',
        },
      ],
    },
    {
      name: 'prepaid without BSS',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS FullAccess, scope: cn-north-1 }
intents:
  - { principal: group:dba, project: cn-north-1, operations: [rds.instance.create+prepaid] }
`,
      errors: [
        {
          messageId: 'missing',
          line: 10,
          column: 63,
          message:
            'group:dba cannot rds.instance.create+prepaid in project cn-north-1: missing bss:order:update (global services; prepaid: A prepaid instance is bought by placing an order); bss:order:pay (global services; prepaid: The order must be paid; RDS FullAccess does not include BSS actions)',
          fix: 'grant group:dba a custom policy (type AX) allowing bss:order:update, bss:order:pay on global services',
        },
      ],
    },
    {
      name: 'unknown operation',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS FullAccess, scope: cn-north-1 }
intents:
  - { principal: group:dba, project: cn-north-1, operations: [rds.instance.crate] }
`,
      errors: [
        {
          messageId: 'unchecked',
          line: 10,
          column: 63,
          fix: 'correct the intent: name a catalog operation or action and a project',
        },
      ],
    },
    {
      name: 'autoscale on a project grant',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS FullAccess, scope: cn-north-1 }
intents:
  - { principal: group:dba, project: cn-north-1, operations: [rds.instance.create+autoscale] }
`,
      errors: [
        {
          messageId: 'missing',
          line: 10,
          column: 63,
          message:
            "group:dba cannot rds.instance.create+autoscale in project cn-north-1: missing iam:agencies:listAgencies, iam:agencies:createAgency, iam:permissions:listRolesForAgencyOnProject, iam:permissions:grantRoleToGroupOnProject, iam:roles:listRoles and iam:roles:createRole (global services; autoscale: Storage autoscaling: the RDS page lists it for IAM users (the account itself needs none)); role Security Administrator (global services; autoscale: The page also asks for Security Administrator on one of the user's groups (global services))",
          fix: 'grant Security Administrator to group:dba on global services; and grant group:dba a custom policy (type AX) allowing iam:agencies:listAgencies, iam:agencies:createAgency, iam:permissions:listRolesForAgencyOnProject, iam:permissions:grantRoleToGroupOnProject, iam:roles:listRoles, iam:roles:createRole on global services',
        },
      ],
    },
    {
      name: 'explicit Deny',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: no-delete, scope: cn-north-1 }
      - { permission: RDS FullAccess, scope: cn-north-1 }
policies:
  - name: no-delete
    document:
      Version: "1.1"
      Statement: [{ Effect: Deny, Action: ["rds:instance:delete"] }]
intents:
  - { principal: group:dba, project: cn-north-1, operations: [rds.instance.delete] }
`,
      errors: [
        {
          messageId: 'denied',
          line: 16,
          column: 63,
          message:
            'group:dba cannot rds.instance.delete in project cn-north-1: denied by no-delete (statement 1 (Deny))',
          fix: 'narrow the Deny in no-delete (statement 1 (Deny)), or change the intent',
        },
      ],
    },
  ],
});
