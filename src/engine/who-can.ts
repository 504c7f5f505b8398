/**
 * `who-can`: every principal that may do an action, an operation or a DLI privilege, allowed
 * and conditional apart, each with its shortest explanation path. Each requirement is answered
 * by walking back from the statements that match it (`who-can-action.ts`); an operation keeps
 * the principals every requirement allows. A DLI privilege, which `can` asks on its own rather
 * than as part of an operation, is answered from its grants (`who-can-privilege.ts`).
 */
import { grantedActions } from './permission.js';
import { resolveProject } from './can.js';
import {
  describeRequirementScope,
  asksPrivilege,
  requireTarget,
  resolveQuery,
  type ResolvedQuery,
  type ResolvedRequirement,
} from './request.js';
import { PermgraphError } from '../errors.js';
import { checkDependencies, scopeCovers } from './grants.js';
import { holderIndex } from './holders.js';
import type { Evaluator } from './evaluator.js';
import { whoCanPrivilege } from './who-can-privilege.js';
import {
  comparePaths,
  whoCanAction,
  type PrincipalAnswer,
  type PrincipalKind,
} from './who-can-action.js';
import { combineDecisions, type PathStep, type QueryOptions, type Requirement } from './types.js';

/** Why one requirement is met for a principal: the shortest path. */
export interface WhoCanReason {
  requirement: Requirement;
  scope: string;
  path: PathStep[];
}

/** One principal in a `who-can` answer. */
export interface WhoCanEntry {
  principal: string;
  decision: 'allow' | 'conditional';
  /** For conditional entries: the condition keys that would settle it. */
  unknownKeys: string[];
  because: WhoCanReason[];
}

/** The answer to `who-can`. */
export interface WhoCanResult {
  catalog: { version: string; date: string };
  request: {
    kind: 'action' | 'operation' | 'privilege';
    name: string;
    variants: string[];
    project?: string | undefined;
    /** The DLI object of a privilege query. */
    on?: string | undefined;
    context: Record<string, string[] | null>;
  };
  /** `users` lists users and, for a DLI privilege, the projects it is granted to. */
  principals: 'users' | 'groups';
  requirements: { requirement: Requirement; scope: string }[];
  allowed: WhoCanEntry[];
  conditional: WhoCanEntry[];
}

/** Options of `who-can`: the query's, plus which principals to list. */
export interface WhoCanOptions extends QueryOptions {
  groups?: boolean | undefined;
}

/** Answers `who-can <action|operation>`. */
export function whoCan(
  evaluator: Evaluator,
  what: string,
  options: WhoCanOptions = {},
): WhoCanResult {
  const kind: PrincipalKind = options.groups ? 'group' : 'user';
  if (asksPrivilege(evaluator, what, options))
    return whoCanHoldPrivilege(evaluator, what, options, kind);
  const query = resolveQuery(evaluator, what, options);
  const answers = query.requirements.map((r) => solveRequirement(evaluator, r, options, kind));
  const entries = intersect(query, answers);
  const { info } = evaluator.pg.catalog;
  return {
    catalog: { version: info.version, date: info.date },
    request: requestOf(query, options),
    principals: options.groups ? 'groups' : 'users',
    requirements: query.requirements.map(describeRequirementScope),
    allowed: entries.filter((e) => e.decision === 'allow'),
    conditional: entries.filter((e) => e.decision === 'conditional'),
  };
}

/** A DLI privilege: one requirement, answered by `whoCanPrivilege`. */
function whoCanHoldPrivilege(
  evaluator: Evaluator,
  what: string,
  options: WhoCanOptions,
  kind: PrincipalKind,
): WhoCanResult {
  const project = resolveProject(evaluator, options.project);
  const { request, scope, answers } = whoCanPrivilege(evaluator, what, project, options, kind);
  const requirement: Requirement = {
    kind: 'privilege',
    privilege: request.privilege,
    object: request.path,
  };
  const entries: WhoCanEntry[] = [...answers.entries()]
    .map(([key, answer]) => ({
      principal: key,
      decision: answer.decision as 'allow' | 'conditional',
      unknownKeys: answer.unknownKeys,
      because: [{ requirement, scope, path: answer.path }],
    }))
    .sort((a, b) => comparePrincipals(a.principal, b.principal));
  const { info } = evaluator.pg.catalog;
  return {
    catalog: { version: info.version, date: info.date },
    request: {
      kind: 'privilege',
      name: request.privilege,
      variants: [],
      project,
      on: request.path,
      context: options.context ?? {},
    },
    principals: options.groups ? 'groups' : 'users',
    requirements: [{ requirement, scope }],
    allowed: entries.filter((e) => e.decision === 'allow'),
    conditional: entries.filter((e) => e.decision === 'conditional'),
  };
}

function requestOf(query: ResolvedQuery, options: QueryOptions): WhoCanResult['request'] {
  const { kind, name, variants, project } = query;
  return { kind, name, variants, project, context: options.context ?? {} };
}

type Answers = Map<string, PrincipalAnswer>;
type Solver<K extends ResolvedRequirement['kind']> = (
  evaluator: Evaluator,
  requirement: Extract<ResolvedRequirement, { kind: K }>,
  options: QueryOptions,
  kind: PrincipalKind,
) => Answers;

