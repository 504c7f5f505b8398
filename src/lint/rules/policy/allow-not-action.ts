/** `policy/allow-not-action`: an Allow with `NotAction`, which allows everything not listed. */
import { listText } from '../../message.js';
import { documentRule, noOptions } from '../../rule.js';
import { groupByAccess, statementActions } from '../../actions.js';
import { statementLabel } from '../../statements.js';

export const allowNotAction = documentRule({
  meta: {
    id: 'policy/allow-not-action',
    level: 'security',
    category: 'least-privilege',
    description:
      'Flags Allow statements written with NotAction, which allow every action not listed.',
    help:
      'NotAction (Version 5.0 identity policies) turns a statement around: an Allow with ' +
      'NotAction allows every action of every service except the ones listed, including ' +
      'actions of services added later and permission management. It is almost always meant ' +
      'as a Deny, or as an Allow of a short list. The finding says how many catalog actions ' +
      'the statement allows. A Deny with NotAction is not reported.',
    needs: 'document',
    messages: {
      'allow-not-action':
        '{statement} allows every action except {excluded}: {count} actions of catalog {catalog} alone ({groups})',
    },
    fixes: {
      'allow-not-action':
        'list the actions to allow under Action, or write the statement as a Deny of what must not be done',
    },
    identity: ['statement', 'excluded'],
    securitySeverity: 8.5,
    examples: {
      format: 'json',
      invalid: `{
  "Version": "5.0",
  "Statement": [{ "Effect": "Allow", "NotAction": ["iam:*:*"] }]
}`,
      valid: `{
  "Version": "5.0",
  "Statement": [{ "Effect": "Deny", "NotAction": ["rds:*:list"] }]
}`,
    },
  },
  options: noOptions,
  check({ catalog, document, report }) {
    for (const statement of document.statements) {
      if (statement.effect !== 'Allow' || statement.notAction === undefined) continue;
      const allowed = statementActions(catalog, statement, document.version);
      const groups = groupByAccess(allowed).map(([group, names]) => `${group} ${names.length}`);
      const data = {
        statement: statementLabel(statement),
        excluded: listText(statement.notAction, 4),
        count: allowed.length,
        groups: groups.join(', '),
        catalog: catalog.describe(),
      };
      report({
        messageId: 'allow-not-action',
        path: ['Statement', statement.index, 'NotAction'],
        data,
      });
    }
  },
});
