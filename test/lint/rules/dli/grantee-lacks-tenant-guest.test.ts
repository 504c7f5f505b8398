/** `dli/grantee-lacks-tenant-guest`: literal cases with the message id and position of each finding. */
import { granteeLacksTenantGuest } from '../../../../src/lint/rules/dli/grantee-lacks-tenant-guest.js';
import { ruleTester } from '../../helpers.js';

ruleTester(granteeLacksTenantGuest, {
  format: 'yaml',
  valid: [
    {
      name: 'Tenant Guest in the project',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-1_analytics }, { name: cn-north-4 }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants: [{ permission: Tenant Guest, scope: cn-north-1 }]
dli:
  requests:
    - project: cn-north-1
      action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db1, privileges: [SELECT] }
`,
    },
    {
      name: 'another project of the region',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-1_analytics }, { name: cn-north-4 }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants: [{ permission: Tenant Guest, scope: cn-north-1 }]
dli:
  requests:
    - project: cn-north-1_analytics
      action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db1, privileges: [SELECT] }
`,
    },
    {
      name: 'on all',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-1_analytics }, { name: cn-north-4 }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants: [{ permission: Tenant Guest, scope: all }]
dli:
  requests:
    - project: cn-north-4
      action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db1, privileges: [SELECT] }
`,
    },
  ],
  invalid: [
    {
      name: 'other region',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-1_analytics }, { name: cn-north-4 }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants: [{ permission: Tenant Guest, scope: cn-north-1 }]
dli:
  requests:
    - project: cn-north-4
      action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db1, privileges: [SELECT] }
`,
      errors: [
        {
          messageId: 'no-tenant-guest',
          line: 9,
          column: 7,
          message:
            'user dlitest receives DLI privileges in cn-north-4 but is in no group with Tenant Guest there',
        },
      ],
    },
    {
      name: 'reported once per region',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-1_analytics }, { name: cn-north-4 }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants: [{ permission: Tenant Guest, scope: cn-north-1 }]
dli:
  requests:
    - project: cn-north-4
      action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db1, privileges: [SELECT] }
    - project: cn-north-4
      action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db2, privileges: [SELECT] }
`,
      errors: [
        {
          messageId: 'no-tenant-guest',
          line: 9,
          column: 7,
          message:
            'user dlitest receives DLI privileges in cn-north-4 but is in no group with Tenant Guest there',
        },
      ],
    },
  ],
});
