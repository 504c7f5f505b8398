/** `intent/conditional-only`: an intended operation allowed only when conditions hold. */
import { modelRule, noOptions } from '../../rule.js';
import { intentChecks } from '../../intents.js';
import { listText } from '../../message.js';

export const conditionalOnly = modelRule({
  meta: {
    id: 'intent/conditional-only',
    level: 'warning',
    category: 'least-privilege',
    description:
      'Warns about intended operations that are allowed only when a condition of the request holds.',
    help:
      'When the statements that allow an intended operation carry a Condition (MFA, source ' +
      'IP, time of day, …) whose value lint cannot know, the operation works only in some ' +
      'requests. That may be exactly what is meant, or it may be a restriction that blocks ' +
      'the intent at the worst moment. The finding names the condition keys; check them with ' +
      '`permgraph can … --context KEY=VALUE`.',
    needs: 'model',
    messages: {
      conditional:
        '{principal} can {what}[ in project {project}] only when conditions on {keys} hold',
    },
    fixes: {
      conditional:
        'confirm the condition is intended, or grant the operation without it; check with permgraph can --context',
    },
    identity: ['principal', 'what', 'project'],
    examples: {
      format: 'yaml',
      invalid: `version: 1
projects: [{ name: cn-north-1 }]
users: [{ name: grace, groups: [on-call] }]
groups:
  - name: on-call
    grants: [{ permission: restart-with-mfa, scope: cn-north-1 }]
policies:
  - name: restart-with-mfa
    document:
      Version: "1.1"
      Statement:
        - Effect: Allow
          Action: ["rds:instance:restart"]
          Condition: { Bool: { "g:MFAPresent": ["true"] } }
intents:
  - { principal: group:on-call, project: cn-north-1, actions: [rds:instance:restart] }`,
      valid: `version: 1
projects: [{ name: cn-north-1 }]
users: [{ name: grace, groups: [on-call] }]
groups:
  - name: on-call
    grants: [{ permission: restart, scope: cn-north-1 }]
policies:
  - name: restart
    document:
      Version: "1.1"
      Statement:
        - Effect: Allow
          Action: ["rds:instance:restart"]
intents:
  - { principal: group:on-call, project: cn-north-1, actions: [rds:instance:restart] }`,
    },
  },
  options: noOptions,
  check(context) {
    for (const check of intentChecks(context)) {
      const result = check.result;
      if (!result || result.decision !== 'conditional') continue;
      const keys = [...new Set(result.checks.flatMap((c) => c.unknownKeys))].sort();
      const data = {
        principal: check.principal,
        what: check.what,
        project: check.project ?? '',
        keys: listText(keys, 6),
      };
      context.report({
        messageId: 'conditional',
        position: check.position,
        target: check.principal,
        data,
      });
    }
  },
});