/**
 * How each kind of operation requirement is answered in reverse. A new kind of requirement in
 * `ResolvedRequirement` makes this table stop compiling until it says how.
 */
const solvers: { [K in ResolvedRequirement['kind']]: Solver<K> } = {
  action: (evaluator, requirement, options, kind) =>
    whoCanAction(evaluator, reverseRequest(requirement.action, requirement.target, options), kind),
  permission: solvePermission,
};

/** Every principal of `kind` for whom one resolved requirement is met (or conditional). */
export function solveRequirement(
  evaluator: Evaluator,
  requirement: ResolvedRequirement,
  options: QueryOptions,
  kind: PrincipalKind,
): Answers {
  const solver = solvers[requirement.kind] as Solver<ResolvedRequirement['kind']>;
  return solver(evaluator, requirement, options, kind);
}

function reverseRequest(
  action: Extract<ResolvedRequirement, { kind: 'action' }>['action'],
  target: ResolvedRequirement['target'],
  options: QueryOptions,
) {
  const now = options.now ?? new Date();
  return { action, target, resource: options.resource, context: options.context, now };
}

/**
 * "Hold this system permission here" is met when every catalog action it grants is allowed
 * (as `can` decides it), so the answer is the intersection over those actions; a permission
 * that grants no catalog action is met by holding it.
 */
function solvePermission(
  evaluator: Evaluator,
  requirement: Extract<ResolvedRequirement, { kind: 'permission' }>,
  options: QueryOptions,
  kind: PrincipalKind,
): Answers {
  const { permission, target } = requirement;
  const actions = grantedActions(evaluator, evaluator.pg.catalog.actions, permission.name);
  if (actions.length === 0) return directHolders(evaluator, requirement, kind);
  // Each action is asked where `can` asks it: a global-service action on global services, a
  // project-level one in the requirement's project (or the query's, for a global requirement).
  const project =
    target.kind === 'project' ? target.project : resolveProject(evaluator, options.project);
  const perAction = actions.map((a) =>
    whoCanAction(evaluator, reverseRequest(a, requireTarget(evaluator, a, project), options), kind),
  );
  const holders = directHolders(evaluator, requirement, kind);
  const combined = combineAnswers(perAction);
  for (const [key, answer] of combined) {
    const held = holders.get(key);
    if (held) combined.set(key, { ...answer, path: held.path });
  }
  return combined;
}

/** Principals holding the permission itself at a scope covering the target, Depends met. */
function directHolders(
  evaluator: Evaluator,
  requirement: Extract<ResolvedRequirement, { kind: 'permission' }>,
  kind: PrincipalKind,
): Answers {
  const index = holderIndex(evaluator.pg);
  const entry = index
    .grantedPermissions()
    .find((p) => p.permission.name === requirement.permission.name);
  const answers: Answers = new Map();
  const grants = (entry?.grants ?? []).filter(
    (g) => scopeCovers(g.scope, requirement.target, new Map()) === 'true',
  );
  for (const grant of grants) {
    for (const holding of index.holders(grant)) {
      if (holding.principal.kind !== kind || answers.has(holding.key)) continue;
      const held = evaluator.grants.held(holding.principal);
      if (!checkDependencies(grant, held, requirement.target, new Map()).met) continue;
      answers.set(holding.key, {
        principal: holding.principal,
        decision: 'allow',
        unknownKeys: [],
        path: holding.path,
      });
    }
  }
  return answers;
}

/** Principals present in every answer set, with the combined decision (first path kept). */
function combineAnswers(sets: readonly Answers[]): Answers {
  const [first, ...rest] = sets;
  const combined: Answers = new Map();
  for (const [key, answer] of first ?? []) {
    const others = rest.map((s) => s.get(key));
    if (others.some((o) => o === undefined)) continue;
    const all = [answer, ...(others as PrincipalAnswer[])];
    const decision = combineDecisions(all.map((a) => a.decision));
    const unknownKeys = [...new Set(all.flatMap((a) => a.unknownKeys))].sort();
    combined.set(key, { ...answer, decision, unknownKeys });
  }
  return combined;
}

function intersect(query: ResolvedQuery, answers: readonly Answers[]): WhoCanEntry[] {
  const [first] = answers;
  const entries: WhoCanEntry[] = [];
  for (const key of first?.keys() ?? []) {
    const all = answers.map((a) => a.get(key));
    if (all.some((a) => a === undefined)) continue;
    const found = all as PrincipalAnswer[];
    const decision = combineDecisions(found.map((a) => a.decision));
    if (decision !== 'allow' && decision !== 'conditional') continue;
    entries.push({
      principal: key,
      decision,
      unknownKeys: [...new Set(found.flatMap((a) => a.unknownKeys))].sort(),
      because: found.map((a, i) => reasonOf(query.requirements[i], a.path)),
    });
  }
  return entries.sort((a, b) => comparePrincipals(a.principal, b.principal));
}

function reasonOf(requirement: ResolvedRequirement | undefined, path: PathStep[]): WhoCanReason {
  if (!requirement) throw new PermgraphError('E_USAGE', 'a requirement without an answer');
  return { ...describeRequirementScope(requirement), path };
}

/** Sorts `user:alice` before `user:bob`; names compare as text, deterministically. */
export function comparePrincipals(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export { comparePaths };
