/**
 * Resolves what a query asks about — an action, or an operation with its variants — into the
 * requirements it stands for, each placed in its target (a project, or global services).
 * `who-can`, `what-can`, `fix` and the assertions read the same resolution `can` makes.
 */
import type { CatalogAction, SystemPermission } from '../catalog/catalog.js';
import { PermgraphError } from '../errors.js';
import { resolveProject, unknownTarget } from './can.js';
import type { Evaluator } from './evaluator.js';
import { describeTarget } from './grants.js';
import { looksLikePrivilege } from './dli.js';
import { expandOperation, splitOperationSpec } from './operation.js';
import type { QueryOptions, Requirement, Target } from './types.js';

/** One requirement of a query, resolved against the catalog and placed in its target. */
export type ResolvedRequirement =
  | { kind: 'action'; action: CatalogAction; target: Target; variant?: string; why?: string }
  | {
      kind: 'permission';
      permission: SystemPermission;
      target: Target;
      variant?: string;
      why?: string;
    };

/** A resolved query: what was asked, where, and every requirement it needs. */
export interface ResolvedQuery {
  kind: 'action' | 'operation';
  name: string;
  variants: string[];
  project?: string | undefined;
  requirements: ResolvedRequirement[];
}

/** Resolves an action name or an operation spec (`rds.instance.create+encrypted`). */
export function resolveQuery(
  evaluator: Evaluator,
  what: string,
  options: QueryOptions = {},
): ResolvedQuery {
  const { catalog } = evaluator.pg;
  const project = resolveProject(evaluator, options.project);
  const action = catalog.findAction(what);
  if (action) {
    const target = requireTarget(evaluator, action, project);
    const requirements: ResolvedRequirement[] = [{ kind: 'action', action, target }];
    return { kind: 'action', name: action.name, variants: [], project, requirements };
  }
  const { id, variants: inline } = splitOperationSpec(what);
  const operation = catalog.operations.get(id);
  if (!operation) throw unknownTarget(evaluator, what);
  const variants = [...inline, ...(options.variants ?? [])];
  const requirements = expandOperation(operation, variants).map(({ requirement, variant }) => {
    const resolved = resolveCatalogRequirement(evaluator, requirement, project);
    return withReason(resolved, variant, requirement.why);
  });
  return { kind: 'operation', name: operation.id, variants, project, requirements };
}

function withReason(
  requirement: ResolvedRequirement,
  variant: string | undefined,
  why: string | undefined,
): ResolvedRequirement {
  return {
    ...requirement,
    ...(variant === undefined ? {} : { variant }),
    ...(why === undefined ? {} : { why }),
  };
}

function resolveCatalogRequirement(
  evaluator: Evaluator,
  requirement: { action: string } | { permission: string; scope: 'project' | 'global' },
  project: string | undefined,
): ResolvedRequirement {
  const { catalog } = evaluator.pg;
  if ('action' in requirement) {
    const action = catalog.findAction(requirement.action);
    if (!action) {
      throw new PermgraphError(
        'E_CATALOG',
        `the catalog's operation names unknown action ${requirement.action}`,
      );
    }
    return { kind: 'action', action, target: requireTarget(evaluator, action, project) };
  }
  const permission = catalog.findPermission(requirement.permission);
  if (!permission) {
    throw new PermgraphError(
      'E_CATALOG',
      `the catalog's operation names unknown permission ${requirement.permission}`,
    );
  }
  if (requirement.scope === 'global') return { kind: 'permission', permission, target: global };
  if (project === undefined) {
    throw new PermgraphError(
      'E_USAGE',
      `${permission.name} is needed in a project: say which with --project`,
    );
  }
  return { kind: 'permission', permission, target: { kind: 'project', project } };
}

const global: Target = { kind: 'global' };

/** The target of an action, or a usage error when a project-level action has no project. */
export function requireTarget(
  evaluator: Evaluator,
  action: CatalogAction,
  project: string | undefined,
): Target {
  const target = evaluator.targetFor(action, project);
  if (target) return target;
  const names = evaluator.pg.model.projects.map((p) => p.name);
  throw new PermgraphError(
    'E_USAGE',
    `${action.name} is a project-level action: say in which project with --project`,
    { hint: `the model's projects: ${names.join(', ') || '(none declared)'}` },
  );
}

/** The requirement as checks and results name it. */
export function requirementOf(requirement: ResolvedRequirement): Requirement {
  return requirement.kind === 'action'
    ? { kind: 'action', action: requirement.action.name }
    : { kind: 'permission', permission: requirement.permission.name };
}

/** The requirement with the scope it is evaluated in, as results list it. */
export function describeRequirementScope(requirement: ResolvedRequirement): {
  requirement: Requirement;
  scope: string;
} {
  return { requirement: requirementOf(requirement), scope: describeTarget(requirement.target) };
}

/**
 * Whether a query names a DLI privilege rather than an action or operation, read the way `can`
 * reads it: an upper-case name (`SELECT`), or a name that is neither with `--on` an object.
 */
export function asksPrivilege(evaluator: Evaluator, what: string, options: QueryOptions): boolean {
  const { catalog } = evaluator.pg;
  if (looksLikePrivilege(what)) return true;
  return (
    options.on !== undefined &&
    !what.includes(':') &&
    !catalog.operations.has(splitOperationSpec(what).id)
  );
}
