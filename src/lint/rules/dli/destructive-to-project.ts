/** `dli/destructive-to-project`: flags destructive DLI privileges (DROP, ALTER, TRUNCATE, INSERT_OVERWRITE, ALL) shared with another project. */
import { dliMessages, reportDliDiagnostics } from '../../dli.js';
import { modelRule, noOptions } from '../../rule.js';

const ids = ['destructive-to-project'] as const;

export const destructiveToProject = modelRule({
  meta: {
    id: 'dli/destructive-to-project',
    level: 'security',
    category: 'risk',
    description:
      'Flags destructive DLI privileges (DROP, ALTER, TRUNCATE, INSERT_OVERWRITE, ALL) shared with another project.',
    help: "A DLI grant to another project lets every administrator of that project use the privilege, people outside the owner's account structure. DROP_TABLE, ALTER_TABLE_*, TRUNCATE, INSERT_OVERWRITE_TABLE and ALL let them delete or rewrite the data. Share read privileges with projects, and keep destructive ones with named users.",
    needs: 'model',
    messages: dliMessages(ids),
    fixes: {
      'destructive-to-project': 'share only read privileges (SELECT) with {grantee}',
    },
    identity: ['object', 'privilege', 'grantee'],
    securitySeverity: 8.0,
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
      projectId: 0732e57c728025922f04c01273686950
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [DROP_TABLE] }`,
      valid: `version: 1
projects: [{ name: cn-north-1, id: 5a3f0c1d2e4b4f6a8c9d0e1f2a3b4c5d }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants: [{ permission: Tenant Guest, scope: cn-north-1 }]
dli:
  requests:
    - action: grant
      projectId: 0732e57c728025922f04c01273686950
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }`,
    },
  },
  options: noOptions,
  check(context) {
    reportDliDiagnostics(context, ids);
  },
});
