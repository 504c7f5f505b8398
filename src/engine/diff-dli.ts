/**
 * The DLI half of `diff`: who holds which data privilege on which object, in each project, on
 * either side of a change. The objects compared are those either model mentions — granted
 * objects and the databases, tables and queues above them, and the inventory's objects — each
 * with every privilege of its type, answered by the reverse privilege query.
 */
import { granteeKey, grantedPrivileges, listGrants } from '../dli/grants.js';
import { findOwners, ownsObject } from '../dli/inventory.js';
import type { DliGrantee } from '../dli/request.js';
import { ancestors, parseDliObject, printDliObject, type DliObject } from '../dli/object.js';
import { actionOutcome, decisionIndex } from './decision.js';
import { isAdministrator } from './decision-dli.js';
import { InputSameness } from './diff-sameness.js';
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
  const same = new Sameness(before, after);
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

/**
 * Whether a principal's answers to an object's privileges can differ between two models: not
 * when its IAM inputs are the same (`InputSameness`), and it owns and is granted the same on the
 * object and its ancestors.
 */
class Sameness {
  private readonly inputs: InputSameness;
  /** Each side's DLI grants per object. */
  readonly dli: [DliRelations, DliRelations];

  constructor(before: Evaluator, after: Evaluator) {
    this.inputs = new InputSameness(before, after);
    this.dli = [new DliRelations(before), new DliRelations(after)];
  }

  unchanged(principal: PrincipalRef, object: DliObject): boolean {
    if (!this.inputs.accountSame || principal.kind === 'group') return false;
    if (principal.kind === 'user' && !this.inputs.userUnchanged(principal.name)) return false;
    const key = formatPrincipal(principal);
    const [old, next] = this.dli;
    if (old.owners(object) !== next.owners(object)) return false;
    return [object, ...ancestors(object)].every((o) => {
      const path = printDliObject(o);
      return old.of(path, key) === next.of(path, key);
    });
  }
}

/** One model's DLI grants per object: each grantee's grants there, and the object's owners. */
class DliRelations {
  private byObject: Map<string, Map<string, string>> | undefined;
  private projectsByObject: Map<string, Map<string, (string | undefined)[]>> | undefined;

  constructor(private readonly evaluator: Evaluator) {}

  /** The principal's (by key) grants at the object path, as text. */
  of(path: string, principal: string): string {
    this.byObject ??= this.build();
    return this.byObject.get(path)?.get(principal) ?? '';
  }

  /** The projects (as the requests name them) of the principal's grants at the object path. */
  grantProjects(path: string, principal: string): (string | undefined)[] {
    this.projectsByObject ??= this.buildProjects();
    return this.projectsByObject.get(path)?.get(principal) ?? [];
  }

  /** Who owns the object or an ancestor, as `findOwners` reads the inventory. */
  owners(object: DliObject): string {
    const { objects } = dliState(this.evaluator);
    return objects ? JSON.stringify(findOwners(objects, object)) : '';
  }

  private buildProjects(): Map<string, Map<string, (string | undefined)[]>> {
    const found = new Map<string, Map<string, (string | undefined)[]>>();
    for (const grant of listGrants(dliState(this.evaluator).replay.state)) {
      const path = printDliObject(parseDliObject(grant.object));
      const perObject = found.get(path) ?? new Map<string, (string | undefined)[]>();
      const key = granteeKey(grant.grantee);
      perObject.set(key, [...(perObject.get(key) ?? []), grant.project]);
      found.set(path, perObject);
    }
    return found;
  }

  private build(): Map<string, Map<string, string>> {
    const state = dliState(this.evaluator);
    const entries = new Map<string, Map<string, string[]>>();
    const add = (path: string, principal: string, text: string) => {
      const perObject = entries.get(path) ?? new Map<string, string[]>();
      perObject.set(principal, [...(perObject.get(principal) ?? []), text]);
      entries.set(path, perObject);
    };
    for (const grant of listGrants(state.replay.state)) {
      const path = printDliObject(parseDliObject(grant.object));
      add(path, granteeKey(grant.grantee), `grant|${grant.project ?? ''}|${grant.privilege}`);
    }
    const texts = new Map<string, Map<string, string>>();
    for (const [path, perObject] of entries) {
      texts.set(path, new Map([...perObject].map(([k, list]) => [k, list.sort().join(';')])));
    }
    return texts;
  }
}

/**
 * The projects an owner's or grantee's answers can tell apart, each with the projects that
 * answer as it does. A project that none of its IAM grants and none of its DLI grants on the
 * object names (on either side) is reached only through grants on all resources or an
 * enterprise project, and through ownership, alike for every such project: one answers for
 * all. Not when the IAM layer depends on the resource (it names the region), a statement has a
 * condition on `g:ProjectName`, or a DLI grant names no project.
 */
class ProjectClasses {
  private readonly iamNamed = new Map<string, Set<string> | undefined>();

  constructor(
    private readonly before: Evaluator,
    private readonly after: Evaluator,
    private readonly projects: readonly string[],
    private readonly dli: readonly DliRelations[],
  ) {}

  of(principal: PrincipalRef, on: string, byResource: boolean): [string, string[]][] {
    const alone = (): [string, string[]][] => this.projects.map((p) => [p, [p]]);
    if (byResource) return alone();
    const named = this.namedBy(principal, on);
    if (!named) return alone();
    const classes: [string, string[]][] = [];
    const rest: string[] = [];
    for (const project of this.projects) {
      if (named.has(project)) classes.push([project, [project]]);
      else rest.push(project);
    }
    if (rest[0] !== undefined) classes.push([rest[0], rest]);
    return classes;
  }

  /** The projects named for the principal, or undefined when every project must be asked. */
  private namedBy(principal: PrincipalRef, on: string): Set<string> | undefined {
    const named = new Set<string>();
    if (principal.kind === 'user') {
      const iam = this.iamProjects(principal.name);
      if (!iam) return undefined;
      for (const p of iam) named.add(p);
    }
    const key = formatPrincipal(principal);
    const object = parseDliObject(on);
    for (const o of [object, ...ancestors(object)]) {
      for (const [i, relations] of this.dli.entries()) {
        for (const project of relations.grantProjects(printDliObject(o), key)) {
          if (project === undefined) return undefined;
          const evaluator = i === 0 ? this.before : this.after;
          const found = evaluator.pg.model.projects.find(
            (p) => p.name === project || p.id === project,
          );
          named.add(found?.name ?? project);
        }
      }
    }
    return named;
  }

  private iamProjects(user: string): Set<string> | undefined {
    if (this.iamNamed.has(user)) return this.iamNamed.get(user);
    let named: Set<string> | undefined = new Set<string>();
    for (const evaluator of [this.before, this.after]) {
      if (!evaluator.pg.model.users.has(user)) continue;
      for (const { grant } of evaluator.grants.held({ kind: 'user', name: user })) {
        if (grant.scope.kind === 'project') named?.add(grant.scope.project.name);
        const byName = grant.permission.document.statements.some((st) =>
          JSON.stringify(st.condition ?? {})
            .toLowerCase()
            .includes('g:projectname'),
        );
        if (byName) named = undefined;
      }
    }
    this.iamNamed.set(user, named);
    return named;
  }
}
