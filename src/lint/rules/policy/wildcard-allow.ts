/** `policy/wildcard-allow`: an Allow whose wildcard grants everything, or writes, deletes or permission management. */
import type { Catalog } from '../../../catalog/catalog.js';
import type { PolicyVersion } from '../../../policy/types.js';
import { listText } from '../../message.js';
import { documentRule, noOptions } from '../../rule.js';
import {
  expandPattern,
  groupByAccess,
  isConcrete,
  isMutating,
  patternService,
} from '../../actions.js';
import { actionEntries, statementLabel } from '../../statements.js';

export const wildcardAllow = documentRule({
  meta: {
    id: 'policy/wildcard-allow',
    level: 'security',
    category: 'least-privilege',
    description:
      'Flags Allow wildcards that grant every action, a whole service, or write, delete or permission-management actions.',
    help:
      'A wildcard grants every action it matches today and every action the service adds ' +
      'tomorrow. *:*:* is administrator access; rds:*:* includes deleting instances and ' +
      'backups; a pattern such as rds:*:* or iam:*:update* reaches actions the author did not ' +
      'read. The finding says how many catalog actions the wildcard expands to, grouped with ' +
      'delete and permission management first. Read-only wildcards (rds:*:list) are not ' +
      'reported, and a Deny with wildcards is never reported: denying broadly is safe.',
    needs: 'document',
    messages: {
      everything:
        '{statement} allows {pattern}: every action of every service ({count} in catalog {catalog} alone)',
      service:
        '{statement} allows {pattern}: every action of {service}, {count} in the catalog ({groups})',
      uncovered:
        '{statement} allows {pattern}: every action of {service}, a service catalog {catalog} does not cover',
      mutating: '{statement} allows {pattern}, which expands to {count} actions ({groups})',
    },
    fixes: {
      everything:
        'grant system permissions or list the actions each group needs; keep *:*:* for the admin group',
      service: 'list the {service} actions needed instead[, for example {sample}]',
      uncovered: 'list the {service} actions needed instead of {pattern}',
      mutating: 'list the actions needed instead[, for example {sample}]',
    },
    identity: ['pattern'],
    securitySeverity: 8.0,
    examples: {
      format: 'json',
      invalid: `{
  "Version": "1.1",
  "Statement": [{ "Effect": "Allow", "Action": ["rds:*:*"] }]
}`,
      valid: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:*:list", "rds:backup:create"] },
    { "Effect": "Deny", "Action": ["rds:*:delete"] }
  ]
}`,
    },
  },
  options: noOptions,
  check({ catalog, document, report }) {
    for (const entry of actionEntries(document)) {
      if (entry.statement.effect !== 'Allow' || entry.key !== 'Action') continue;
      const found = classify(catalog, entry.pattern, document.version);
      if (!found) continue;
      const data = {
        ...found.data,
        statement: statementLabel(entry.statement),
        pattern: entry.pattern,
        catalog: catalog.describe(),
      };
      report({ messageId: found.messageId, path: entry.path, data });
    }
  },
});

interface Classified {
  messageId: string;
  data: Record<string, string | number>;
}

function classify(
  catalog: Catalog,
  pattern: string,
  version: PolicyVersion,
): Classified | undefined {
  if (isConcrete(pattern, version)) return undefined;
  const expanded = expandPattern(catalog, pattern, version);
  if (pattern === '*' || /^\*:\*:\*$/.test(pattern))
    return { messageId: 'everything', data: { count: expanded.length } };
  const service = patternService(pattern);
  const wholeService = service !== undefined && /^[^:]+:\*:\*$/.test(pattern);
  if (wholeService && !catalog.services.has(service))
    return { messageId: 'uncovered', data: { service } };
  const mutating = expanded.filter(isMutating);
  if (!wholeService && mutating.length === 0) return undefined;
  const groups = groupByAccess(expanded).map(([group, names]) => `${group} ${names.length}`);
  const sample = listText(mutating.map((a) => a.name).slice(0, 2), 2);
  const data = {
    service: service ?? '',
    count: expanded.length,
    groups: groups.join(', '),
    sample,
  };

  return { messageId: wholeService ? 'service' : 'mutating', data };
}
