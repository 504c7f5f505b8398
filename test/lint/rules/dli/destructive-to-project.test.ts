/** `dli/destructive-to-project`: literal cases with the message id and position of each finding. */
import { destructiveToProject } from '../../../../src/lint/rules/dli/destructive-to-project.js';
import { ruleTester } from '../../helpers.js';

ruleTester(destructiveToProject, {
  format: 'yaml',
  valid: [
    {
      name: 'select to a project',
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
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }
`,
    },
    {
      name: 'drop to a user',
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
        - { object: databases.db1.tables.tbl, privileges: [DROP_TABLE] }
`,
    },
  ],
  invalid: [
    {
      name: 'drop to a project',
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
        - { object: databases.db1.tables.tbl, privileges: [DROP_TABLE] }
`,
      errors: [
        {
          messageId: 'destructive-to-project',
          line: 12,
          column: 60,
          message:
            'DROP_TABLE on databases.db1.tables.tbl lets the administrators of project 0732e57c728025922f04c01273686950 delete or rewrite data or objects',
        },
      ],
    },
    {
      name: 'insert overwrite',
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
        - { object: databases.db1.tables.tbl, privileges: [SELECT, INSERT_OVERWRITE_TABLE] }
`,
      errors: [
        {
          messageId: 'destructive-to-project',
          line: 12,
          column: 68,
          message:
            'INSERT_OVERWRITE_TABLE on databases.db1.tables.tbl lets the administrators of project 0732e57c728025922f04c01273686950 delete or rewrite data or objects',
        },
      ],
    },
  ],
});
