/** `dli/revoke-wrong-level`: literal cases with the message id and position of each finding. */
import { revokeWrongLevel } from '../../../../src/lint/rules/dli/revoke-wrong-level.js';
import { ruleTester } from '../../helpers.js';

ruleTester(revokeWrongLevel, {
  format: 'yaml',
  valid: [
    {
      name: 'revoke at the database',
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
    - action: revoke
      user_name: dlitest
      privileges:
        - { object: databases.db1, privileges: [SELECT] }
`,
    },
  ],
  invalid: [
    {
      name: 'revoke on a table',
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
    - action: revoke
      user_name: dlitest
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }
`,
      errors: [
        {
          messageId: 'revoke-wrong-level',
          line: 16,
          column: 60,
          message:
            'revoking SELECT on databases.db1.tables.tbl changes nothing: user dlitest holds it through SELECT granted on databases.db1 (model.yaml:12:49); revoke it there',
        },
      ],
    },
  ],
});
