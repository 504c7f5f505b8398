/** `policy/condition-value-type`: condition values that do not parse for their operator. */
import { checkConditionValues } from '../../../policy/condition.js';
import { parseOperator } from '../../../policy/operators.js';
import { describeValueType } from '../../../policy/values.js';
import { documentRule, noOptions } from '../../rule.js';

export const conditionValueType = documentRule({
  meta: {
    id: 'policy/condition-value-type',
    level: 'error',
    category: 'syntax',
    description:
      'Reports condition values of the wrong type: Bool, number, ISO 8601 date, IP range.',
    help:
      'Each operator compares values of one type. A Bool value must be true or false, a Date ' +
      'operator needs an ISO 8601 time (2026-01-31T23:59:59Z), a Number operator a number, ' +
      'IpAddress a CIDR block. A value that does not parse makes its comparison false, so an ' +
      'Allow silently stops applying and a Deny silently stops protecting.',
    needs: 'document',
    messages: {
      'bad-value': '{problem}',
    },
    fixes: {
      'bad-value': 'write the value as {expected}',
    },
    identity: ['operator', 'key', 'value'],
    examples: {
      format: 'json',
      invalid: `{
  "Version": "1.1",
  "Statement": [{
    "Effect": "Allow",
    "Action": ["rds:instance:restart"],
    "Condition": { "Bool": { "g:MFAPresent": ["yes"] } }
  }]
}`,
      valid: `{
  "Version": "1.1",
  "Statement": [{
    "Effect": "Allow",
    "Action": ["rds:instance:restart"],
    "Condition": { "Bool": { "g:MFAPresent": ["true"] } }
  }]
}`,
    },
  },
  options: noOptions,
  check({ document, report }) {
    for (const statement of document.statements) {
      for (const problem of checkConditionValues(statement.condition ?? {})) {
        const { operator, key, value, index } = problem;
        const path = ['Statement', statement.index, 'Condition', operator, key, index];
        const type = parseOperator(operator).spec?.type ?? 'string';
        const expected = describeValueType(type);
        report({
          messageId: 'bad-value',
          path,
          data: { problem: problem.message, operator, key, value, expected },
        });
      }
    }
  },
});
