/**
 * The benchmark's fixed query mix: for a generated account, a seeded set of `can` questions
 * sorted by what permgraph answers — allowed, explicitly denied, implicitly denied (each with the
 * MFA state known, so a peer can answer the same question), conditional (MFA state unknown) — and
 * RDS operations with variants. The actions are drawn mostly from what the principal's own grants
 * name, so denies and conditions are not drowned by unrelated actions.
 */
import type { CatalogAction } from '../catalog/catalog.js';
import { can } from '../engine/can.js';
import type { Evaluator } from '../engine/evaluator.js';
import type { Decision, QueryOptions } from '../engine/types.js';
import { compileActionPattern, matchAction } from '../policy/pattern.js';
import { seededRandom, type Random } from './random.js';

/** One question of the mix. */
export interface BenchQuery {
  kind: 'action' | 'operation' | 'privilege';
  principal: string;
  /** An action name, or an operation id with `+variant`s. */
  what: string;
  /** DLI privileges: the object (`databases.db1.tables.t1`). */
  on?: string | undefined;
  /** The project name, or undefined for a global-service action. */
  project: string | undefined;
  /** `g:MFAPresent`, when the question states it. */
  mfa: boolean | undefined;
  /** What permgraph answered when the mix was drawn. */
  decision: Decision;
}

/** How many questions of each kind to draw. */
export interface MixSize {
  perDecision: number;
  operations: number;
  privileges?: number;
}

const decisions: readonly Decision[] = ['allow', 'deny', 'implicit-deny', 'conditional'];

/** The context option of a question. */
export function contextOf(query: BenchQuery): Record<string, string[]> | undefined {
  return query.mfa === undefined ? undefined : { 'g:MFAPresent': [String(query.mfa)] };
}

/** Draws the mix; gives up on a decision after `perDecision × 200` tries. */
export function queryMix(evaluator: Evaluator, size: MixSize, seed: number): BenchQuery[] {
  const random = seededRandom(seed);
  const users = [...evaluator.pg.model.users.keys()];
  const wanted = new Map(decisions.map((d) => [d, size.perDecision]));
  const found: BenchQuery[] = [];
  const limit = size.perDecision * decisions.length * 200;
  for (let i = 0; i < limit && [...wanted.values()].some((n) => n > 0); i++) {
    const query = actionQuery(evaluator, random, random.pick(users));
    // Questions the peers can answer state the MFA state; only conditional ones leave it open.
    if (!query || (query.decision === 'conditional') !== (query.mfa === undefined)) continue;
    const left = wanted.get(query.decision) ?? 0;
    if (left <= 0) continue;
    wanted.set(query.decision, left - 1);
    found.push(query);
  }
  for (let i = 0; i < size.operations; i++) found.push(operationQuery(evaluator, random, users));
  const requests = dliRequests(evaluator);
  for (let i = 0; i < (size.privileges ?? 0) && requests.length > 0; i++) {
    found.push(privilegeQuery(evaluator, random, requests, users));
  }
  return found;
}

function actionQuery(
  evaluator: Evaluator,
  random: Random,
  principal: string,
): BenchQuery | undefined {
  const { catalog, model } = evaluator.pg;
  const action =
    random.next() < 0.75 ? heldAction(evaluator, random, principal) : random.pick(catalog.actions);
  if (!action) return undefined;
  const project = action.scope === 'global' ? undefined : random.skewed(model.projects).name;
  const roll = random.next();
  const mfa = roll < 0.4 ? true : roll < 0.8 ? false : undefined;
  const partial = { kind: 'action' as const, principal, what: action.name, project, mfa };
  return { ...partial, decision: decisionOf(evaluator, partial) };
}

/** A catalog action named by one of the principal's statements, or undefined. */
function heldAction(
  evaluator: Evaluator,
  random: Random,
  principal: string,
): CatalogAction | undefined {
  const held = evaluator.grants.held({ kind: 'user', name: principal });
  if (held.length === 0) return undefined;
  const statements = random.pick(held).grant.permission.document.statements;
  const patterns = statements.flatMap((s) => s.action ?? []);
  if (patterns.length === 0) return undefined;
  const matcher = compileActionPattern(random.pick(patterns), '1.1');
  const { catalog } = evaluator.pg;
  const service = matcher.pattern.split(':')[0]?.toLowerCase() ?? '*';
  const pool = service.includes('*') ? catalog.actions : catalog.actionsOf(service);
  const matching = pool.filter((a) => matchAction(matcher, a.name));
  return matching.length > 0 ? random.pick(matching) : undefined;
}

function operationQuery(evaluator: Evaluator, random: Random, users: string[]): BenchQuery {
  const { catalog, model } = evaluator.pg;
  const operation = random.pick([...catalog.operations.values()]);
  const variants = Object.keys(operation.variants ?? {});
  const what =
    variants.length > 0 && random.next() < 0.5
      ? `${operation.id}+${random.pick(variants)}`
      : operation.id;
  const partial = {
    kind: 'operation' as const,
    principal: random.pick(users),
    what,
    project: random.skewed(model.projects).name,
    mfa: random.next() < 0.5,
  };
  return { ...partial, decision: decisionOf(evaluator, partial) };
}

interface RawRequest {
  project?: string;
  user_name?: string;
  privileges?: { object: string; privileges: string[] }[];
}

function dliRequests(evaluator: Evaluator): RawRequest[] {
  return evaluator.pg.model.dli.flatMap((section) => {
    const requests = (section.value as { requests?: unknown } | undefined)?.requests;
    return Array.isArray(requests) ? (requests as RawRequest[]) : [];
  });
}

/** A privilege some request granted (to this user or, half of the time, to another). */
function privilegeQuery(
  evaluator: Evaluator,
  random: Random,
  requests: readonly RawRequest[],
  users: string[],
): BenchQuery {
  const request = random.pick(requests);
  const item = random.pick(
    request.privileges ?? [{ object: 'databases.db0', privileges: ['SELECT'] }],
  );
  const partial = {
    kind: 'privilege' as const,
    principal: random.next() < 0.5 && request.user_name ? request.user_name : random.pick(users),
    what: random.pick(item.privileges),
    on: item.object,
    project: request.project,
    mfa: undefined,
  };
  return { ...partial, decision: decisionOf(evaluator, partial) };
}

function decisionOf(evaluator: Evaluator, query: Omit<BenchQuery, 'decision'>): Decision {
  return can(evaluator, query.principal, query.what, optionsOf(query)).decision;
}

/** The `can` options of a question. */
export function optionsOf(query: Omit<BenchQuery, 'decision'>): QueryOptions {
  return { project: query.project, on: query.on, context: contextOf(query as BenchQuery) };
}
