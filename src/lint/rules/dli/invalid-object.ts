/** `dli/invalid-object`: reports DLI requests whose object path is not a valid DLI object. */
import { dliMessages, reportDliDiagnostics } from '../../dli.js';
import { modelRule, noOptions } from '../../rule.js';

const ids = ['invalid-object'] as const;

export const invalidObject = modelRule({
  meta: {
    id: 'dli/invalid-object',
    level: 'error',
    category: 'syntax',
    description: 'Reports DLI requests whose object path is not a valid DLI object.',
    help: 'A DLI object is written as a dotted path: databases.<db>, databases.<db>.tables.<table>, databases.<db>.tables.<table>.columns.<column>, queues.<queue>, jobs.flink.<id>, groups.<group>, resources.<group>.<name> and a few more. A path DLI does not understand makes the API refuse the item, so the privilege is never granted or revoked.',
    needs: 'model',
    messages: dliMessages(ids),
    fixes: {
      'invalid-object': 'write the object as a DLI path such as databases.db1.tables.tbl',
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
        - { object: tables.tbl, privileges: [SELECT] }`,
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
