/** `dli/unknown-privilege`: literal cases with the message id and position of each finding. */
import { unknownPrivilege } from '../../../../src/lint/rules/dli/unknown-privilege.js';
import { ruleTester } from '../../helpers.js';

ruleTester(unknownPrivilege, {
  format: 'yaml',
  valid: [
    {
      name: 'known',
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
      name: 'typo',
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
        - { object: databases.db1.tables.tbl, privileges: [SELEC] }
`,
      errors: [
        {
          messageId: 'unknown-privilege',
          line: 12,
          column: 60,
          message: 'SELEC is not a DLI privilege of a table (did you mean SELECT?)',
        },
      ],
    },
    {
      name: 'second privilege',
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
        - { object: queues.q1, privileges: [SUBMIT_JOB, RESTART_QUEUE] }
`,
      errors: [
        {
          messageId: 'unknown-privilege',
          line: 12,
          column: 57,
          message: 'RESTART_QUEUE is not a DLI privilege of a queue',
        },
      ],
    },
  ],
});
