/** `policy/unknown-action`: an action name its (known) service does not have. */
import { documentRule, noOptions } from '../../rule.js';
import { isConcrete, patternService } from '../../actions.js';
import { actionEntries } from '../../statements.js';

export const unknownAction = documentRule({
  meta: {
    id: 'policy/unknown-action',
    level: 'error',
    category: 'catalog',
    description: 'Reports action names that the catalog does not know for a service it covers.',
    help:
      'An Allow of a misspelt action grants nothing and a Deny of one protects nothing, and ' +
      'nobody notices until the operation fails or succeeds when it should not. permgraph ' +
      'checks every action without a wildcard against the catalog (services, actions and ' +
      'older spellings, versioned in policies/). Actions of services the catalog does not ' +
      'cover are reported by policy/unknown-service instead. If the action is real and the ' +
      'catalog lacks it, add it with --catalog DIR.',
    needs: 'document',
    messages: {
      unknown:
        '{action} is not an action of {service} in catalog {catalog}[; did you mean {suggestion}?]',
    },
    fixes: {
      unknown: '[write {suggestion}, or ]check the name against `permgraph catalog {service}`',
    },
    identity: ['action'],
    examples: {
      format: 'json',
      invalid: `{
  "Version": "1.1",
  "Statement": [{ "Effect": "Allow", "Action": ["rds:instance:lst"] }]
}`,
      valid: `{
  "Version": "1.1",
  "Statement": [{ "Effect": "Allow", "Action": ["rds:instance:list"] }]
}`,
    },
  },
  options: noOptions,
  check({ catalog, document, report }) {
    for (const entry of actionEntries(document)) {
      const service = patternService(entry.pattern);
      if (
        !service ||
        !catalog.services.has(service) ||
        !isConcrete(entry.pattern, document.version)
      )
        continue;
      if (catalog.findAction(entry.pattern)) continue;
      const suggestion = catalog.suggestAction(entry.pattern) ?? '';
      const data = { action: entry.pattern, service, catalog: catalog.describe(), suggestion };
      report({ messageId: 'unknown', path: entry.path, data });
    }
  },
});
