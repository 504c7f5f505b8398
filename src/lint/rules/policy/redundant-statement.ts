/** `policy/redundant-statement`: a statement another statement of the same policy already contains. */
import type { PolicyVersion, Statement } from '../../../policy/types.js';
import { documentRule, noOptions } from '../../rule.js';
import { patternCovers } from '../../actions.js';
import { statementLabel } from '../../statements.js';

export const redundantStatement = documentRule({
  meta: {
    id: 'policy/redundant-statement',
    level: 'suggestion',
    category: 'redundancy',
    description:
      'Suggests removing statements whose actions another statement with the same effect already covers.',
    help:
      'A statement is redundant when another statement of the same policy has the same effect, ' +
      'applies at least as widely (no Condition and no Resource, or the same ones) and its ' +
      'action patterns cover every action of the first. Removing it changes no decision and ' +
      'keeps the policy under the size limits. Two identical statements are reported once, ' +
      'at the second.',
    needs: 'document',
    messages: {
      redundant: '{statement} adds nothing: {coveredBy} already {effect}s all of its actions',
    },
    fixes: {
      redundant: 'remove {statement}',
    },
    identity: ['statement', 'coveredBy'],
    examples: {
      format: 'json',
      invalid: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:*:list"] },
    { "Effect": "Allow", "Action": ["rds:instance:list"] }
  ]
}`,
      valid: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:*:list"] },
    { "Effect": "Allow", "Action": ["rds:instance:restart"] }
  ]
}`,
    },
  },
  options: noOptions,
  check({ document, report }) {
    const { statements, version } = document;
    for (const statement of statements) {
      const cover = statements.find(
        (other) =>
          other !== statement &&
          covers(other, statement, version) &&
          // Of two statements that cover each other, the first one stays.
          (!covers(statement, other, version) || other.index < statement.index),
      );
      if (!cover) continue;
      const data = {
        statement: statementLabel(statement),
        coveredBy: statementLabel(cover),
        effect: statement.effect.toLowerCase(),
      };
      report({ messageId: 'redundant', path: ['Statement', statement.index], data });
    }
  },
});

/** Whether `outer` has the same effect, applies at least as widely, and covers every pattern. */
function covers(outer: Statement, inner: Statement, version: PolicyVersion): boolean {
  if (outer.effect !== inner.effect || outer.action === undefined || inner.action === undefined)
    return false;
  if (outer.excludeAction !== undefined || inner.excludeAction !== undefined) return false;
  if (!appliesAsWidely(outer, inner)) return false;
  const outerPatterns = outer.action;

  return inner.action.every((p) => outerPatterns.some((o) => patternCovers(o, p, version)));
}

function appliesAsWidely(outer: Statement, inner: Statement): boolean {
  const unrestricted =
    outer.condition === undefined && (outer.resource === undefined || outer.resource.includes('*'));
  if (unrestricted) return true;

  return (
    JSON.stringify(outer.condition ?? null) === JSON.stringify(inner.condition ?? null) &&
    JSON.stringify(outer.resource ?? null) === JSON.stringify(inner.resource ?? null)
  );
}
