/**
 * Requirements of the form "hold this system permission in this scope" (the RDS table's
 * "KMS Administrator on the project"). The requirement is met when every catalog action the
 * permission grants is allowed to the principal there — by holding the permission itself, or by
 * other grants that add up to the same. Holding it while a Deny removes part of it is not enough.
 */
import type { CatalogAction } from '../catalog/catalog.js';
import { PermgraphError } from '../errors.js';
import type { Permission } from '../model/types.js';
import type { Evaluator } from './evaluator.js';
import { checkDependencies, describeTarget, scopeCovers } from './grants.js';
import {
  combineDecisions,
  type Check,
  type NearMiss,
  type PrincipalRef,
  type Target,
} from './types.js';

/** Checks an action in a target; supplied by `can` so context building stays in one place. */
export type ActionChecker = (action: CatalogAction, target: Target) => Check;

/** Checks that a principal holds (the equivalent of) a system permission in a target. */
export function checkPermissionHeld(
  evaluator: Evaluator,
  principal: PrincipalRef,
  name: string,
  target: Target,
  checkAction: ActionChecker,
): Check {
  const system = evaluator.pg.catalog.findPermission(name);
  if (!system)
    throw new PermgraphError(
      'E_CATALOG',
      `the catalog's operation names unknown permission ${name}`,
    );
  const held = evaluator.grants.held(principal);
  const direct = held.filter(
    (h) =>
      h.grant.permission.name === system.name &&
      scopeCovers(h.grant.scope, target, new Map()) === 'true' &&
      checkDependencies(h.grant, held, target, new Map()).met,
  );
  const actions = grantedActions(evaluator, evaluator.pg.catalog.actions, system.name);
  const checks = actions.map((a) => checkAction(a, target));
  const decision =
    actions.length > 0
      ? combineDecisions(checks.map((c) => c.decision))
      : direct.length > 0
        ? 'allow'
        : 'implicit-deny';
  const notAllowed = checks.filter((c) => c.decision !== 'allow');
  return {
    requirement: { kind: 'permission', permission: system.name },
    scope: describeTarget(target),
    decision,
    because:
      decision === 'deny'
        ? notAllowed.flatMap((c) => (c.decision === 'deny' ? c.because : []))
        : [],
    nearMisses:
      decision === 'allow'
        ? []
        : uniqueNearMisses(notAllowed.flatMap((c) => c.nearMisses)).slice(0, 5),
    unknownKeys: [...new Set(notAllowed.flatMap((c) => c.unknownKeys))].sort(),
    notes: permissionNotes(
      direct.map((h) => h.path.map((s) => s.label).join(' → ')),
      actions.length,
      notAllowed,
      system.name,
    ),
  };
}

function uniqueNearMisses(misses: NearMiss[]): NearMiss[] {
  const seen = new Set<string>();
  return misses.filter((m) => !seen.has(m.message) && seen.add(m.message));
}

function permissionNotes(
  directPaths: string[],
  actionCount: number,
  notAllowed: Check[],
  name: string,
): string[] {
  const notes = directPaths.map((p) => `holds ${name}: ${p}`);
  if (actionCount > 0 && notAllowed.length === 0 && directPaths.length === 0) {
    notes.push(
      `does not hold ${name}, but other grants allow all ${actionCount} catalog actions it grants`,
    );
  }
  if (notAllowed.length > 0) {
    const names = notAllowed
      .map((c) => (c.requirement.kind === 'action' ? c.requirement.action : ''))
      .filter(Boolean);
    const shown = names.slice(0, 5).join(', ');
    notes.push(
      `${notAllowed.length} of ${actionCount} actions of ${name} are not allowed: ${shown}${names.length > 5 ? ', …' : ''}`,
    );
  }
  return notes;
}

const grantedCache = new WeakMap<Evaluator, Map<string, CatalogAction[]>>();

/** The catalog actions a permission's Allow statements grant (ignoring conditions). */
export function grantedActions(
  evaluator: Evaluator,
  actions: readonly CatalogAction[],
  name: string,
): CatalogAction[] {
  const perEvaluator = grantedCache.get(evaluator) ?? new Map<string, CatalogAction[]>();
  grantedCache.set(evaluator, perEvaluator);
  const cached = perEvaluator.get(name);
  if (cached) return cached;
  const system = evaluator.pg.catalog.findPermission(name);
  if (!system) return [];
  const permission: Permission = {
    name: system.name,
    origin: 'system',
    kind: system.kind,
    document: system.document,
    position: system.position,
  };
  const statements = evaluator
    .statementsOf(permission)
    .filter((s) => s.statement.effect === 'Allow');
  const found = actions.filter((action) =>
    statements.some(
      (s) =>
        evaluator.match(s, { action, context: new Map(), ignoreConditions: true }).actionMatched,
    ),
  );
  perEvaluator.set(name, found);
  return found;
}
