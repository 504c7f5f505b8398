/** `policy/mixed-scope`: one custom policy with both global-service and project-level actions. */
import type { Catalog } from '../../../catalog/catalog.js';
import { listText } from '../../message.js';
import { documentRule, noOptions } from '../../rule.js';
import { patternService } from '../../actions.js';
import { actionEntries, type ActionEntry } from '../../statements.js';

type ScopeName = 'global' | 'project';

export const mixedScope = documentRule({
  meta: {
    id: 'policy/mixed-scope',
    level: 'error',
    category: 'scope',
    description: 'Reports Version 1.1 policies that mix global-service and project-level actions.',
    help:
      'Huawei does not allow one custom policy to mix actions of global services (IAM, BSS, ' +
      'TMS, …) with actions of project-level services (RDS, VPC, DLI, …): a policy is created ' +
      'either for global services (type AX) or for project-level services (type XA), and ' +
      'granted accordingly. Split it into two policies. The same check reports a policy ' +
      'whose declared type does not match its actions.',
    needs: 'document',
    messages: {
      mixed:
        'this policy mixes global-service actions ({globalServices}: {globalExample}) with project-level actions ({projectServices}: {projectExample})',
      'type-mismatch':
        'the policy is declared type {type} ({typeScope}) but {action} belongs to {service}, a {scope} service',
    },
    fixes: {
      mixed:
        'split it: a policy of type XA with the {projectServices} actions, granted on the projects, and a policy of type AX with the {globalServices} actions, granted on global services',
      'type-mismatch':
        'declare type {expectedType}, or move {service} actions into a separate policy',
    },
    identity: ['globalServices', 'projectServices', 'type', 'service'],
    examples: {
      format: 'json',
      invalid: `{
  "Version": "1.1",
  "Statement": [{
    "Effect": "Allow",
    "Action": ["rds:instance:create", "iam:agencies:listAgencies"]
  }]
}`,
      valid: `{
  "Version": "1.1",
  "Statement": [{ "Effect": "Allow", "Action": ["rds:instance:create", "vpc:vpcs:list"] }]
}`,
    },
  },
  options: noOptions,
  check({ catalog, document, policy, report }) {
    if (document.version !== '1.1') return;
    const scoped = scopedEntries(catalog, actionEntries(document));
    const global = scoped.filter((s) => s.scope === 'global');
    const project = scoped.filter((s) => s.scope === 'project');
    if (global.length > 0 && project.length > 0) {
      const second = (scoped[0]?.scope === 'global' ? project : global)[0] as Scoped;
      report({ messageId: 'mixed', path: second.entry.path, data: mixedData(global, project) });
      return;
    }
    const wrong = policy.type === 'AX' ? project[0] : policy.type === 'XA' ? global[0] : undefined;
    if (wrong)
      report({
        messageId: 'type-mismatch',
        path: wrong.entry.path,
        data: mismatchData(policy.type, wrong),
      });
  },
});

interface Scoped {
  entry: ActionEntry;
  service: string;
  scope: ScopeName;
}

function scopedEntries(catalog: Catalog, entries: readonly ActionEntry[]): Scoped[] {
  return entries.flatMap((entry) => {
    const service = patternService(entry.pattern);
    const scope = service === undefined ? undefined : catalog.serviceScope(service);
    return service && scope ? [{ entry, service, scope }] : [];
  });
}

function services(list: readonly Scoped[]): string {
  return listText([...new Set(list.map((s) => s.service))].sort());
}

function mixedData(global: readonly Scoped[], project: readonly Scoped[]): Record<string, string> {
  return {
    globalServices: services(global),
    projectServices: services(project),
    globalExample: global[0]?.entry.pattern ?? '',
    projectExample: project[0]?.entry.pattern ?? '',
  };
}

function mismatchData(type: string | undefined, wrong: Scoped): Record<string, string> {
  return {
    type: type ?? '',
    typeScope: type === 'AX' ? 'global services' : 'project-level services',
    action: wrong.entry.pattern,
    service: wrong.service,
    scope: wrong.scope === 'global' ? 'global' : 'project-level',
    expectedType: wrong.scope === 'global' ? 'AX' : 'XA',
  };
}
