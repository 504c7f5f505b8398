/** `grant/user-without-group`: a user in no group. */
import { plural } from '../../message.js';
import { modelRule, noOptions } from '../../rule.js';

export const userWithoutGroup = modelRule({
  meta: {
    id: 'grant/user-without-group',
    level: 'warning',
    category: 'hygiene',
    description: 'Warns about users who belong to no user group.',
    help:
      'Huawei IAM grants permissions to user groups; a user in no group has no permissions ' +
      'except what is attached to the user directly, which is harder to review and to revoke. ' +
      'Either the user is unused (delete it) or its group membership is missing from the ' +
      'model. Put users in groups named for their work and grant the groups.',
    needs: 'model',
    messages: {
      'no-group': 'user {user} is in no group[ and holds {direct} directly]',
    },
    fixes: {
      'no-group': 'add {user} to the group for its work, or delete the user if it is unused',
    },
    identity: ['user'],
    examples: {
      format: 'yaml',
      invalid: `version: 1
users:
  - { name: alice }`,
      valid: `version: 1
users:
  - { name: alice, groups: [dba] }
groups:
  - { name: dba }`,
    },
  },
  options: noOptions,
  check({ model, report }) {
    for (const user of model.users.values()) {
      if (user.groups.length > 0) continue;
      const direct = user.grants.length === 0 ? '' : plural(user.grants.length, 'grant');
      const data = { user: user.name, direct };
      report({ messageId: 'no-group', position: user.position, target: `user:${user.name}`, data });
    }
  },
});
