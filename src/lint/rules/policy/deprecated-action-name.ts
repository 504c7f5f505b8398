/** `policy/deprecated-action-name`: an older spelling of a known action. */
import { documentRule, noOptions } from '../../rule.js';
import { isConcrete } from '../../actions.js';
import { actionEntries } from '../../statements.js';

export const deprecatedActionName = documentRule({
  meta: {
    id: 'policy/deprecated-action-name',
    level: 'suggestion',
    category: 'catalog',
    description: 'Suggests the current name for actions written in an older spelling.',
    help:
      'Some services renamed their actions: DLI moved from snake_case (dli:queue:submit_job) to ' +
      'camelCase (dli:queue:submitJob). The catalog records older spellings as aliases and ' +
      'permgraph evaluates them as the current action, but whether Huawei still matches both ' +
      'spellings everywhere is not documented; the current name is the safe one.',
    needs: 'document',
    messages: {
      alias: '{written} is an older spelling of {current}',
    },
    fixes: {
      alias: 'write {current}',
    },
    identity: ['written'],
    examples: {
      format: 'json',
      invalid: `{
  "Version": "1.1",
  "Statement": [{ "Effect": "Allow", "Action": ["dli:queue:submit_job"] }]
}`,
      valid: `{
  "Version": "1.1",
  "Statement": [{ "Effect": "Allow", "Action": ["dli:queue:submitJob"] }]
}`,
    },
  },
  options: noOptions,
  check({ catalog, document, report }) {
    for (const entry of actionEntries(document)) {
      if (!isConcrete(entry.pattern, document.version) || !catalog.isAlias(entry.pattern)) continue;
      const current = catalog.findAction(entry.pattern)?.name ?? '';
      report({ messageId: 'alias', path: entry.path, data: { written: entry.pattern, current } });
    }
  },
});
