/** `grant/broad-scope`: literal cases with the message id and position of each finding. */
import { broadScope } from '../../../../src/lint/rules/grant/broad-scope.js';
import { ruleTester } from '../../helpers.js';

ruleTester(broadScope, {
  format: 'yaml',
  valid: [
    {
      name: 'no intents',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS ReadOnlyAccess, scope: all }
`,
    },
    {
      name: 'intents use every project',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS ReadOnlyAccess, scope: all }
intents:
  - { principal: group:dba, project: cn-north-1, operations: [rds.instance.list] }
  - { principal: group:dba, project: cn-north-4, operations: [rds.instance.list] }
`,
    },
    {
      name: 'granted on the project',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS ReadOnlyAccess, scope: cn-north-1 }
intents:
  - { principal: group:dba, project: cn-north-1, operations: [rds.instance.list] }
`,
    },
  ],
  invalid: [
    {
      name: 'one of two projects',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS ReadOnlyAccess, scope: all }
intents:
  - { principal: group:dba, project: cn-north-1, operations: [rds.instance.list] }
`,
      errors: [
        {
          messageId: 'broad',
          line: 8,
          column: 9,
          message:
            'RDS ReadOnlyAccess is granted to group:dba on all resources, but its intents use only cn-north-1 of 2 projects',
          fix: 'grant RDS ReadOnlyAccess on cn-north-1 instead of all resources',
        },
      ],
    },
    {
      name: 'member intent',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS FullAccess, scope: all }
intents:
  - { principal: user:alice, project: cn-north-4, operations: [rds.instance.list] }
`,
      errors: [
        {
          messageId: 'broad',
          line: 8,
          column: 9,
          message:
            'RDS FullAccess is granted to group:dba on all resources, but its intents use only cn-north-4 of 2 projects',
          fix: 'grant RDS FullAccess on cn-north-4 instead of all resources, and its global-service actions through BSS ServiceAgencyReadPolicy on global services',
        },
      ],
    },
  ],
});
