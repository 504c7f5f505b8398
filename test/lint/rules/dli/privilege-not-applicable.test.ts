/** `dli/privilege-not-applicable`: literal cases with the message id and position of each finding. */
import { privilegeNotApplicable } from '../../../../src/lint/rules/dli/privilege-not-applicable.js';
import { ruleTester } from '../../helpers.js';

ruleTester(privilegeNotApplicable, {
  format: 'yaml',
  valid: [
    {
      name: 'queue privilege on a queue',
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
        - { object: queues.q1, privileges: [SUBMIT_JOB] }
`,
    },
  ],
  invalid: [
    {
      name: 'table privilege on a queue',
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
        - { object: queues.q1, privileges: [DROP_TABLE] }
`,
      errors: [
        {
          messageId: 'privilege-not-applicable',
          line: 12,
          column: 45,
          message:
            'DROP_TABLE does not apply to a queue; it is a privilege of database, table, view',
        },
      ],
    },
    {
      name: 'user-only privilege to a project',
      code: `version: 1
projects: [{ name: cn-north-1, id: 5a3f0c1d2e4b4f6a8c9d0e1f2a3b4c5d }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants: [{ permission: Tenant Guest, scope: cn-north-1 }]
dli:
  requests:
    - action: grant
      projectId: 0732e57c728025922f04c01273686950
      privileges:
        - { object: databases.db1, privileges: [DISPLAY_ALL_TABLES] }
`,
      errors: [
        {
          messageId: 'privilege-not-for-project',
          line: 12,
          column: 49,
          message:
            'DISPLAY_ALL_TABLES on a database can be granted to IAM users only, not to project 0732e57c728025922f04c01273686950',
        },
      ],
    },
  ],
});
