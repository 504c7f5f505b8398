/** `dli/redundant-grant`: warns about DLI grants the grantee already holds, directly, through an ancestor object or through ALL. */
import { dliMessages, reportDliDiagnostics } from '../../dli.js';
import { modelRule, noOptions } from '../../rule.js';

const ids = ['redundant-grant'] as const;

export const redundantGrant = modelRule({
  meta: {
    id: 'dli/redundant-grant',
    level: 'warning',
    category: 'redundancy',
    description:
      'Warns about DLI grants the grantee already holds, directly, through an ancestor object or through ALL.',
    help: 'DLI privileges granted on a database are inherited by its tables when the privilege is inheritable, and ALL covers every privilege of its object type. Granting again what the grantee already holds changes nothing today, but it makes a later revoke at the database level look effective when it is not.',
    needs: 'model',
    messages: dliMessages(ids),
    fixes: {
      'redundant-grant': 'remove this grant; the one on {grantedAt} already gives it',
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
    - action: grant
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
        - { object: databases.db1, privileges: [SELECT] }`,
    },
  },
  options: noOptions,
  check(context) {
    reportDliDiagnostics(context, ids);
  },
});
