/** `intent/conditional-only`: literal cases with the message id and position of each finding. */
import { conditionalOnly } from '../../../../src/lint/rules/intent/conditional-only.js';
import { ruleTester } from '../../helpers.js';

ruleTester(conditionalOnly, {
  format: 'yaml',
  valid: [
    {
      name: 'unconditional',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS FullAccess, scope: cn-north-1 }
intents:
  - { principal: group:dba, project: cn-north-1, actions: [rds:instance:restart] }
`,
    },
    {
      name: 'denied is not conditional',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS ReadOnlyAccess, scope: cn-north-1 }
intents:
  - { principal: group:dba, project: cn-north-1, actions: [rds:instance:restart] }
`,
    },
  ],
  invalid: [
    {
      name: 'MFA condition',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: restart-mfa, scope: cn-north-1 }
policies:
  - name: restart-mfa
    document:
      Version: "1.1"
      Statement:
        - Effect: Allow
          Action: ["rds:instance:restart"]
          Condition: { Bool: { "g:MFAPresent": ["true"] } }
intents:
  - { principal: group:dba, project: cn-north-1, actions: [rds:instance:restart] }
`,
      errors: [
        {
          messageId: 'conditional',
          line: 18,
          column: 60,
          message:
            'group:dba can rds:instance:restart in project cn-north-1 only when conditions on g:MFAPresent hold',
          fix: 'confirm the condition is intended, or grant the operation without it; check with permgraph can --context',
        },
      ],
    },
  ],
});
