/** `grant/user-without-group`: literal cases with the message id and position of each finding. */
import { userWithoutGroup } from '../../../../src/lint/rules/grant/user-without-group.js';
import { ruleTester } from '../../helpers.js';

ruleTester(userWithoutGroup, {
  format: 'yaml',
  valid: [
    {
      name: 'in a group',
      code: `version: 1
users:
  - { name: alice, groups: [dba] }
groups:
  - { name: dba }`,
    },
  ],
  invalid: [
    {
      name: 'no groups',
      code: `version: 1
users:
  - { name: alice, groups: [dba] }
  - { name: bob }
groups:
  - { name: dba }`,
      errors: [
        {
          messageId: 'no-group',
          line: 4,
          column: 5,
          message: 'user bob is in no group',
          fix: 'add bob to the group for its work, or delete the user if it is unused',
        },
      ],
    },
    {
      name: 'direct grant',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - name: carol
    grants: [{ permission: RDS ReadOnlyAccess, scope: cn-north-1 }]`,
      errors: [
        {
          messageId: 'no-group',
          line: 4,
          column: 5,
          message: 'user carol is in no group and holds 1 grant directly',
          fix: 'add carol to the group for its work, or delete the user if it is unused',
        },
      ],
    },
  ],
});
