/** `policy/ineffective-allow`: an Allow whose every action the same policy denies. */
import type { PolicyDocument, Statement } from '../../../policy/types.js';
import { listText } from '../../message.js';
import { documentRule, noOptions } from '../../rule.js';
import { isUnconditional, patternCovers } from '../../actions.js';
import { statementLabel } from '../../statements.js';

export const ineffectiveAllow = documentRule({
  meta: {
    id: 'policy/ineffective-allow',
    level: 'warning',
    category: 'redundancy',
    description: 'Warns about Allow statements whose every action is denied by the same policy.',
    help:
      'Huawei evaluates Deny before Allow: an action both allowed and denied is denied. An ' +
      'Allow whose every action is also denied, without condition and on every resource, by ' +
      'a Deny of the same policy grants nothing; usually the Deny is broader than meant ' +
      '(rds:*:* instead of rds:*:delete). Only unconditional Deny statements count: a Deny ' +
      'with a Condition or a Resource may leave the Allow in effect.',
    needs: 'document',
    messages: {
      denied:
        '{statement} allows {actions}, but the Deny of {denies} in the same policy covers all of it',
    },
    fixes: {
      denied: 'narrow the Deny to what must not be done, or remove the Allow',
    },
    identity: ['statement'],
    examples: {
      format: 'json',
      invalid: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:backup:create", "rds:backup:delete"] },
    { "Effect": "Deny", "Action": ["rds:backup:*"] }
  ]
}`,
      valid: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:backup:*"] },
    { "Effect": "Deny", "Action": ["rds:backup:delete"] }
  ]
}`,
    },
  },
  options: noOptions,
  check({ document, report }) {
    const denies = document.statements.filter(
      (s) => s.effect === 'Deny' && s.action !== undefined && isUnconditional(s),
    );
    if (denies.length === 0) return;
    for (const statement of document.statements) {
      if (statement.effect !== 'Allow' || statement.action === undefined) continue;
      const patterns = statement.action;
      const deciding = denies.filter((d) => patterns.some((p) => deniedBy(document, p, [d])));
      if (!patterns.every((p) => deniedBy(document, p, denies))) continue;
      const data = {
        statement: statementLabel(statement),
        actions: listText(patterns, 4),
        denies: listText(deciding.map(statementLabel), 3),
      };
      report({ messageId: 'denied', path: ['Statement', statement.index, 'Action'], data });
    }
  },
});

/**
 * Whether the Deny statements take away everything a pattern allows: some Deny pattern covers it
 * literally. A wildcard Allow is not expanded over the catalog here: the catalog may not list
 * every action of a service, and an action it lacks would still be allowed.
 */
function deniedBy(
  document: PolicyDocument,
  pattern: string,
  denies: readonly Statement[],
): boolean {
  const denyPatterns = denies.flatMap((d) => d.action ?? []);

  return denyPatterns.some((d) => patternCovers(d, pattern, document.version));
}
