/** `dli/iam-deny-shadows-grant`: literal cases with the message id and position of each finding. */
import { iamDenyShadowsGrant } from '../../../../src/lint/rules/dli/iam-deny-shadows-grant.js';
import { ruleTester } from '../../helpers.js';

ruleTester(iamDenyShadowsGrant, {
  format: 'yaml',
  valid: [
    {
      name: 'deny of another action',
      code: `version: 1
projects: [{ name: cn-north-1 }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants:
      - { permission: Tenant Guest, scope: cn-north-1 }
      - { permission: deny, scope: cn-north-1 }
policies:
  - name: deny
    document:
      Version: "1.1"
      Statement: [{ Effect: Deny, Action: ["dli:table:dropTable"] }]
dli:
  requests:
    - action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }
`,
    },
    {
      name: 'deny revoked grant',
      code: `version: 1
projects: [{ name: cn-north-1 }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants:
      - { permission: Tenant Guest, scope: cn-north-1 }
      - { permission: deny, scope: cn-north-1 }
policies:
  - name: deny
    document:
      Version: "1.1"
      Statement: [{ Effect: Deny, Action: ["dli:table:select"] }]
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
      name: 'deny of select',
      code: `version: 1
projects: [{ name: cn-north-1 }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants:
      - { permission: Tenant Guest, scope: cn-north-1 }
      - { permission: deny, scope: cn-north-1 }
policies:
  - name: deny
    document:
      Version: "1.1"
      Statement: [{ Effect: Deny, Action: ["dli:table:select"] }]
dli:
  requests:
    - action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }
`,
      errors: [
        {
          messageId: 'shadowed',
          line: 19,
          column: 60,
          message:
            'the DLI grant of SELECT on databases.db1.tables.tbl to user dlitest has no effect: deny denies dli:table:select (statement 1)',
        },
      ],
    },
    {
      name: 'wildcard deny',
      code: `version: 1
projects: [{ name: cn-north-1 }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants:
      - { permission: Tenant Guest, scope: cn-north-1 }
      - { permission: deny, scope: cn-north-1 }
policies:
  - name: deny
    document:
      Version: "1.1"
      Statement: [{ Effect: Deny, Action: ["dli:table:*"] }]
dli:
  requests:
    - action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [SELECT, DROP_TABLE] }
`,
      errors: [
        {
          messageId: 'shadowed',
          line: 19,
          column: 60,
          message:
            'the DLI grant of SELECT on databases.db1.tables.tbl to user dlitest has no effect: deny denies dli:table:select (statement 1)',
        },
        {
          messageId: 'shadowed',
          line: 19,
          column: 68,
          message:
            'the DLI grant of DROP_TABLE on databases.db1.tables.tbl to user dlitest has no effect: deny denies dli:table:dropTable (statement 1)',
        },
      ],
    },
  ],
});
