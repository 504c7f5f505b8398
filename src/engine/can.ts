/**
 * `can`: may this principal do this action, operation or DLI privilege? Returns every check
 * with its explanation, what is missing, and what denies.
 */
import type { CatalogAction, CatalogOperation } from '../catalog/catalog.js';
import type { Requirement as CatalogRequirement } from '../catalog/schema.js';
import { suggest } from '../catalog/catalog.js';
import { PermgraphError } from '../errors.js';
import { findByNameOrId } from '../model/resolve.js';
import { evaluateAction } from './action.js';
import { buildContext } from './context.js';
import type { Evaluator } from './evaluator.js';
import { describeTarget } from './grants.js';
import { checkPrivilege, looksLikePrivilege, parsePrivilegeRequest } from './dli.js';
import { expandOperation, splitOperationSpec } from './operation.js';
import { checkPermissionHeld } from './permission.js';
import {
  combineDecisions,
  formatPrincipal,
  type CanResult,
  type Check,
  type Missing,
  type PrincipalRef,
  type QueryOptions,
  type Target,
} from './types.js';

/** Parses `alice`, `user:alice`, `group:dba` or `project:<id>` and checks it exists. */
export function parsePrincipal(evaluator: Evaluator, text: string): PrincipalRef {
  const { model } = evaluator.pg;
  const at = text.indexOf(':');
  const kind = at < 0 ? 'user' : text.slice(0, at);
  const name = at < 0 ? text : text.slice(at + 1);
  if (kind === 'project') {
    if (!/^[A-Za-z0-9]{1,64}$/.test(name)) {
      throw new PermgraphError('E_USAGE', `"${text}" is not a project principal`, {
        hint: 'write project:<id>, the 32-character id of the project granted DLI data',
      });
    }
    return { kind: 'project', id: name };
  }
  if (kind === 'user' && model.users.has(name)) return { kind: 'user', name };
  if (kind === 'group' && model.groups.has(name)) return { kind: 'group', name };
  if (kind !== 'user' && kind !== 'group') {
    throw new PermgraphError('E_USAGE', `unknown principal kind "${kind}" in "${text}"`, {
      hint: 'write alice, user:alice, group:dba or project:<id>',
    });
  }
  const names = kind === 'user' ? [...model.users.keys()] : [...model.groups.keys()];
  const near = nearest(name, names);
  throw new PermgraphError(
    'E_UNKNOWN_PRINCIPAL',
    `unknown ${kind} "${name}" in model ${model.files.join(', ')}`,
    {
      hint: near
        ? `did you mean "${kind}:${near}"?`
        : `known ${kind}s: ${names.slice(0, 10).join(', ') || '(none)'}`,
    },
  );
}

function nearest(name: string, names: string[]): string | undefined {
  return names.find((n) => n.toLowerCase() === name.toLowerCase()) ?? suggest(name, names);
}

/** Answers `can <principal> <action|operation>`. */
export function can(
  evaluator: Evaluator,
  principalText: string,
  what: string,
  options: QueryOptions = {},
): CanResult {
  const principal = parsePrincipal(evaluator, principalText);
  const asPrivilege =
    looksLikePrivilege(what) ||
    (options.on !== undefined &&
      !what.includes(':') &&
      !evaluator.pg.catalog.operations.has(splitOperationSpec(what).id));
  if (asPrivilege) return canPrivilege(evaluator, principal, what, options);
  if (principal.kind === 'project') {
    throw new PermgraphError(
      'E_USAGE',
      `${formatPrincipal(principal)} is a DLI project grantee: ask it about a DLI privilege (SELECT --on databases.db1), not ${what}`,
    );
  }
  const { catalog } = evaluator.pg;
  const action = catalog.findAction(what);
  if (action) return canAction(evaluator, principal, action, options);
  const { id, variants } = splitOperationSpec(what);
  const operation = catalog.operations.get(id);
  if (operation)
    return canOperation(
      evaluator,
      principal,
      operation,
      [...variants, ...(options.variants ?? [])],
      options,
    );
  throw unknownTarget(evaluator, what);
}

function canPrivilege(
  evaluator: Evaluator,
  principal: PrincipalRef,
  privilege: string,
  options: QueryOptions,
): CanResult {
  const project = resolveProject(evaluator, options.project);
  const request = parsePrivilegeRequest(evaluator, privilege, options.on, project);
  const check = checkPrivilege(evaluator, principal, request, options, project);
  return result(
    evaluator,
    principal,
    { kind: 'privilege', name: request.privilege, variants: [] },
    [check],
    { ...options, on: request.path },
    project,
  );
}

/** The usage error for a name that is neither a catalog action nor an operation. */
export function unknownTarget(evaluator: Evaluator, what: string): PermgraphError {
  const { catalog } = evaluator.pg;
  const looksLikeAction = what.includes(':');
  const near = looksLikeAction
    ? catalog.suggestAction(what)
    : catalog.suggestOperation(splitOperationSpec(what).id);
  const service = looksLikeAction ? what.split(':')[0]?.toLowerCase() : undefined;
  const uncovered = service !== undefined && !catalog.services.has(service);
  const hint = near
    ? `did you mean "${near}"?`
    : uncovered
      ? `catalog ${catalog.describe()} does not cover service "${service}"; add it with --catalog DIR`
      : 'run `permgraph catalog` to list actions and operations';
  const kind = looksLikeAction ? 'action' : 'operation';
  return new PermgraphError(
    'E_UNKNOWN_ACTION',
    `unknown ${kind} "${what}" (catalog ${catalog.describe()})`,
    { hint },
  );
}

