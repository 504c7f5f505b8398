/** `dli/noop-revoke`: warns about DLI revokes of privileges that were never granted on that object. */
import { dliMessages, reportDliDiagnostics } from '../../dli.js';
import { modelRule, noOptions } from '../../rule.js';

const ids = ['noop-revoke'] as const;

export const noopRevoke = modelRule({
  meta: {
    id: 'dli/noop-revoke',
    level: 'warning',
    category: 'redundancy',
    description: 'Warns about DLI revokes of privileges that were never granted on that object.',
    help: 'A revoke removes a privilege only where it was granted. Revoking something the grantee does not hold on that object changes nothing; often the author meant a different object or grantee, and the access they wanted to remove is still there.',
    needs: 'model',
    messages: dliMessages(ids),
    fixes: {
      'noop-revoke':
        'check the object and grantee of the revoke; remove it if nothing is to be taken back',
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
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }
    - action: revoke
      user_name: dlitest
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }`,
    },
  },
  options: noOptions,
  check(context) {
    reportDliDiagnostics(context, ids);
  },
});
