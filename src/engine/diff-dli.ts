/**
 * The DLI half of `diff`: who holds which data privilege on which object, in each project, on
 * either side of a change. The objects compared are those either model mentions — granted
 * objects and the databases, tables and queues above them, and the inventory's objects — each
 * with every privilege of its type, answered by the reverse privilege query.
 */
import { grantedPrivileges, listGrants } from '../dli/grants.js';
import { findOwners, ownsObject } from '../dli/inventory.js';
import type { DliGrantee } from '../dli/request.js';
import { ancestors, parseDliObject, printDliObject, type DliObject } from '../dli/object.js';
import { actionOutcome, decisionIndex } from './decision.js';
import { isAdministrator } from './decision-dli.js';
import { DliSameness, ProjectClasses } from './diff-dli-scope.js';
import { dliState, parsePrivilegeRequest, type PrivilegeRequest } from './dli.js';
import type { Evaluator } from './evaluator.js';
import { formatPrincipal, type PrincipalRef } from './types.js';
import { whoCanPrivilege } from './who-can-privilege.js';
import { hasResourceStatements, type PrincipalKind } from './who-can-action.js';

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

/** How much access a principal has to one privilege question (as `diff` counts it). */
type Access = 'allow' | 'conditional' | 'none';

/** One principal whose access to a privilege question in a project differs. */
export interface PrivilegeChange {
  principal: string;
  question: PrivilegeQuestion;
  project: string;
  before: Access;
  after: Access;
}

/** What a privilege question's answer is built from, per model. */
interface QueryOptions {
  context?: Record<string, string[] | null> | undefined;
  now: Date;
}

/**
 * Every change of access that the DLI layer makes to the privilege questions in the projects:
 * the answers of principals that own the object (or an ancestor) or hold a DLI grant on it, on
 * either side. A principal outside the DLI layer holds a privilege through IAM alone (the
 * privilege's `dli:` action, or a DLI administrator permission) on every object alike, and
 * `diff` reports that once, as the change of those `dli:` actions, not once per object. Each
 * owner's or grantee's answer combines its IAM layer (computed once per action and project, and
 * per resource when a statement names one) with ownership and grants, as `decidePrivilege`
 * does; a question whose IAM layer depends on the resource in a model without `domainId` is
 * asked whole, as `who-can` asks it. test/engine/diff-dli.test.ts holds this to asking every
 * question whole.
 */
export function privilegeChanges(
  before: Evaluator,
  after: Evaluator,
  questions: readonly PrivilegeQuestion[],
  projects: readonly string[],
  kind: PrincipalKind,
  options: QueryOptions,
): PrivilegeChange[] {
  const old = new PrivilegeLayers(before, kind, options);
  const next = new PrivilegeLayers(after, kind, options);
  const same = new DliSameness(before, after);
  const changes: PrivilegeChange[] = [];
  const holders = new Map<string, Map<string, PrincipalRef>>();
  const holdersOf = (on: string): Map<string, PrincipalRef> => {
    let found = holders.get(on);
    if (!found) {
      // Owners and grantees whose every input is the same on both sides answer the same.
      const object = parseDliObject(on);
      const all = new Map([...old.extras(object), ...next.extras(object)]);
      found = new Map([...all].filter(([, p]) => !same.unchanged(p, object)));
      holders.set(on, found);
    }
    return found;
  };
  if (projects.length === 0) return changes;
  const classes = new ProjectClasses(before, after, projects, same.dli);
  for (const question of questions) {
    const extras = holdersOf(question.on);
    if (extras.size === 0) continue;
    const probe = old.request(question, projects[0] as string);
    const byResource = old.resourceMatters(probe) || next.resourceMatters(probe);
    const whole = new Map<string, [Map<string, Access>, Map<string, Access>]>();
    const wholeAt = (project: string) => {
      let found = whole.get(project);
      if (!found) {
        found = [
          privilegeAccess(before, question, project, kind, options),
          privilegeAccess(after, question, project, kind, options),
        ];
        whole.set(project, found);
      }
      return found;
    };
    for (const [key, principal] of extras) {
      for (const [project, alike] of classes.of(principal, question.on, byResource)) {
        const was = old.request(question, project);
        const is = next.request(question, project);
        let a: Access;
        let b: Access;
        if (old.needsWhole(was) || next.needsWhole(is)) {
          const [x, y] = wholeAt(project);
          a = x.get(key) ?? 'none';
          b = y.get(key) ?? 'none';
        } else {
          a = old.whole(principal, was, project);
          b = next.whole(principal, is, project);
        }
        if (a === b) continue;
        for (const p of alike)
          changes.push({ principal: key, question, project: p, before: a, after: b });
      }
    }
  }
  return changes;
}

/** One model's layers of privilege answers for owners and grantees, each computed once. */
class PrivilegeLayers {
  private readonly iam = new Map<string, { decision: string; denyUnknown: boolean } | null>();
  private readonly resourceDependent = new Map<string, boolean>();
  private readonly owned = new Map<string, boolean>();
  private granteesByObject: Map<string, PrincipalRef[]> | undefined;

  constructor(
    private readonly evaluator: Evaluator,
    private readonly kind: PrincipalKind,
    private readonly options: QueryOptions,
  ) {}

  /** The question as a request in the project (parsed each time: most are asked once). */
  request(question: PrivilegeQuestion, project: string): PrivilegeRequest {
    return parsePrivilegeRequest(this.evaluator, question.privilege, question.on, project);
  }

