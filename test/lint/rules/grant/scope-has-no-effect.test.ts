/** `grant/scope-has-no-effect`: literal cases with the message id and position of each finding. */
import { scopeHasNoEffect } from '../../../../src/lint/rules/grant/scope-has-no-effect.js';
import { ruleTester } from '../../helpers.js';

ruleTester(scopeHasNoEffect, {
  format: 'yaml',
  valid: [
    {
      name: 'project policy on a project',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS ReadOnlyAccess, scope: cn-north-1 }
`,
    },
    {
      name: 'global policy on global',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: IAM ReadOnlyAccess, scope: global }
`,
    },
    {
      name: 'anything on all',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: IAM ReadOnlyAccess, scope: all }
`,
    },
  ],
  invalid: [
    {
      name: 'RDS on global',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: RDS ReadOnlyAccess, scope: global }
`,
      errors: [
        {
          messageId: 'project-on-global',
          line: 8,
          column: 9,
          message:
            'RDS ReadOnlyAccess has only project-level actions (38); granted on global services it gives group:dba nothing',
          fix: 'grant RDS ReadOnlyAccess on the region projects that need it instead of global',
        },
      ],
    },
    {
      name: 'IAM on a project',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: IAM ReadOnlyAccess, scope: cn-north-1 }
`,
      errors: [
        {
          messageId: 'global-on-project',
          line: 8,
          column: 9,
          message:
            'IAM ReadOnlyAccess has only global-service actions (55); granted on project cn-north-1 it gives group:dba nothing',
          fix: 'grant IAM ReadOnlyAccess on global services instead of cn-north-1',
        },
      ],
    },
  ],
});
