/** `grant/admin-group`: literal cases with the message id and position of each finding. */
import { adminGroup } from '../../../../src/lint/rules/grant/admin-group.js';
import { ruleTester } from '../../helpers.js';

ruleTester(adminGroup, {
  format: 'yaml',
  valid: [
    {
      name: 'no admin members',
      code: `version: 1
users:
  - { name: alice, groups: [dba] }
groups:
  - { name: dba }
  - { name: admin }`,
    },
  ],
  invalid: [
    {
      name: 'one admin',
      code: `version: 1
users:
  - { name: alice, groups: [dba, admin] }
groups:
  - { name: dba }
  - { name: admin }`,
      errors: [
        {
          messageId: 'member',
          line: 3,
          column: 34,
          message: 'user alice is a member of admin, which can do everything in the account',
          fix: 'remove alice from admin and add it to a group with the permissions its work needs, or suppress this finding with the reason',
        },
      ],
    },
    {
      name: 'two admins',
      code: `version: 1
users:
  - name: alice
    groups: [admin]
  - name: bob
    groups:
      - admin
groups:
  - { name: admin }`,
      errors: [
        {
          messageId: 'member',
          line: 4,
          column: 14,
          message: 'user alice is a member of admin, which can do everything in the account',
          fix: 'remove alice from admin and add it to a group with the permissions its work needs, or suppress this finding with the reason',
        },
        {
          messageId: 'member',
          line: 7,
          column: 9,
          message: 'user bob is a member of admin, which can do everything in the account',
          fix: 'remove bob from admin and add it to a group with the permissions its work needs, or suppress this finding with the reason',
        },
      ],
    },
  ],
});
