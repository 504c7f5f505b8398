/**
 * `what-can`: the effective permission set of one principal — every catalog action it may do in
 * each project and on global services, grouped by service and access level, compressed back to
 * the patterns that grant it, with conditional and explicitly denied actions shown as such.
 */
import type { CatalogAction } from '../catalog/catalog.js';
import { accessLevels, type AccessLevel } from '../catalog/schema.js';
import { PermgraphError } from '../errors.js';
import { evaluateAction } from './action.js';
import { parsePrincipal, resolveProject } from './can.js';
import { compressActions } from './compress.js';
import { uncataloguedStatements, type UncataloguedStatement } from './diff-uncatalogued.js';
import { buildContext } from './context.js';
import type { Evaluator } from './evaluator.js';
import { describeTarget } from './grants.js';
import {
  formatPrincipal,
  type Check,
  type PrincipalRef,
  type QueryOptions,
  type Target,
} from './types.js';

/** A pattern (or a single action) and the actions it stands for. */
export interface WhatCanPattern {
  pattern: string;
  actions: string[];
  /** Actions of this level the pattern covers that are not allowed. */
  except: string[];
}

/** One access level of one service. */
export interface WhatCanLevel {
  access: AccessLevel;
  allowed: WhatCanPattern[];
  conditional: { action: string; unknownKeys: string[] }[];
  denied: { action: string; by: string[] }[];
}

/** One service in one scope. */
export interface WhatCanService {
  service: string;
  levels: WhatCanLevel[];
}

/** One project, or global services. */
export interface WhatCanScope {
  scope: string;
  services: WhatCanService[];
}

/** The answer to `what-can`. */
export interface WhatCanResult {
  catalog: { version: string; date: string };
  principal: string;
  scopes: WhatCanScope[];
  /**
   * Statements the principal holds about services the catalog does not cover: their actions are
   * unknown, so they are listed as written rather than evaluated.
   */
  uncatalogued: UncataloguedStatement[];
}

/** Options of `what-can`. */
export interface WhatCanOptions extends QueryOptions {
  service?: string | undefined;
}

/** Answers `what-can <principal>`: per project (or only `--project`), then global services. */
export function whatCan(
  evaluator: Evaluator,
  principalText: string,
  options: WhatCanOptions = {},
): WhatCanResult {
  const principal = parsePrincipal(evaluator, principalText);
  if (principal.kind === 'project') {
    throw new PermgraphError(
      'E_USAGE',
      `what-can lists the IAM access of users and groups; ${formatPrincipal(principal)} holds only DLI grants`,
      {
        hint: `ask about a DLI privilege: permgraph can ${principalText} SELECT --on databases.db1`,
      },
    );
  }
  const actions = actionsAsked(evaluator, options.service);
  const targets = targetsAsked(evaluator, options.project);
  const { info } = evaluator.pg.catalog;
  return {
    catalog: { version: info.version, date: info.date },
    principal: formatPrincipal(principal),
    scopes: targets.map((target) => scopeOf(evaluator, principal, target, actions, options)),
    uncatalogued: options.service === undefined ? uncataloguedStatements(evaluator, principal) : [],
  };
}

function actionsAsked(evaluator: Evaluator, service: string | undefined): readonly CatalogAction[] {
  const { catalog } = evaluator.pg;
  if (service === undefined) return catalog.actions;
  if (!catalog.services.has(service.toLowerCase())) {
    throw new PermgraphError('E_USAGE', `the catalog has no service "${service}"`, {
      hint: `known services: ${[...catalog.services.keys()].join(', ')}`,
    });
  }
  return catalog.actionsOf(service);
}

function targetsAsked(evaluator: Evaluator, project: string | undefined): Target[] {
  const projects =
    project === undefined
      ? evaluator.pg.model.projects.map((p) => p.name)
      : [resolveProject(evaluator, project) ?? project];
  return [...projects.map((p): Target => ({ kind: 'project', project: p })), { kind: 'global' }];
}

function scopeOf(
  evaluator: Evaluator,
  principal: PrincipalRef,
  target: Target,
  actions: readonly CatalogAction[],
  options: QueryOptions,
): WhatCanScope {
  const wanted = target.kind === 'global' ? 'global' : 'project';
  const inScope = actions.filter((a) => a.scope === wanted);
  const checks = new Map(
    inScope.map((a) => [a.name, check(evaluator, principal, a, target, options)]),
  );
  const services = [...new Set(inScope.map((a) => a.service))]
    .map((service) => serviceOf(evaluator, service, inScope, checks))
    .filter((s) => s.levels.length > 0);
  return { scope: describeTarget(target), services };
}

function check(
  evaluator: Evaluator,
  principal: PrincipalRef,
  action: CatalogAction,
  target: Target,
  options: QueryOptions,
): Check {
  const now = options.now ?? new Date();
  const context = buildContext(evaluator.pg.model, principal, action, target, options.context, now);
  return evaluateAction(evaluator, principal, {
    action,
    target,
    resource: options.resource,
    context,
  });
}

function serviceOf(
  evaluator: Evaluator,
  service: string,
  actions: readonly CatalogAction[],
  checks: Map<string, Check>,
): WhatCanService {
  const own = actions.filter((a) => a.service === service);
  const decided = (decision: string) =>
    own.filter((a) => checks.get(a.name)?.decision === decision);
  const allowed = decided('allow');
  const denied = decided('deny');
  const candidates = allowed.flatMap((a) =>
    (checks.get(a.name)?.because ?? []).flatMap((m) => (m.pattern ? [m.pattern] : [])),
  );
  const entries = compressActions({
    actions: allowed,
    universe: evaluator.pg.catalog.actionsOf(service),
    candidates,
    tolerated: new Set(denied.map((a) => a.name)),
  });
  const levels = accessLevels
    .map((access) => levelOf(access, entries, decided('conditional'), denied, checks))
    .filter((l) => l.allowed.length + l.conditional.length + l.denied.length > 0);
  return { service, levels };
}

function levelOf(
  access: AccessLevel,
  entries: ReturnType<typeof compressActions>,
  conditional: readonly CatalogAction[],
  denied: readonly CatalogAction[],
  checks: Map<string, Check>,
): WhatCanLevel {
  const allowed = entries
    .map((e) => ({
      pattern: e.pattern,
      actions: e.actions.filter((a) => a.access === access).map((a) => a.name),
      except: e.except.filter((a) => a.access === access).map((a) => a.name),
    }))
    .filter((e) => e.actions.length > 0);
  const atLevel = (list: readonly CatalogAction[]) => list.filter((a) => a.access === access);
  return {
    access,
    allowed,
    conditional: atLevel(conditional).map((a) => ({
      action: a.name,
      unknownKeys: checks.get(a.name)?.unknownKeys ?? [],
    })),
    denied: atLevel(denied).map((a) => ({ action: a.name, by: deniedBy(checks.get(a.name)) })),
  };
}

/** `rds-operator statement 2` for each Deny that decided. */
function deniedBy(check: Check | undefined): string[] {
  const labels = (check?.because ?? []).map((m) => {
    const statement = m.path.find((s) => s.kind === 'statement')?.label ?? '';
    return `${m.permission} ${statement.replace(/ \(Deny\)$/, '')}`.trim();
  });
  return [...new Set(labels)].sort();
}
