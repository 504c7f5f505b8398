/** `dli/grant-option-shared`: flags DLI grants of GRANT_PRIVILEGE or ALL, which let the grantee share the object further. */
import { dliMessages, reportDliDiagnostics } from '../../dli.js';
import { modelRule, noOptions } from '../../rule.js';

const ids = ['grant-option-shared'] as const;

export const grantOptionShared = modelRule({
  meta: {
    id: 'dli/grant-option-shared',
    level: 'security',
    category: 'risk',
    description:
      'Flags DLI grants of GRANT_PRIVILEGE or ALL, which let the grantee share the object further.',
    help: "GRANT_PRIVILEGE (and ALL, which includes it) lets the grantee grant privileges on the object to anyone else, beyond the control of the object's owner. Grant it only to the people who administer the data.",
    needs: 'model',
    messages: dliMessages(ids),
    fixes: {
      'grant-option-shared': 'grant only the privileges needed, without GRANT_PRIVILEGE',
    },
    identity: ['object', 'privilege', 'grantee'],
    securitySeverity: 7.0,
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
        - { object: databases.db1.tables.tbl, privileges: [GRANT_PRIVILEGE] }`,
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
