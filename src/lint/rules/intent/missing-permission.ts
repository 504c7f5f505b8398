/** `intent/missing-permission`: an intended operation the principal is not allowed to do. */
import type { Catalog } from '../../../catalog/catalog.js';
import type { Check, Missing } from '../../../engine/types.js';
import type { FindingLocation } from '../../types.js';
import { listText } from '../../message.js';
import { modelRule, noOptions } from '../../rule.js';
import { intentChecks, type IntentCheck } from '../../intents.js';

export const missingPermission = modelRule({
  meta: {
    id: 'intent/missing-permission',
    level: 'error',
    category: 'dependency',
    description:
      'Reports intended operations the principal cannot perform, with every missing action or role and the grant that fixes it.',
    help:
      'An intent says what a principal is meant to do (`intents:` in the model). Each intended ' +
      'operation is evaluated with all the permissions it needs, as the RDS permission ' +
      'tables list them: the VPC lookups of console creation, KMS Administrator in the same ' +
      'project for encryption, bss:order:update and bss:order:pay for prepaid billing, the ' +
      'IAM agency actions and Security Administrator for storage autoscaling. The finding ' +
      'lists each requirement that is not granted, where and why it is needed, and the ' +
      'smallest grant that adds it: the system role the operation names, or a custom policy ' +
      'of exactly the missing actions on the intent project (project-level actions) or on ' +
      'global services (global-service actions) — never a wildcard. An explicit Deny is ' +
      'reported with the statement that denies.',
    needs: 'model',
    messages: {
      missing: '{principal} cannot {what}[ in project {project}]: {missing}',
      denied: '{principal} cannot {what}[ in project {project}]: denied by {deniedBy}',
      unchecked: 'cannot evaluate {what} for {principal}: {error}',
    },
    fixes: {
      missing: '{grant}',
      denied: 'narrow the Deny in {deniedBy}, or change the intent',
      unchecked: 'correct the intent: name a catalog operation or action and a project',
    },
    identity: ['principal', 'what', 'project'],
    examples: {
      format: 'yaml',
      invalid: `version: 1
projects: [{ name: cn-north-1 }]
users: [{ name: alice, groups: [dba] }]
groups:
  - name: dba
    grants: [{ permission: RDS FullAccess, scope: cn-north-1 }]
intents:
  - { principal: group:dba, project: cn-north-1, operations: [rds.instance.create+encrypted] }`,
      valid: `version: 1
projects: [{ name: cn-north-1 }]
users: [{ name: alice, groups: [dba] }]
groups:
  - name: dba
    grants:
      - { permission: RDS FullAccess, scope: cn-north-1 }
      - { permission: KMS Administrator, scope: cn-north-1 }
intents:
  - { principal: group:dba, project: cn-north-1, operations: [rds.instance.create+encrypted] }`,
    },
  },
  options: noOptions,
  check(context) {
    const { catalog, report } = context;
    for (const check of intentChecks(context)) {
      const base = { principal: check.principal, what: check.what, project: check.project ?? '' };
      const target = check.principal;
      if (check.error !== undefined) {
        const data = { ...base, error: check.error };
        report({ messageId: 'unchecked', position: check.position, target, data });
        continue;
      }
      const result = check.result;
      if (!result || result.decision === 'allow' || result.decision === 'conditional') continue;
      if (result.decision === 'deny') {
        const deniedBy = listText(
          [
            ...new Set(
              result.deniedBy.map(
                (m) =>
                  `${m.permission} (${m.path.find((step) => step.kind === 'statement')?.label ?? 'a Deny'})`,
              ),
            ),
          ],
          3,
        );
        const flow = result.deniedBy[0]?.path.map((s) => ({
          message: s.label,
          position: s.position,
        }));
        report({
          messageId: 'denied',
          position: check.position,
          target,
          data: { ...base, deniedBy },
          flow,
        });
        continue;
      }
      const data = {
        ...base,
        missing: missingText(result.missing),
        grant: fixText(catalog, check),
      };
      report({
        messageId: 'missing',
        position: check.position,
        target,
        data,
        flow: flowOf(result.checks),
      });
    }
  },
});

/**
 * `bss:order:update and bss:order:pay (global services; prepaid: …); role KMS Administrator
 * (project cn-north-1; encrypted: …)`: requirements with the same scope and reason together.
 */
function missingText(missing: readonly Missing[]): string {
  const groups = new Map<string, string[]>();
  for (const m of missing) {
    const why = [m.variant, m.why?.replace(/\.$/, '')].filter(Boolean).join(': ');
    const key = `${m.scope}${why ? `; ${why}` : ''}`;
    groups.set(key, [...(groups.get(key) ?? []), describeMissing(m)]);
  }
  const items = [...groups].map(([key, names]) => `${listText(names, 12)} (${key})`);

  return `missing ${items.join('; ')}`;
}

function describeMissing(missing: Missing): string {
  const r = missing.requirement;
  if (r.kind === 'permission') return `role ${r.permission}`;
  if (r.kind === 'privilege') return `${r.privilege} on ${r.object}`;

  return r.action;
}

/**
 * The smallest grant that adds what is missing: each missing role on its scope, and the missing
 * actions as custom policies of exactly those actions, project-level and global apart.
 */
function fixText(catalog: Catalog, check: IntentCheck): string {
  const missing = check.result?.missing ?? [];
  const to = check.principal;
  const where = check.project ?? 'the project';
  const parts: string[] = [];
  for (const m of missing) {
    if (m.requirement.kind !== 'permission') continue;
    const scope = m.scope === 'global services' ? 'global services' : where;
    parts.push(`grant ${m.requirement.permission} to ${to} on ${scope}`);
  }
  const actions = missing.flatMap((m) =>
    m.requirement.kind === 'action' ? [m.requirement.action] : [],
  );
  const global = actions.filter((a) => catalog.findAction(a)?.scope === 'global');
  const project = actions.filter((a) => !global.includes(a));
  if (project.length > 0)
    parts.push(`grant ${to} a custom policy (type XA) allowing ${project.join(', ')} on ${where}`);
  if (global.length > 0)
    parts.push(
      `grant ${to} a custom policy (type AX) allowing ${global.join(', ')} on global services`,
    );

  return parts.join('; and ');
}

/** The explanation of the first unmet requirement that has one: why a grant did not apply. */
function flowOf(checks: readonly Check[]): FindingLocation[] | undefined {
  for (const c of checks) {
    if (c.decision === 'allow') continue;
    const miss = c.nearMisses[0];
    if (!miss) continue;
    return [
      ...miss.path.map((s) => ({ message: s.label, position: s.position })),
      { message: miss.message },
    ];
  }

  return undefined;
}
