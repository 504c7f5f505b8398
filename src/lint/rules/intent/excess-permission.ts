/** `intent/excess-permission`: grants that allow more than the principal's intents need. */
import type { Catalog, CatalogAction } from '../../../catalog/catalog.js';
import type { HeldGrant } from '../../../engine/grants.js';
import { expandOperation, splitOperationSpec } from '../../../engine/operation.js';
import { describeScope, type Grant, type Holder, type Intent } from '../../../model/types.js';
import { documentActionSet, documentActions, groupByAccess } from '../../actions.js';
import { holderText, permissionActions, reachesGlobal } from '../../grants.js';
import { listText } from '../../message.js';
import { modelRule, noOptions, type ModelContext } from '../../rule.js';

export const excessPermission = modelRule({
  meta: {
    id: 'intent/excess-permission',
    level: 'security',
    category: 'least-privilege',
    description:
      'Flags grants that allow actions beyond what the principal’s intents need, riskiest first.',
    help:
      'For every principal with intents, permgraph gathers the actions its intended ' +
      'operations need (with their variants and the roles they name) and compares them with ' +
      'what each of its grants allows where the grant takes effect. What a grant allows ' +
      'beyond that is reported, grouped by access level with delete and permission ' +
      'management first. The fix names the narrowest system permission that still covers ' +
      'what the grant is needed for, or else the custom policy to use instead — split into a ' +
      'project-level policy (type XA) and a global one (type AX) when both kinds of action ' +
      'are needed. A role kept only as the Depends of another held role is not reported, nor ' +
      'the companion the catalog records for another held grant (BSS ServiceAgencyReadPolicy ' +
      'on global services beside RDS FullAccess on a project).',
    needs: 'model',
    messages: {
      excess:
        '{principal} holds {permission} on {scope}, which allows {count} actions its intents do not need: {groups}',
    },
    fixes: {
      excess: '{replacement}',
    },
    identity: ['principal', 'permission', 'scope'],
    securitySeverity: 6.5,
    examples: {
      format: 'yaml',
      invalid: `version: 1
projects: [{ name: cn-north-4 }]
users: [{ name: erin, groups: [dba] }]
groups:
  - name: dba
    grants: [{ permission: RDS FullAccess, scope: cn-north-4 }]
intents:
  - { principal: group:dba, project: cn-north-4, operations: [rds.instance.list] }`,
      valid: `version: 1
projects: [{ name: cn-north-4 }]
users: [{ name: erin, groups: [dba] }]
groups:
  - name: dba
    grants: [{ permission: list-instances, scope: cn-north-4 }]
policies:
  - name: list-instances
    document:
      Version: "1.1"
      Statement: [{ Effect: Allow, Action: ["rds:instance:list"] }]
intents:
  - { principal: group:dba, project: cn-north-4, operations: [rds.instance.list] }`,
    },
  },
  options: noOptions,
  check(context) {
    for (const [key, intents] of intentsByPrincipal(context.model.intents)) {
      const holder = intents[0]?.principal as Holder;
      const needed = neededActions(context.catalog, intents);
      if (!needed) continue;
      const held = context.evaluator.grants.held(holder);
      const projects = intentProjects(intents);
      for (const h of held) {
        // A grant on a project no intent works in is needed for nothing.
        const unused =
          h.grant.scope.kind === 'project' && projects?.has(h.grant.scope.project.name) === false;
        reportGrant(context, key, h, held, unused ? new Set<string>() : needed);
      }
    }
  },
});

/** The projects the intents name; undefined when one names none (any project may be meant). */
function intentProjects(intents: readonly Intent[]): Set<string> | undefined {
  if (intents.some((i) => i.project === undefined)) return undefined;

  return new Set(intents.map((i) => i.project?.name ?? ''));
}

function intentsByPrincipal(intents: readonly Intent[]): Map<string, Intent[]> {
  const byKey = new Map<string, Intent[]>();
  for (const intent of intents) {
    const key = holderText(intent.principal);
    byKey.set(key, [...(byKey.get(key) ?? []), intent]);
  }

  return byKey;
}

/**
 * The actions the intents need: each operation's requirements with its variants, the actions of
 * the roles they name, and intended actions. Undefined when an intent names something the
 * catalog does not know (intent/missing-permission reports it; excess would be a guess).
 */
function neededActions(catalog: Catalog, intents: readonly Intent[]): Set<string> | undefined {
  const needed = new Set<string>();
  for (const intent of intents) {
    for (const action of intent.actions) {
      const found = catalog.findAction(action);
      if (!found) return undefined;
      needed.add(found.name);
    }
    for (const spec of intent.operations) {
      const { id, variants } = splitOperationSpec(spec);
      const operation = catalog.operations.get(id);
      if (!operation || variants.some((v) => !Object.hasOwn(operation.variants, v)))
        return undefined;
      for (const { requirement } of expandOperation(operation, variants)) {
        if ('action' in requirement)
          needed.add(catalog.findAction(requirement.action)?.name ?? requirement.action);
        else for (const a of systemActions(catalog, requirement.permission)) needed.add(a.name);
      }
    }
  }

  return needed;
}

