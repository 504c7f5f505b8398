/** `grant/empty-group`: a user group without members. */
import { plural } from '../../message.js';
import { modelRule, noOptions } from '../../rule.js';

export const emptyGroup = modelRule({
  meta: {
    id: 'grant/empty-group',
    level: 'warning',
    category: 'hygiene',
    description: 'Warns about user groups that have no members.',
    help:
      'A group without members gives its permissions to nobody today, and to whoever is ' +
      'added tomorrow: a forgotten group with broad grants is a ready-made escalation path. ' +
      'Delete groups that are no longer used; if the members live outside the model, add ' +
      'them so that queries and lint see the real access.',
    needs: 'model',
    messages: {
      empty: 'group {group} has no members[; nobody receives its {grants}]',
    },
    fixes: {
      empty: 'add the users of group {group} to the model, or delete the group',
    },
    identity: ['group'],
    examples: {
      format: 'yaml',
      invalid: `version: 1
groups:
  - name: legacy-dba
    grants: [{ permission: RDS FullAccess, scope: all }]`,
      valid: `version: 1
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants: [{ permission: RDS FullAccess, scope: all }]`,
    },
  },
  options: noOptions,
  check({ model, report }) {
    for (const group of model.groups.values()) {
      if (group.members.length > 0) continue;
      const grants = group.grants.length === 0 ? '' : plural(group.grants.length, 'grant');
      const data = { group: group.name, grants };
      report({ messageId: 'empty', position: group.position, target: `group:${group.name}`, data });
    }
  },
});
