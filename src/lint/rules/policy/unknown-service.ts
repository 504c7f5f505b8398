/** `policy/unknown-service`: actions of a service the catalog does not cover. */
import { plural } from '../../message.js';
import { documentRule, noOptions } from '../../rule.js';
import { patternService } from '../../actions.js';
import { actionEntries, type ActionEntry } from '../../statements.js';

export const unknownService = documentRule({
  meta: {
    id: 'policy/unknown-service',
    level: 'warning',
    category: 'catalog',
    description:
      'Reports services the catalog does not cover, whose actions were therefore not checked.',
    help:
      "permgraph's catalog covers RDS, DLI and the services their operations depend on (VPC, " +
      'KMS, IAM, BSS, ECS, EVS, IMS, TMS, ELB). Actions of other services are accepted as ' +
      'written: their names, wildcards and access levels are not checked, and queries cannot ' +
      'answer for them. This is a warning, never an error: the policy may be fine. Add the ' +
      "service's actions with --catalog DIR to have them checked.",
    needs: 'document',
    messages: {
      uncovered:
        'catalog {catalog} does not cover service "{service}", so its actions in this document were not checked ({entries})',
    },
    fixes: {
      uncovered:
        'add {service} to a catalog directory and pass it with --catalog DIR[ (did you mean "{suggestion}"?)]',
    },
    identity: ['service'],
    examples: {
      format: 'json',
      invalid: `{
  "Version": "1.1",
  "Statement": [{ "Effect": "Allow", "Action": ["obs:bucket:ListAllMyBuckets"] }]
}`,
      valid: `{
  "Version": "1.1",
  "Statement": [{ "Effect": "Allow", "Action": ["vpc:vpcs:list"] }]
}`,
    },
  },
  options: noOptions,
  check({ catalog, document, report }) {
    const byService = new Map<string, ActionEntry[]>();
    for (const entry of actionEntries(document)) {
      const service = patternService(entry.pattern);
      if (!service || catalog.services.has(service)) continue;
      byService.set(service, [...(byService.get(service) ?? []), entry]);
    }
    const known = [...catalog.services.keys()];
    for (const [service, entries] of byService) {
      const first = entries[0] as ActionEntry;
      const suggestion =
        known.find((k) => k.length > 2 && service.length > 2 && isTypo(k, service)) ?? '';
      const data = {
        service,
        catalog: catalog.describe(),
        entries: plural(entries.length, 'action entry', 'action entries'),
        suggestion,
      };
      report({ messageId: 'uncovered', path: first.path, data });
    }
  },
});

/** A one-letter slip between two service names (rsd for rds, vcp for vpc). */
function isTypo(known: string, written: string): boolean {
  if (known.length !== written.length) return false;
  const sorted = (s: string): string => [...s].sort().join('');

  return known !== written && sorted(known) === sorted(written);
}
