/** `grant/admin-group`: users in the `admin` group, which holds every permission of the account. */
import { modelRule, noOptions } from '../../rule.js';

export const adminGroup = modelRule({
  meta: {
    id: 'grant/admin-group',
    level: 'security',
    category: 'risk',
    description: 'Flags users who are members of the admin group.',
    help:
      'The admin group Huawei creates with every account holds Tenant Administrator and ' +
      'Security Administrator on all resources: its members can do everything, including ' +
      'granting themselves and others any permission. Keep it to the few people who ' +
      'administer the account, and give everyone else a group with the permissions their ' +
      'work needs. Each membership is reported so that it can be suppressed with a reason.',
    needs: 'model',
    messages: {
      member: 'user {user} is a member of {group}, which can do everything in the account',
    },
    fixes: {
      member:
        'remove {user} from {group} and add it to a group with the permissions its work needs, or suppress this finding with the reason',
    },
    identity: ['user', 'group'],
    securitySeverity: 7.5,
    examples: {
      format: 'yaml',
      invalid: `version: 1
users:
  - { name: alice, groups: [admin] }
groups:
  - { name: admin }`,
      valid: `version: 1
users:
  - { name: alice, groups: [dba] }
groups:
  - { name: dba }`,
    },
  },
  options: noOptions,
  check({ model, locate, report }) {
    for (const user of model.users.values()) {
      user.groups.forEach((group, index) => {
        if (group !== 'admin') return;
        const position = locate(user.position, ['groups', index]);
        report({
          messageId: 'member',
          position,
          target: `user:${user.name}`,
          data: { user: user.name, group },
        });
      });
    }
  },
});