  /** Without `domainId`, a statement with a `Resource` needs `checkPrivilege`'s second look. */
  needsWhole(request: PrivilegeRequest): boolean {
    return this.evaluator.pg.model.domainId === undefined && this.resourceMatters(request);
  }

  /** Owners of the object or an ancestor, and grantees of grants on either (users and projects). */
  extras(object: DliObject): Map<string, PrincipalRef> {
    const found = new Map<string, PrincipalRef>();
    if (this.kind !== 'user') return found;
    const { users } = this.evaluator.pg.model;
    const state = dliState(this.evaluator);
    if (state.objects) {
      for (const { owner } of findOwners(state.objects, object))
        if (users.has(owner)) found.set(`user:${owner}`, { kind: 'user', name: owner });
    }
    const byObject = this.grantees();
    for (const o of [object, ...ancestors(object)]) {
      for (const principal of byObject.get(printDliObject(o)) ?? [])
        found.set(formatPrincipal(principal), principal);
    }
    return found;
  }

  /**
   * One owner's or grantee's answer, combined as `decidePrivilege` combines the layers: its
   * IAM outcome, administrator, owner, DLI grant. A user this model lacks has none; a project
   * principal has only its grants.
   */
  whole(principal: PrincipalRef, request: PrivilegeRequest, project: string): Access {
    if (principal.kind === 'project')
      return this.granted({ kind: 'project', id: principal.id }, request, project)
        ? 'allow'
        : 'none';
    if (principal.kind !== 'user' || !this.evaluator.pg.model.users.has(principal.name))
      return 'none';
    const iam = this.iamOutcome(principal, request, project);
    if (iam?.decision === 'deny') return 'none';
    const index = decisionIndex(this.evaluator);
    const target = { kind: 'project' as const, project };
    const allowed =
      iam?.decision === 'allow' ||
      isAdministrator(index, index.entry(formatPrincipal(principal)), target, this.options) ||
      this.owns(principal.name, request) ||
      this.granted({ kind: 'user', name: principal.name }, request, project);
    if (allowed) return iam?.denyUnknown ? 'conditional' : 'allow';
    return iam?.decision === 'conditional' ? 'conditional' : 'none';
  }

  /** The IAM layer for a user: the privilege's action in the project, on its resource. */
  private iamOutcome(
    principal: PrincipalRef,
    request: PrivilegeRequest,
    project: string,
  ): { decision: string; denyUnknown: boolean } | null {
    const resource = this.resourceMatters(request) ? request.iam.resource : '';
    const key = `${formatPrincipal(principal)}\u0000${request.iam.action ?? ''}\u0000${resource}\u0000${project}`;
    const cached = this.iam.get(key);
    if (cached !== undefined) return cached;
    const name = request.iam.action;
    const action = name === undefined ? undefined : this.evaluator.pg.catalog.findAction(name);
    const index = decisionIndex(this.evaluator);
    const outcome = action
      ? actionOutcome(
          index,
          index.entry(formatPrincipal(principal)),
          action,
          { kind: 'project', project },
          { ...this.options, resource: request.iam.resource },
          false,
        )
      : null;
    this.iam.set(key, outcome);
    return outcome;
  }

  /** A replayed DLI grant reaching the object, sent to the project (by name or id). */
  private granted(grantee: DliGrantee, request: PrivilegeRequest, project: string): boolean {
    const { replay } = dliState(this.evaluator);
    const id = this.evaluator.pg.model.projects.find((p) => p.name === project)?.id;
    const keys = id === undefined || id === project ? [project] : [project, id];
    return keys.some(
      (key) =>
        grantedPrivileges(replay.state, grantee, request.object, request.privilege, {
          project: key,
        }).length > 0,
    );
  }

  /** Whether the user owns the object or an ancestor, kept per user and object. */
  private owns(user: string, request: PrivilegeRequest): boolean {
    const key = `${user}\u0000${request.path}`;
    let found = this.owned.get(key);
    if (found === undefined) {
      const { objects } = dliState(this.evaluator);
      found = objects !== undefined && ownsObject(objects, user, request.object) !== undefined;
      this.owned.set(key, found);
    }
    return found;
  }

  /** Whether a statement of the request's action names a `Resource` (answers differ by it). */
  resourceMatters(request: PrivilegeRequest): boolean {
    const name = request.iam.action;
    if (name === undefined) return false;
    let found = this.resourceDependent.get(name);
    if (found === undefined) {
      const action = this.evaluator.pg.catalog.findAction(name);
      found = action ? hasResourceStatements(this.evaluator, action) : false;
      this.resourceDependent.set(name, found);
    }
    return found;
  }

  /** Grantees by the object their grant names, built once. */
  private grantees(): Map<string, PrincipalRef[]> {
    if (this.granteesByObject) return this.granteesByObject;
    const { users } = this.evaluator.pg.model;
    const byObject = new Map<string, PrincipalRef[]>();
    for (const grant of listGrants(dliState(this.evaluator).replay.state)) {
      const principal: PrincipalRef | undefined =
        grant.grantee.kind === 'project'
          ? { kind: 'project', id: grant.grantee.id }
          : users.has(grant.grantee.name)
            ? { kind: 'user', name: grant.grantee.name }
            : undefined;
      if (!principal) continue;
      const object = printDliObject(parseDliObject(grant.object));
      const list = byObject.get(object) ?? [];
      list.push(principal);
      byObject.set(object, list);
    }
    this.granteesByObject = byObject;
    return byObject;
  }
}
