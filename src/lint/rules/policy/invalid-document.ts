/** `policy/invalid-document`: a document that is not a valid v1.0, v1.1 or v5.0 policy. */
import { documentRule, noOptions } from '../../rule.js';

export const invalidDocument = documentRule({
  meta: {
    id: 'policy/invalid-document',
    level: 'error',
    category: 'syntax',
    description: 'Reports documents that are not valid Version 1.0, 1.1 or 5.0 policies.',
    help:
      'Huawei IAM rejects a custom policy whose shape is wrong: a missing Version or Statement, ' +
      'an Effect other than exactly "Allow" or "Deny" (a leading space counts), a number where a ' +
      'string is expected, an element the version does not have. permgraph checks each document ' +
      'against the JSON Schema of its version (schemas/policy-v*.json) and reports every ' +
      'problem with its position. Custom policies must use Version 1.1 (or 5.0 identity ' +
      'policies); 1.0 is the format of system roles. The other policy rules run once the ' +
      'document is valid.',
    needs: 'document',
    messages: {
      invalid: '{problem}',
      'custom-role':
        'a custom policy must use Version "1.1" (or "5.0"); "1.0" is the format of system roles',
    },
    fixes: {
      invalid: 'correct the element as the message says; see schemas/policy-v{version}.json',
      'custom-role': 'write the document as a Version "1.1" policy',
    },
    identity: ['problem'],
    examples: {
      format: 'json',
      invalid: `{
  "Version": "1.1",
  "Statement": [{ "Effect": " Allow", "Action": ["rds:instance:list"] }]
}`,
      valid: `{
  "Version": "1.1",
  "Statement": [{ "Effect": "Allow", "Action": ["rds:instance:list"] }]
}`,
    },
  },
  options: noOptions,
  acceptsInvalid: true,
  check({ policy, document, report }) {
    for (const problem of policy.problems) {
      const version = versionOf(policy.source.value, policy.basePath) ?? '1.1';
      report({
        messageId: 'invalid',
        position: problem.position,
        data: { problem: problem.message, version },
      });
    }
    if (policy.problems.length === 0 && policy.origin === 'custom' && document.version === '1.0') {
      report({ messageId: 'custom-role', path: ['Version'] });
    }
  },
});

function versionOf(root: unknown, basePath: readonly (string | number)[]): string | undefined {
  let node = root;
  for (const part of basePath)
    node = (node as Record<string | number, unknown> | undefined)?.[part];
  const version = (node as { Version?: unknown } | undefined)?.Version;

  return version === '1.0' || version === '1.1' || version === '5.0' ? version : undefined;
}