/** The project a request is evaluated in: `--project` (name or id), or the model's only one. */
export function resolveProject(
  evaluator: Evaluator,
  project: string | undefined,
): string | undefined {
  const { projects } = evaluator.pg.model;
  if (project === undefined) return projects.length === 1 ? projects[0]?.name : undefined;
  const found = findByNameOrId(projects, project);
  if (found) return found.name;
  throw new PermgraphError('E_USAGE', `unknown project "${project}"`, {
    hint: `the model's projects: ${projects.map((p) => p.name).join(', ') || '(none)'}`,
  });
}

function requireTarget(
  evaluator: Evaluator,
  action: CatalogAction,
  project: string | undefined,
): Target {
  const target = evaluator.targetFor(action, project);
  if (target) return target;
  const { projects } = evaluator.pg.model;
  throw new PermgraphError(
    'E_USAGE',
    `${action.name} is a project-level action: say in which project with --project`,
    {
      hint: `the model's projects: ${projects.map((p) => p.name).join(', ') || '(none declared)'}`,
    },
  );
}

function checkAction(
  evaluator: Evaluator,
  principal: PrincipalRef,
  action: CatalogAction,
  options: QueryOptions,
  project: string | undefined,
): Check {
  const target = requireTarget(evaluator, action, project);
  const context = buildContext(
    evaluator.pg.model,
    principal,
    action,
    target,
    options.context,
    options.now ?? new Date(),
  );
  return evaluateAction(evaluator, principal, {
    action,
    target,
    resource: options.resource,
    context,
  });
}

function canAction(
  evaluator: Evaluator,
  principal: PrincipalRef,
  action: CatalogAction,
  options: QueryOptions,
): CanResult {
  const project = resolveProject(evaluator, options.project);
  const check = checkAction(evaluator, principal, action, options, project);
  return result(
    evaluator,
    principal,
    { kind: 'action', name: action.name, variants: [] },
    [check],
    options,
    project,
  );
}

function canOperation(
  evaluator: Evaluator,
  principal: PrincipalRef,
  operation: CatalogOperation,
  variants: string[],
  options: QueryOptions,
): CanResult {
  const project = resolveProject(evaluator, options.project);
  const checks = expandOperation(operation, variants).map(({ requirement, variant }) => {
    const check = checkRequirement(evaluator, principal, requirement, options, project);
    return { ...check, variant, why: requirement.why };
  });
  return result(
    evaluator,
    principal,
    { kind: 'operation', name: operation.id, variants },
    checks,
    options,
    project,
  );
}

function checkRequirement(
  evaluator: Evaluator,
  principal: PrincipalRef,
  requirement: CatalogRequirement,
  options: QueryOptions,
  project: string | undefined,
): Check {
  const { catalog } = evaluator.pg;
  if ('action' in requirement) {
    const action = catalog.findAction(requirement.action);
    if (!action)
      throw new PermgraphError(
        'E_CATALOG',
        `the catalog's operation names unknown action ${requirement.action}`,
      );
    return checkAction(evaluator, principal, action, options, project);
  }
  const target: Target | undefined =
    requirement.scope === 'global'
      ? { kind: 'global' }
      : project === undefined
        ? undefined
        : { kind: 'project', project };
  if (!target) {
    throw new PermgraphError(
      'E_USAGE',
      `${requirement.permission} is needed in a project: say which with --project`,
    );
  }
  return checkPermissionHeld(evaluator, principal, requirement.permission, target, (action, t) =>
    checkAction(evaluator, principal, action, options, t.kind === 'project' ? t.project : project),
  );
}

function result(
  evaluator: Evaluator,
  principal: PrincipalRef,
  request: { kind: 'action' | 'operation' | 'privilege'; name: string; variants: string[] },
  checks: Check[],
  options: QueryOptions,
  project: string | undefined,
): CanResult {
  const decision = combineDecisions(checks.map((c) => c.decision));
  const { info } = evaluator.pg.catalog;
  return {
    catalog: { version: info.version, date: info.date },
    principal: formatPrincipal(principal),
    request: {
      ...request,
      project,
      context: options.context ?? {},
      ...(options.on ? { on: options.on } : options.resource ? { on: options.resource } : {}),
    },
    decision,
    allowed: decision === 'allow',
    checks,
    missing: missingOf(checks),
    deniedBy: checks.flatMap((c) => (c.decision === 'deny' ? c.because : [])),
  };
}

/**
 * The requirements not granted at all (implicit denies). Explicit denies are reported under
 * `deniedBy`, conditional ones with the keys that would settle them.
 */
export function missingOf(checks: readonly Check[]): Missing[] {
  return checks
    .filter((c) => c.decision === 'implicit-deny')
    .map((c) => ({ requirement: c.requirement, scope: c.scope, why: c.why, variant: c.variant }));
}

export { describeTarget };
