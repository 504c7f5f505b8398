/** `dli/noop-revoke`: literal cases with the message id and position of each finding. */
import { noopRevoke } from '../../../../src/lint/rules/dli/noop-revoke.js';
import { ruleTester } from '../../helpers.js';

ruleTester(noopRevoke, {
  format: 'yaml',
  valid: [
    {
      name: 'revoke what was granted',
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
    - action: revoke
      user_name: dlitest
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }
`,
    },
  ],
  invalid: [
    {
      name: 'never granted',
      code: `version: 1
projects: [{ name: cn-north-1, id: 5a3f0c1d2e4b4f6a8c9d0e1f2a3b4c5d }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants: [{ permission: Tenant Guest, scope: cn-north-1 }]
dli:
  requests:
    - action: revoke
      user_name: dlitest
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }
`,
      errors: [
        {
          messageId: 'noop-revoke',
          line: 12,
          column: 60,
          message:
            'revoking SELECT on databases.db1.tables.tbl changes nothing: user dlitest has no such grant there',
        },
      ],
    },
  ],
});
