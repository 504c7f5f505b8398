/** `policy/duplicate-action`: an action listed twice in a statement, or covered by a wildcard beside it. */
import { documentRule, noOptions } from '../../rule.js';
import { patternCovers } from '../../actions.js';
import { statementEntries, statementLabel, type ActionEntry } from '../../statements.js';

export const duplicateAction = documentRule({
  meta: {
    id: 'policy/duplicate-action',
    level: 'suggestion',
    category: 'redundancy',
    description:
      'Suggests removing action entries a statement already lists, or that a wildcard beside them covers.',
    help:
      'An action written twice in one statement (action names compare case-insensitively) or ' +
      'one that another pattern of the same statement already matches (rds:instance:list next ' +
      'to rds:*:list) changes nothing. Removing it keeps the policy short and under the size ' +
      'limits; keep the wildcard only if it is really meant.',
    needs: 'document',
    messages: {
      duplicate: '{pattern} is listed twice in {statement}',
      covered: '{pattern} is already covered by {coveredBy} in {statement}',
    },
    fixes: {
      duplicate: 'remove the second {pattern}',
      covered: 'remove {pattern}, or replace {coveredBy} by the actions needed',
    },
    identity: ['statement', 'pattern'],
    examples: {
      format: 'json',
      invalid: `{
  "Version": "1.1",
  "Statement": [{ "Effect": "Allow", "Action": ["rds:*:list", "rds:instance:list"] }]
}`,
      valid: `{
  "Version": "1.1",
  "Statement": [{ "Effect": "Allow", "Action": ["rds:*:list", "rds:instance:restart"] }]
}`,
    },
  },
  options: noOptions,
  check({ document, report }) {
    for (const statement of document.statements) {
      const entries = statementEntries(statement);
      for (const entry of entries) {
        const found = findCover(entries, entry, document.version);
        if (!found) continue;
        const data = {
          pattern: entry.pattern,
          coveredBy: found.entry.pattern,
          statement: statementLabel(statement),
        };
        report({ messageId: found.messageId, path: entry.path, data });
      }
    }
  },
});

interface Cover {
  messageId: 'duplicate' | 'covered';
  entry: ActionEntry;
}

function findCover(
  entries: readonly ActionEntry[],
  entry: ActionEntry,
  version: '1.0' | '1.1' | '5.0',
): Cover | undefined {
  const same = (other: ActionEntry): boolean =>
    other.pattern.toLowerCase() === entry.pattern.toLowerCase();
  const earlier = entries.find((o) => o.index < entry.index && same(o));
  if (earlier) return { messageId: 'duplicate', entry: earlier };
  const wider = entries.find(
    (o) =>
      !same(o) &&
      patternCovers(o.pattern, entry.pattern, version) &&
      // Of two patterns that cover each other (* and *:*:*), the first one stays.
      (!patternCovers(entry.pattern, o.pattern, version) || o.index < entry.index),
  );

  return wider ? { messageId: 'covered', entry: wider } : undefined;
}
