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
      errors: [{ messageId: 'unchecked', line: 10, column: 63 }],
    },
  ],
});
