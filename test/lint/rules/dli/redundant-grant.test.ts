/** `dli/redundant-grant`: literal cases with the message id and position of each finding. */
import { redundantGrant } from '../../../../src/lint/rules/dli/redundant-grant.js';
import { ruleTester } from '../../helpers.js';

ruleTester(redundantGrant, {
  format: 'yaml',
  valid: [
    {
      name: 'one grant',
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
`,
    },
  ],
  invalid: [
    {
      name: 'inherited from the database',
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
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }
`,
      errors: [
        {
          messageId: 'redundant-grant',
          line: 16,
          column: 60,
          message:
            'user dlitest already holds SELECT on databases.db1.tables.tbl through SELECT granted on databases.db1 (model.yaml:12:49)',
        },
      ],
    },
    {
      name: 'granted twice',
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
        - { object: databases.db1, privileges: [SELECT] }
`,
      errors: [
        {
          messageId: 'redundant-grant',
          line: 16,
          column: 49,
          message:
            'user dlitest already holds SELECT on databases.db1 through SELECT granted on databases.db1 (model.yaml:12:49)',
        },
      ],
    },
  ],
});
