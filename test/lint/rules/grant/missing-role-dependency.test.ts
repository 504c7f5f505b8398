/** `grant/missing-role-dependency`: literal cases with the message id and position of each finding. */
import { missingRoleDependency } from '../../../../src/lint/rules/grant/missing-role-dependency.js';
import { ruleTester } from '../../helpers.js';

ruleTester(missingRoleDependency, {
  format: 'yaml',
  valid: [
    {
      name: 'dependencies granted',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS Administrator, scope: cn-north-1 }
      - { permission: Tenant Guest, scope: cn-north-1 }
      - { permission: Server Administrator, scope: cn-north-1 }
`,
    },
    {
      name: 'dependencies on all',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS Administrator, scope: cn-north-1 }
      - { permission: Tenant Guest, scope: all }
      - { permission: Server Administrator, scope: all }
`,
    },
  ],
  invalid: [
    {
      name: 'no dependencies',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS Administrator, scope: cn-north-1 }
`,
      errors: [
        {
          messageId: 'missing',
          line: 8,
          column: 9,
          message:
            'RDS Administrator on project cn-north-1 takes no effect for group:dba: it depends on Server Administrator and Tenant Guest, not granted on the same scope',
          fix: 'grant Server Administrator and Tenant Guest to group:dba on cn-north-1 as well',
        },
      ],
    },
    {
      name: 'dependencies in the other project',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS Administrator, scope: cn-north-1 }
      - { permission: Tenant Guest, scope: cn-north-4 }
      - { permission: Server Administrator, scope: cn-north-4 }
`,
      errors: [
        {
          messageId: 'missing',
          line: 8,
          column: 9,
          message:
            'RDS Administrator on project cn-north-1 takes no effect for group:dba: it depends on Server Administrator and Tenant Guest, not granted on the same scope',
          fix: 'grant Server Administrator and Tenant Guest to group:dba on cn-north-1 as well',
        },
      ],
    },
  ],
});