function systemActions(catalog: Catalog, name: string): CatalogAction[] {
  const system = catalog.findPermission(name);

  return system ? documentActions(catalog, system.document) : [];
}

/** The actions a grant gives where it takes effect: no global actions from a project grant. */
function effectiveActions(catalog: Catalog, grant: Grant): CatalogAction[] {
  const actions = permissionActions(catalog, grant.permission);
  if (grant.scope.kind === 'all') return actions;
  const global = reachesGlobal(grant.scope);

  return actions.filter((a) => (a.scope === 'global') === global);
}

function reportGrant(
  context: ModelContext<unknown>,
  principal: string,
  h: HeldGrant,
  held: readonly HeldGrant[],
  needed: ReadonlySet<string>,
): void {
  const { catalog } = context;
  const { grant } = h;
  if (isDependencyOfHeldRole(grant, held) || isCompanionOfHeldGrant(grant, held)) return;
  const actions = effectiveActions(catalog, grant);
  const excess = actions.filter((a) => !needed.has(a.name));
  if (excess.length === 0) return;
  const used = actions.filter((a) => needed.has(a.name));
  const groups = groupByAccess(excess).map(
    ([group, names]) => `${group} ${names.length} (${listText(names, 3)})`,
  );
  const data = {
    principal,
    permission: grant.permission.name,
    scope: describeScope(grant.scope),
    count: excess.length,
    groups: groups.join('; '),
    replacement: replacement(catalog, grant, actions, used),
  };
  const flow = h.path.map((s) => ({ message: s.label, position: s.position }));
  context.report({ messageId: 'excess', position: grant.position, target: principal, data, flow });
}

/** Tenant Guest kept for RDS Administrator: removing it would break the role. */
function isDependencyOfHeldRole(grant: Grant, held: readonly HeldGrant[]): boolean {
  const name = grant.permission.name.toLowerCase();

  return held.some((h) =>
    h.grant.permission.document.depends.some((d) => d.display_name.toLowerCase() === name),
  );
}

/**
 * Whether the grant is the companion the catalog records for another held grant (`BSS
 * ServiceAgencyReadPolicy` on global services beside `RDS FullAccess` on a project): that
 * grant needs it to work as a whole, and `grant/global-actions-in-project-scope` asks for it,
 * so reporting it here would ask for its removal and its return in turn.
 */
function isCompanionOfHeldGrant(grant: Grant, held: readonly HeldGrant[]): boolean {
  const name = grant.permission.name.toLowerCase();

  return held.some(
    (h) =>
      h.grant.scope.kind === 'project' &&
      (h.grant.permission.system?.companions ?? []).some(
        (c) =>
          c.permission.toLowerCase() === name &&
          (grant.scope.kind === 'all' || grant.scope.kind === c.scope),
      ),
  );
}

/** The narrowest system permission covering what is used, or the custom policies to write. */
function replacement(
  catalog: Catalog,
  grant: Grant,
  actions: readonly CatalogAction[],
  used: readonly CatalogAction[],
): string {
  const where = describeScope(grant.scope);
  if (used.length === 0)
    return `remove this grant: the intents need none of what it allows ${grant.scope.kind === 'all' ? 'anywhere' : `on ${where}`}`;
  const narrower = narrowestSystemPermission(catalog, used, actions.length);
  if (narrower)
    return `grant ${narrower} on ${where} instead, which allows what the intents use and less`;
  const names = (list: readonly CatalogAction[]): string => list.map((a) => a.name).join(', ');
  const project = used.filter((a) => a.scope === 'project');
  const global = used.filter((a) => a.scope === 'global');
  const projectScope = grant.scope.kind === 'all' ? 'the intent projects' : where;
  const parts = [];
  if (project.length > 0)
    parts.push(`a custom policy (type XA) allowing ${names(project)}, granted on ${projectScope}`);
  if (global.length > 0)
    parts.push(`a custom policy (type AX) allowing ${names(global)}, granted on global services`);

  return `replace it with ${parts.join(', and ')}`;
}

function narrowestSystemPermission(
  catalog: Catalog,
  used: readonly CatalogAction[],
  currentCount: number,
): string | undefined {
  let best: { name: string; count: number } | undefined;
  for (const system of catalog.permissions.values()) {
    if (system.document.depends.length > 0) continue;
    const given = documentActionSet(catalog, system.document);
    if (given.size >= currentCount || !used.every((a) => given.has(a))) continue;
    if (!best || given.size < best.count || (given.size === best.count && system.name < best.name))
      best = { name: system.name, count: given.size };
  }

  return best?.name;
}
