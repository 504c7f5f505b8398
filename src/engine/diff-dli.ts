/**
 * The DLI half of `diff`: who holds which data privilege on which object, in each project, on
 * either side of a change. The objects compared are those either model mentions — granted
 * objects and the databases, tables and queues above them, and the inventory's objects — each
 * with every privilege of its type, answered by the reverse privilege query.
 */
import { listGrants } from '../dli/grants.js';
import { ancestors, parseDliObject, printDliObject } from '../dli/object.js';
import { dliState } from './dli.js';
import type { Evaluator } from './evaluator.js';
import { whoCanPrivilege } from './who-can-privilege.js';
import type { PrincipalKind } from './who-can-action.js';

/** One privilege on one object, as diff keys and reports name it: `SELECT on databases.db1`. */
export interface PrivilegeQuestion {
  privilege: string;
  on: string;
}

/** The privilege questions both models raise, sorted, each asked once. */
export function privilegeQuestions(evaluators: readonly Evaluator[]): PrivilegeQuestion[] {
  const paths = new Set<string>();
  for (const evaluator of evaluators) for (const path of objectsOf(evaluator)) paths.add(path);
  const catalog = dliState(evaluators[0] as Evaluator).catalog;
  return [...paths].sort().flatMap((on) => {
    const type = catalog.types.get(parseDliObject(on).type);
    return [...(type?.privileges.keys() ?? [])].sort().map((privilege) => ({ privilege, on }));
  });
}

/** `principal` → `allow` | `conditional` for one privilege question in one project. */
export function privilegeAccess(
  evaluator: Evaluator,
  question: PrivilegeQuestion,
  project: string,
  kind: PrincipalKind,
  options: { context?: Record<string, string[] | null> | undefined; now: Date },
): Map<string, 'allow' | 'conditional'> {
  const { answers } = whoCanPrivilege(
    evaluator,
    question.privilege,
    project,
    { on: question.on, context: options.context, now: options.now },
    kind,
  );
  const out = new Map<string, 'allow' | 'conditional'>();
  for (const [key, answer] of answers)
    out.set(key, answer.decision === 'allow' ? 'allow' : 'conditional');
  return out;
}

function objectsOf(evaluator: Evaluator): string[] {
  const state = dliState(evaluator);
  const paths = new Set<string>();
  for (const grant of listGrants(state.replay.state)) {
    const object = parseDliObject(grant.object);
    for (const o of [object, ...ancestors(object)]) paths.add(printDliObject(o));
  }
  const objects = state.objects;
  for (const [db, entry] of Object.entries(objects?.databases ?? {})) {
    paths.add(`databases.${db}`);
    const tables = (entry as { tables?: Record<string, { columns?: string[] }> }).tables ?? {};
    for (const [table, t] of Object.entries(tables)) {
      paths.add(`databases.${db}.tables.${table}`);
      for (const column of t.columns ?? [])
        paths.add(`databases.${db}.tables.${table}.columns.${column}`);
    }
  }
  for (const queue of Object.keys(objects?.queues ?? {})) paths.add(`queues.${queue}`);
  return [...paths];
}
