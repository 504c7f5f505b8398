/** `policy/action-case`: an action whose service part is not lower-case. */
import { hasNonLowerCaseService } from '../../../policy/pattern.js';
import { documentRule, noOptions } from '../../rule.js';
import { actionEntries } from '../../statements.js';

export const actionCase = documentRule({
  meta: {
    id: 'policy/action-case',
    level: 'warning',
    category: 'syntax',
    description: 'Warns about actions whose service part is not lower-case.',
    help:
      'Huawei documents the service part of an action as lower-case; only the resource type ' +
      'and operation compare case-insensitively. permgraph matches the service ' +
      'case-insensitively too, so DLI:*:* works here, but other tools and future policy ' +
      'versions may not. Version 1.0 system roles written by Huawei (DNS:Zone:*) are not ' +
      'reported.',
    needs: 'document',
    messages: {
      upper: 'the service part of {pattern} is not lower-case',
    },
    fixes: {
      upper: 'write {fixed}',
    },
    identity: ['pattern'],
    examples: {
      format: 'json',
      invalid: `{
  "Version": "1.1",
  "Statement": [{ "Effect": "Allow", "Action": ["RDS:instance:list"] }]
}`,
      valid: `{
  "Version": "1.1",
  "Statement": [{ "Effect": "Allow", "Action": ["rds:instance:list"] }]
}`,
    },
  },
  options: noOptions,
  check({ document, report }) {
    if (document.version === '1.0') return;
    for (const entry of actionEntries(document)) {
      if (!hasNonLowerCaseService(entry.pattern)) continue;
      const [service = '', ...rest] = entry.pattern.split(':');
      const fixed = [service.toLowerCase(), ...rest].join(':');
      report({ messageId: 'upper', path: entry.path, data: { pattern: entry.pattern, fixed } });
    }
  },
});
