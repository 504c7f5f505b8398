/** `dli/update-revokes-all`: warns about DLI update requests with an empty privilege list, which revoke everything. */
import { dliMessages, reportDliDiagnostics } from '../../dli.js';
import { modelRule, noOptions } from '../../rule.js';

const ids = ['update-revokes-all'] as const;

export const updateRevokesAll = modelRule({
  meta: {
    id: 'dli/update-revokes-all',
    level: 'warning',
    category: 'risk',
    description:
      'Warns about DLI update requests with an empty privilege list, which revoke everything.',
    help: "An update replaces the grantee's privileges on the object with the list given. An empty list therefore revokes all of them, which is rarely what a request that says update means; use revoke to make the intent explicit.",
    needs: 'model',
    messages: dliMessages(ids),
    fixes: {
      'update-revokes-all':
        'use action revoke with the privileges to take back, or list the privileges to keep',
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
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }
    - action: update
      user_name: dlitest
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [] }`,
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
    - action: update
      user_name: dlitest
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [SELECT, DESCRIBE_TABLE] }`,
    },
  },
  options: noOptions,
  check(context) {
    reportDliDiagnostics(context, ids);
  },
});
