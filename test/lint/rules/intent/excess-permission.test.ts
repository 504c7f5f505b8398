/** `intent/excess-permission`: literal cases with the message id and position of each finding. */
import { excessPermission } from '../../../../src/lint/rules/intent/excess-permission.js';
import { ruleTester } from '../../helpers.js';

ruleTester(excessPermission, {
  format: 'yaml',
  valid: [
    {
      name: 'exactly what is needed',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: list-instances, scope: cn-north-4 }
policies:
  - name: list-instances
    document:
      Version: "1.1"
      Statement: [{ Effect: Allow, Action: ["rds:instance:list"] }]
intents:
  - { principal: group:dba, project: cn-north-4, operations: [rds.instance.list] }
`,
    },
    {
      name: 'no intents',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS FullAccess, scope: cn-north-1 }
`,
    },
  ],
  invalid: [
    {
      name: 'RDS FullAccess beyond the intents, but not its global companion (grant/global-actions-in-project-scope asks for it)',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba, billing] }
groups:
  - name: dba
    grants:
      - { permission: RDS FullAccess, scope: cn-north-4 }
  - name: billing
    grants:
      - { permission: BSS ServiceAgencyReadPolicy, scope: global }
intents:
  - { principal: user:alice, project: cn-north-4, operations: [rds.instance.create, rds.instance.delete, rds.instance.list] }
`,
      errors: [{ messageId: 'excess', line: 8, column: 9 }],
    },
    {
      name: 'FullAccess for listing',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS FullAccess, scope: cn-north-4 }
intents:
  - { principal: group:dba, project: cn-north-4, operations: [rds.instance.list] }
`,
      errors: [
        {
          messageId: 'excess',
          line: 8,
          column: 9,
          fix: 'grant RDS ReadOnlyAccess on project cn-north-4 instead, which allows what the intents use and less',
        },
      ],
    },
    {
      name: 'a grant the intents do not use',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS ReadOnlyAccess, scope: cn-north-1 }
      - { permission: VPC Administrator, scope: cn-north-1 }
intents:
  - { principal: group:dba, project: cn-north-1, operations: [rds.instance.list] }
`,
      errors: [
        {
          messageId: 'excess',
          line: 8,
          column: 9,
          fix: 'replace it with a custom policy (type XA) allowing rds:instance:list, granted on project cn-north-1',
        },
        {
          messageId: 'excess',
          line: 9,
          column: 9,
          fix: 'remove this grant: the intents need none of what it allows on project cn-north-1',
        },
      ],
    },
    {
      name: 'a project no intent works in',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS ReadOnlyAccess, scope: cn-north-4 }
intents:
  - { principal: group:dba, project: cn-north-1, operations: [rds.instance.list] }
`,
      errors: [
        {
          messageId: 'excess',
          line: 8,
          column: 9,
          fix: 'remove this grant: the intents need none of what it allows on project cn-north-4',
        },
      ],
    },
  ],
});
