/** `dli/privilege-not-applicable`: reports DLI privileges granted on an object type, grantee or level that cannot have them. */
import { dliMessages, reportDliDiagnostics } from '../../dli.js';
import { modelRule, noOptions } from '../../rule.js';

const ids = [
  'privilege-not-applicable',
  'privilege-not-for-project',
  'privilege-not-for-user',
  'all-resources-only',
] as const;

export const privilegeNotApplicable = modelRule({
  meta: {
    id: 'dli/privilege-not-applicable',
    level: 'error',
    category: 'catalog',
    description:
      'Reports DLI privileges granted on an object type, grantee or level that cannot have them.',
    help: 'A DLI privilege belongs to object types (SUBMIT_JOB to queues, DROP_TABLE to tables and databases), some privileges can be granted only to IAM users or only to projects, and some exist only at "all resources". DLI refuses such an item, so it grants nothing.',
    needs: 'model',
    messages: dliMessages(ids),
    fixes: {
      'privilege-not-applicable': 'grant it on a {types}, or choose a privilege of a {type}',
      'privilege-not-for-project': 'grant it to an IAM user (user_name) instead',
      'privilege-not-for-user': 'grant it to a project (projectId) instead',
      'all-resources-only': 'grant it at all resources, or drop it from this item',
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
        - { object: queues.q1, privileges: [DROP_TABLE] }`,
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
        - { object: queues.q1, privileges: [SUBMIT_JOB] }`,
    },
  },
  options: noOptions,
  check(context) {
    reportDliDiagnostics(context, ids);
  },
});
