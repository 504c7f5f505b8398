/** `dli/grant-option-shared`: literal cases with the message id and position of each finding. */
import { grantOptionShared } from '../../../../src/lint/rules/dli/grant-option-shared.js';
import { ruleTester } from '../../helpers.js';

ruleTester(grantOptionShared, {
  format: 'yaml',
  valid: [
    {
      name: 'select only',
      code: `version: 1
projects: [{ name: cn-north-1, id: 5a3f0c1d2e4b4f6a8c9d0e1f2a3b4c5d }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants: [{ permission: Tenant Guest, scope: cn-north-1 }]
dli:
  requests:
    - action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }
`,
    },
  ],
  invalid: [
    {
      name: 'GRANT_PRIVILEGE',
      code: `version: 1
projects: [{ name: cn-north-1, id: 5a3f0c1d2e4b4f6a8c9d0e1f2a3b4c5d }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants: [{ permission: Tenant Guest, scope: cn-north-1 }]
dli:
  requests:
    - action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [GRANT_PRIVILEGE] }
`,
      errors: [
        {
          messageId: 'grant-option-shared',
          line: 12,
          column: 60,
          message:
            'user dlitest may now grant privileges on databases.db1.tables.tbl to others (GRANT_PRIVILEGE)',
        },
      ],
    },
    {
      name: 'ALL',
      code: `version: 1
projects: [{ name: cn-north-1, id: 5a3f0c1d2e4b4f6a8c9d0e1f2a3b4c5d }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants: [{ permission: Tenant Guest, scope: cn-north-1 }]
dli:
  requests:
    - action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db1, privileges: [ALL] }
`,
      errors: [
        {
          messageId: 'grant-option-shared',
          line: 12,
          column: 49,
          message: 'user dlitest may now grant privileges on databases.db1 to others (ALL)',
        },
      ],
    },
  ],
});
