/** `policy/pattern-matches-nothing`: a wildcard or malformed pattern that matches no action. */
import { compileActionPattern } from '../../../policy/pattern.js';
import { documentRule, noOptions } from '../../rule.js';
import { expandPattern, isConcrete, patternService } from '../../actions.js';
import { actionEntries } from '../../statements.js';

export const patternMatchesNothing = documentRule({
  meta: {
    id: 'policy/pattern-matches-nothing',
    level: 'error',
    category: 'catalog',
    description:
      'Reports action patterns that match no action: malformed, or a wildcard no action of a known service fits.',
    help:
      'An action is service:resourceType:operation. A pattern with fewer or more parts ' +
      '(functiongraph:*) matches nothing at all, and a wildcard whose fixed parts no action of ' +
      'the service has (rds:rds:*, the resource type of an old role) matches nothing either. ' +
      'In Version 1.0 and 1.1 documents only * is a wildcard: ? is an ordinary character.',
    needs: 'document',
    messages: {
      malformed: '{pattern} is not service:resourceType:operation, so it matches no action',
      'no-match': '{pattern} matches no action of {service} in catalog {catalog}',
      'question-mark':
        '{pattern} matches no action of {service}: "?" is a wildcard only in Version 5.0 policies',
    },
    fixes: {
      malformed: 'write three parts[, such as {example}]',
      'no-match':
        '[{service} has resource types {types}; ]list the actions with `permgraph catalog {service}`',
      'question-mark': 'use * instead of ?',
    },
    identity: ['pattern'],
    examples: {
      format: 'json',
      invalid: `{
  "Version": "1.1",
  "Statement": [{ "Effect": "Allow", "Action": ["rds:rds:*"] }]
}`,
      valid: `{
  "Version": "1.1",
  "Statement": [{ "Effect": "Allow", "Action": ["rds:instance:*"] }]
}`,
    },
  },
  options: noOptions,
  check({ catalog, document, report }) {
    const { version } = document;
    for (const entry of actionEntries(document)) {
      const { pattern, path } = entry;
      if (compileActionPattern(pattern, version).malformed) {
        report({ messageId: 'malformed', path, data: { pattern, example: exampleFor(pattern) } });
        continue;
      }
      const service = patternService(pattern);
      if (!service || !catalog.services.has(service) || isConcrete(pattern, version)) continue;
      if (expandPattern(catalog, pattern, version).length > 0) continue;
      const messageId = version !== '5.0' && pattern.includes('?') ? 'question-mark' : 'no-match';
      const types = [...new Set(catalog.actionsOf(service).map((a) => a.resourceType))].join(', ');
      report({ messageId, path, data: { pattern, service, catalog: catalog.describe(), types } });
    }
  },
});

function exampleFor(pattern: string): string {
  const parts = pattern.split(':');
  if (parts.length === 2) return `${parts[0]}:*:${parts[1]}`;

  return parts.length === 1 && pattern !== '' ? `${pattern}:*:*` : '';
}
