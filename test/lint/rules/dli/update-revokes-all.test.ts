/** `dli/update-revokes-all`: literal cases with the message id and position of each finding. */
import { updateRevokesAll } from '../../../../src/lint/rules/dli/update-revokes-all.js';
import { ruleTester } from '../../helpers.js';

ruleTester(updateRevokesAll, {
  format: 'yaml',
  valid: [
    {
      name: 'update with a list',
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
    - action: update
      user_name: dlitest
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [SELECT, DESCRIBE_TABLE] }
`,
    },
  ],
  invalid: [
    {
      name: 'empty update',
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
    - action: update
      user_name: dlitest
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [] }
`,
      errors: [
        {
          messageId: 'update-revokes-all',
          line: 16,
          column: 13,
          message:
            'update with an empty list revokes all privileges of user dlitest on databases.db1.tables.tbl (SELECT)',
        },
      ],
    },
  ],
});
