/** `dli/unknown-privilege`: reports DLI privileges that do not exist for the object type. */
import { dliMessages, reportDliDiagnostics } from '../../dli.js';
import { modelRule, noOptions } from '../../rule.js';

const ids = ['unknown-privilege'] as const;

export const unknownPrivilege = modelRule({
  meta: {
    id: 'dli/unknown-privilege',
    level: 'error',
    category: 'catalog',
    description: 'Reports DLI privileges that do not exist for the object type.',
    help: 'Each DLI object type has a fixed list of privileges (SELECT, INSERT_INTO_TABLE, DROP_TABLE, SUBMIT_JOB, \u2026; see policies/dli/privileges.yaml). A misspelt privilege is refused by the API, so the grant never happens; the finding suggests the nearest name.',
    needs: 'model',
    messages: dliMessages(ids),
    fixes: {
      'unknown-privilege': 'write a privilege of a {type}[, such as {suggestion}]',
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
        - { object: databases.db1.tables.tbl, privileges: [SELEC] }`,
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
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }`,
    },
  },
  options: noOptions,
  check(context) {
    reportDliDiagnostics(context, ids);
  },
});
