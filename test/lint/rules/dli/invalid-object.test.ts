/** `dli/invalid-object`: literal cases with the message id and position of each finding. */
import { invalidObject } from '../../../../src/lint/rules/dli/invalid-object.js';
import { ruleTester } from '../../helpers.js';

ruleTester(invalidObject, {
  format: 'yaml',
  valid: [
    {
      name: 'table path',
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
      name: 'no database',
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
        - { object: tables.tbl, privileges: [SELECT] }
`,
      errors: [
        {
          messageId: 'invalid-object',
          line: 12,
          column: 13,
          message: 'invalid DLI object "tables.tbl": unknown object kind "tables"',
        },
      ],
    },
    {
      name: 'second request',
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
        - { object: databases.db1, privileges: [SELECT] }
    - action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db1.columns.c, privileges: [SELECT] }
`,
      errors: [
        {
          messageId: 'invalid-object',
          line: 16,
          column: 13,
          message:
            'invalid DLI object "databases.db1.columns.c": expected "tables" after the database name, found "columns"',
        },
      ],
    },
  ],
});
