/** `dli/object-not-in-inventory`: literal cases with the message id and position of each finding. */
import { objectNotInInventory } from '../../../../src/lint/rules/dli/object-not-in-inventory.js';
import { ruleTester } from '../../helpers.js';

ruleTester(objectNotInInventory, {
  format: 'yaml',
  valid: [
    {
      name: 'listed object',
      code: `version: 1
projects: [{ name: cn-north-1, id: 5a3f0c1d2e4b4f6a8c9d0e1f2a3b4c5d }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants: [{ permission: Tenant Guest, scope: cn-north-1 }]
dli:
  objects:
    databases:
      db1:
        tables:
          tbl: {}
  requests:
    - action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }
`,
    },
    {
      name: 'no inventory',
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
        - { object: databases.db2.tables.tbl, privileges: [SELECT] }
`,
    },
  ],
  invalid: [
    {
      name: 'unknown database',
      code: `version: 1
projects: [{ name: cn-north-1, id: 5a3f0c1d2e4b4f6a8c9d0e1f2a3b4c5d }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants: [{ permission: Tenant Guest, scope: cn-north-1 }]
dli:
  objects:
    databases:
      db1:
        tables:
          tbl: {}
  requests:
    - action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db2.tables.tbl, privileges: [SELECT] }
`,
      errors: [
        {
          messageId: 'unknown-object',
          line: 17,
          column: 13,
          message: 'databases.db2.tables.tbl is not in the dli.objects inventory',
        },
      ],
    },
    {
      name: 'unknown table',
      code: `version: 1
projects: [{ name: cn-north-1, id: 5a3f0c1d2e4b4f6a8c9d0e1f2a3b4c5d }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants: [{ permission: Tenant Guest, scope: cn-north-1 }]
dli:
  objects:
    databases:
      db1:
        tables:
          tbl: {}
  requests:
    - action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db1.tables.other, privileges: [SELECT] }
`,
      errors: [
        {
          messageId: 'unknown-object',
          line: 17,
          column: 13,
          message: 'databases.db1.tables.other is not in the dli.objects inventory',
        },
      ],
    },
  ],
});
