/** `dli/revoke-wrong-level`: warns about DLI revokes on an object whose privilege is held through a grant on an ancestor. */
import { dliMessages, reportDliDiagnostics } from '../../dli.js';
import { modelRule, noOptions } from '../../rule.js';

const ids = ['revoke-wrong-level'] as const;

export const revokeWrongLevel = modelRule({
  meta: {
    id: 'dli/revoke-wrong-level',
    level: 'warning',
    category: 'scope',
    description:
      'Warns about DLI revokes on an object whose privilege is held through a grant on an ancestor.',
    help: 'A privilege granted on a database reaches its tables, but revoking it on one table removes nothing: DLI removes grants only at the level where they were made. The grantee keeps the access. Revoke at the database and grant again on the tables that should keep it.',
    needs: 'model',
    messages: dliMessages(ids),
    fixes: {
      'revoke-wrong-level':
        'revoke {grantedPrivilege} on {grantedAt}, then grant it again on the objects that should keep it',
    },
    identity: ['object', 'privilege', 'grantee'],
    examples: {
      format: 'yaml',
      invalid: `version: 1
projects: [{ name: cn-north-1, id: 5a3f0c1d2e4b4f6a8c9d0e1f2a3b4c5d }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants: [{ permission: Tenant Guest, scope: cn-north-1 }]
dli:
  requests:
    - action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db1, privileges: [SELECT] }
    - action: revoke
      user_name: dlitest
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }`,
      valid: `version: 1
projects: [{ name: cn-north-1, id: 5a3f0c1d2e4b4f6a8c9d0e1f2a3b4c5d }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants: [{ permission: Tenant Guest, scope: cn-north-1 }]
dli:
  requests:
    - action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db1, privileges: [SELECT] }
    - action: revoke
      user_name: dlitest
      privileges:
        - { object: databases.db1, privileges: [SELECT] }`,
    },
  },
  options: noOptions,
  check(context) {
    reportDliDiagnostics(context, ids);
  },
});
