/** `policy/over-limits`: a custom policy over Huawei's size or count limits. */
import { z } from 'zod';
import type { DocPath } from '../../../model/source.js';
import type { Statement } from '../../../policy/types.js';
import { documentRule } from '../../rule.js';

const options = z.strictObject({
  maxCharacters: z.number().int().positive().default(6144),
  maxStatements: z.number().int().positive().default(8),
  maxActionsPerStatement: z.number().int().positive().default(100),
  maxResourcesPerStatement: z.number().int().positive().default(10),
  maxConditionsPerStatement: z.number().int().positive().default(10),
});

type Limits = z.infer<typeof options>;

export const overLimits = documentRule({
  meta: {
    id: 'policy/over-limits',
    level: 'warning',
    category: 'hygiene',
    description: "Warns when a custom policy exceeds Huawei's size and count limits.",
    help:
      "Huawei's API for custom policies (POST /v3.0/OS-ROLE/roles) states 6,144 characters per " +
      'policy, 8 statements, 100 actions, 10 resources and 10 conditions per statement; the ' +
      'current console documentation lifts the statement, action, resource and condition ' +
      'limits, and IAM 5.0 identity policies allow 6,144 bytes. A policy over a limit is ' +
      'refused where the limit applies. The defaults follow the API; raise them with the ' +
      "rule's options if your account accepts more.",
    needs: 'document',
    messages: {
      characters: 'the policy is {count} characters long; the limit is {limit}',
      statements: 'the policy has {count} statements; the limit is {limit}',
      actions: '{statement} lists {count} actions; the limit is {limit}',
      resources: '{statement} lists {count} resources; the limit is {limit}',
      conditions: '{statement} has {count} conditions; the limit is {limit}',
    },
    fixes: {
      characters: 'use wildcards for families of actions or split the policy in two',
      statements:
        'merge statements with the same effect, resources and conditions, or split the policy',
      actions: 'use a wildcard for a family of actions (rds:backup:*), or split the statement',
      resources: 'use a wildcard in the resource path, or split the statement',
      conditions: 'split the statement',
    },
    identity: ['statement'],
    examples: {
      format: 'json',
      invalid: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:list"] },
    { "Effect": "Allow", "Action": ["rds:backup:list"] },
    { "Effect": "Allow", "Action": ["rds:param:list"] },
    { "Effect": "Allow", "Action": ["rds:log:list"] },
    { "Effect": "Allow", "Action": ["rds:database:list"] },
    { "Effect": "Allow", "Action": ["rds:databaseUser:list"] },
    { "Effect": "Allow", "Action": ["rds:tag:list"] },
    { "Effect": "Allow", "Action": ["rds:task:list"] },
    { "Effect": "Allow", "Action": ["rds:auditlog:list"] }
  ]
}`,
      valid: `{
  "Version": "1.1",
  "Statement": [{ "Effect": "Allow", "Action": ["rds:*:list"] }]
}`,
    },
  },
  options,
  check({ document, policy, options: limits, report }) {
    if (document.version === '1.0') return;
    const raw = valueAt(policy.source.value, policy.basePath);
    const text = JSON.stringify(raw) ?? '';
    const size = document.version === '5.0' ? Buffer.byteLength(text, 'utf8') : text.length;
    if (size > limits.maxCharacters)
      report({ messageId: 'characters', data: { count: size, limit: limits.maxCharacters } });
    if (document.version === '1.1' && document.statements.length > limits.maxStatements) {
      const data = { count: document.statements.length, limit: limits.maxStatements };
      report({ messageId: 'statements', path: ['Statement', limits.maxStatements], data });
    }
    if (document.version !== '1.1') return;
    for (const statement of document.statements) {
      for (const over of statementOverLimits(statement, limits)) report(over);
    }
  },
});

function statementOverLimits(statement: Statement, limits: Limits) {
  const conditions = Object.values(statement.condition ?? {}).reduce(
    (n, keys) => n + Object.keys(keys).length,
    0,
  );
  const counts: [string, number, number, string][] = [
    [
      'actions',
      (statement.action ?? statement.notAction ?? []).length,
      limits.maxActionsPerStatement,
      statement.action ? 'Action' : 'NotAction',
    ],
    ['resources', (statement.resource ?? []).length, limits.maxResourcesPerStatement, 'Resource'],
    ['conditions', conditions, limits.maxConditionsPerStatement, 'Condition'],
  ];
  const label = `statement ${statement.index + 1}`;

  return counts
    .filter(([, count, limit]) => count > limit)
    .map(([messageId, count, limit, key]) => ({
      messageId,
      path: ['Statement', statement.index, key] as DocPath,
      data: { statement: label, count, limit },
    }));
}

function valueAt(root: unknown, path: DocPath): unknown {
  let node = root;
  for (const part of path) node = (node as Record<string | number, unknown> | undefined)?.[part];

  return node;
}
