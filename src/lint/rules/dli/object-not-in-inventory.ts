/** `dli/object-not-in-inventory`: warns about DLI grants on objects the model's dli.objects inventory does not list. */
import { dliMessages, reportDliDiagnostics } from '../../dli.js';
import { modelRule, noOptions } from '../../rule.js';

const ids = ['unknown-object'] as const;

export const objectNotInInventory = modelRule({
  meta: {
    id: 'dli/object-not-in-inventory',
    level: 'warning',
    category: 'catalog',
    description:
      "Warns about DLI grants on objects the model's dli.objects inventory does not list.",
    help: 'When the model lists the DLI objects (dli.objects), a grant on an object that is not there is usually a typo in the database or table name, or a grant left over after the object was dropped; if the object is created later under that name, the grantee gets access to it.',
    needs: 'model',
    messages: dliMessages(ids),
    fixes: {
      'unknown-object': 'correct the object name, or add it to dli.objects',
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
  objects:
    databases:
      db1:
        tables:
          tbl: {}
  requests:
    - action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db2.tables.tbl, privileges: [SELECT] }`,
      valid: `version: 1
projects: [{ name: cn-north-1, id: 5a3f0c1d2e4b4f6a8c9d0e1f2a3b4c5d }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants: [{ permission: Tenant Guest, scope: cn-north-1 }]
dli:
  objects:
    databases:
      db1:
        tables:
          tbl: {}
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
