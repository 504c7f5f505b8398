/** `grant/empty-group`: literal cases with the message id and position of each finding. */
import { emptyGroup } from '../../../../src/lint/rules/grant/empty-group.js';
import { ruleTester } from '../../helpers.js';

ruleTester(emptyGroup, {
  format: 'yaml',
  valid: [
    {
      name: 'has members',
      code: `version: 1
users:
  - { name: alice, groups: [dba] }
groups:
  - { name: dba }`,
    },
  ],
  invalid: [
    {
      name: 'no members',
      code: `version: 1
groups:
  - { name: dba }`,
      errors: [
        {
          messageId: 'empty',
          line: 3,
          column: 5,
          message: 'group dba has no members',
          fix: 'add the users of group dba to the model, or delete the group',
        },
      ],
    },
    {
      name: 'no members, with a grant',
      code: `version: 1
projects: [{ name: cn-north-1 }, { name: cn-north-4 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - { name: dba }
  - name: legacy
    grants: [{ permission: RDS FullAccess, scope: all }]`,
      errors: [
        {
          messageId: 'empty',
          line: 7,
          column: 5,
          message: 'group legacy has no members; nobody receives its 1 grant',
          fix: 'add the users of group legacy to the model, or delete the group',
        },
      ],
    },
  ],
});
