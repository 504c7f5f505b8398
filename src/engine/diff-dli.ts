/**
 * The DLI half of `diff`: who holds which data privilege on which object, in each project, on
 * either side of a change. The objects compared are those either model mentions — granted
 * objects and the databases, tables and queues above them, and the inventory's objects — each
 * with every privilege of its type, answered by the reverse privilege query.
 */
import { grantedPrivileges, listGrants } from '../dli/grants.js';
import { findOwners, ownsObject } from '../dli/inventory.js';
import type { DliGrantee } from '../dli/request.js';
import { ancestors, parseDliObject, printDliObject } from '../dli/object.js';
import { decisionIndex } from './decision.js';
import { isAdministrator } from './decision-dli.js';
import { dliState, parsePrivilegeRequest, type PrivilegeRequest } from './dli.js';
import type { Evaluator } from './evaluator.js';
import { holderIndex } from './holders.js';
import { formatPrincipal, type PrincipalRef } from './types.js';
import { whoCanPrivilege } from './who-can-privilege.js';
import {
  hasResourceStatements,
  iamOutcomes,
  type IamOutcome,
  type PrincipalKind,
} from './who-can-action.js';

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
 * Every change of access to the privilege questions in the projects, decided layer by layer
 * instead of asking every question whole. A principal's answer comes from the IAM layer (the
 * privilege's `dli:` action in the project, and DLI administrator permissions) unless it owns
 * the object or holds a DLI grant on it or an ancestor. The IAM layer is the same for every
 * object of an action when no statement of that action names a `Resource`, so it is compared
 * once per action and project; the owners and grantees of each object are decided from the same
 * layers, combined as `decidePrivilege` combines them. A question whose IAM layer depends on the
 * resource of a model without `domainId` is asked whole, as `who-can` asks it.
 * test/engine/diff-dli.test.ts holds this to asking every question whole.
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
  const changes: PrivilegeChange[] = [];
  const baseChanges = new Map<string, string[]>();
  for (const project of projects) {
    for (const question of questions) {
      const was = old.request(question, project);
      const is = next.request(question, project);
      const push = (principal: string, a: Access, b: Access) => {
        if (a !== b) changes.push({ principal, question, project, before: a, after: b });
      };
      if (old.needsWhole(was) || next.needsWhole(is)) {
        const a = privilegeAccess(before, question, project, kind, options);
        const b = privilegeAccess(after, question, project, kind, options);
        for (const key of new Set([...a.keys(), ...b.keys()]))
          push(key, a.get(key) ?? 'none', b.get(key) ?? 'none');
        continue;
      }
      const oldBase = old.base(was, project);
      const nextBase = next.base(is, project);
      const baseKey = `${old.baseKey(was, project)}\u0001${next.baseKey(is, project)}`;
      let differing = baseChanges.get(baseKey);
      if (!differing) {
        differing = [...new Set([...oldBase.keys(), ...nextBase.keys()])].filter(
          (key) => (oldBase.get(key) ?? 'none') !== (nextBase.get(key) ?? 'none'),
        );
        baseChanges.set(baseKey, differing);
      }
      const oldExtras = old.extras(was);
      const nextExtras = next.extras(is);
      // An owner or grantee on either side is decided whole on both: on the side where it owns
      // nothing and holds no grant, its answer is its IAM layer's, which `whole` also gives.
      const extras = new Map([...oldExtras, ...nextExtras]);
      for (const key of differing)
        if (!extras.has(key)) push(key, oldBase.get(key) ?? 'none', nextBase.get(key) ?? 'none');
      for (const [key, principal] of extras)
        push(key, old.whole(principal, was, project), next.whole(principal, is, project));
    }
  }
  return changes;
}

/** One model's layers of privilege answers, each computed once and kept. */
class PrivilegeLayers {
  private readonly requests = new Map<string, PrivilegeRequest>();
  private readonly bases = new Map<string, Map<string, Access>>();
  private readonly outcomes = new Map<string, Map<string, IamOutcome>>();
  private readonly resourceDependent = new Map<string, boolean>();
  private granteesByObject: Map<string, PrincipalRef[]> | undefined;

  constructor(
    private readonly evaluator: Evaluator,
    private readonly kind: PrincipalKind,
    private readonly options: QueryOptions,
  ) {}

  request(question: PrivilegeQuestion, project: string): PrivilegeRequest {
    const key = `${question.privilege}\u0000${question.on}\u0000${project}`;
    let found = this.requests.get(key);
    if (!found) {
      found = parsePrivilegeRequest(this.evaluator, question.privilege, question.on, project);
      this.requests.set(key, found);
    }
    return found;
  }

  /** Without `domainId`, a statement with a `Resource` needs `checkPrivilege`'s second look. */
  needsWhole(request: PrivilegeRequest): boolean {
    return this.evaluator.pg.model.domainId === undefined && this.dependsOnResource(request);
  }

  /** The IAM layer's cache key: action and project, and the resource when statements name one. */
  baseKey(request: PrivilegeRequest, project: string): string {
    const resource = this.dependsOnResource(request) ? request.iam.resource : '';
    return `${request.iam.action ?? ''}\u0000${resource}\u0000${project}`;
  }

  /** Answers of principals that own nothing of the object and hold no DLI grant on it. */
  base(request: PrivilegeRequest, project: string): Map<string, Access> {
    const key = this.baseKey(request, project);
    let found = this.bases.get(key);
    if (!found) {
      const outcomes = this.iamLayer(request, project);
      found = this.computeBase(outcomes, project);
      this.bases.set(key, found);
      this.outcomes.set(key, outcomes);
    }
    return found;
  }

  /** Owners of the object or an ancestor, and grantees of grants on either (users and projects). */
  extras(request: PrivilegeRequest): Map<string, PrincipalRef> {
    const found = new Map<string, PrincipalRef>();
    if (this.kind !== 'user') return found;
    const { users } = this.evaluator.pg.model;
    const state = dliState(this.evaluator);
    if (state.objects) {
      for (const { owner } of findOwners(state.objects, request.object))
        if (users.has(owner)) found.set(`user:${owner}`, { kind: 'user', name: owner });
    }
    const byObject = this.grantees();
    for (const object of [request.object, ...ancestors(request.object)]) {
      for (const principal of byObject.get(printDliObject(object)) ?? [])
        found.set(formatPrincipal(principal), principal);
    }
    return found;
  }

  /**
   * One owner's or grantee's answer, combined as `decidePrivilege` combines the layers: its
   * IAM outcome (from this action's layer), administrator, owner, DLI grant. A user this model
   * lacks has none; a project principal has only its grants.
   */
  whole(principal: PrincipalRef, request: PrivilegeRequest, project: string): Access {
    const state = dliState(this.evaluator);
    const keys = this.projectKeys(project);
    const granted = (grantee: DliGrantee) =>
      keys.some(
        (key) =>
          grantedPrivileges(state.replay.state, grantee, request.object, request.privilege, {
            project: key,
          }).length > 0,
      );
    if (principal.kind === 'project')
      return granted({ kind: 'project', id: principal.id }) ? 'allow' : 'none';
    if (principal.kind !== 'user' || !this.evaluator.pg.model.users.has(principal.name))
      return 'none';
    this.base(request, project);
    const key = formatPrincipal(principal);
    const iam = this.outcomes.get(this.baseKey(request, project))?.get(key);
    if (iam?.decision === 'deny') return 'none';
    const index = decisionIndex(this.evaluator);
    const target = { kind: 'project' as const, project };
    const owns =
      state.objects !== undefined &&
      ownsObject(state.objects, principal.name, request.object) !== undefined;
    const allowed =
      iam?.decision === 'allow' ||
      isAdministrator(index, index.entry(key), target, this.options) ||
      owns ||
      granted({ kind: 'user', name: principal.name });
    if (allowed) return iam?.denyUnknown ? 'conditional' : 'allow';
    return iam?.decision === 'conditional' ? 'conditional' : 'none';
  }

  /** A project's name and id: DLI requests may name it either way. */
  private projectKeys(project: string): string[] {
    const id = this.evaluator.pg.model.projects.find((p) => p.name === project)?.id;
    return id === undefined || id === project ? [project] : [project, id];
  }

  private dependsOnResource(request: PrivilegeRequest): boolean {
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

  /** As `decidePrivilege` combines the layers, with no owner and no DLI grant. */
  private computeBase(outcomes: Map<string, IamOutcome>, project: string): Map<string, Access> {
    const index = decisionIndex(this.evaluator);
    const target = { kind: 'project' as const, project };
    const answers = new Map<string, Access>();
    const principals = new Map<string, PrincipalRef>();
    for (const [key, outcome] of outcomes) principals.set(key, outcome.principal);
    for (const principal of this.administrators())
      principals.set(formatPrincipal(principal), principal);
    for (const key of principals.keys()) {
      const iam = outcomes.get(key);
      if (iam?.decision === 'deny') continue;
      const entry = index.entry(key);
      const allowed =
        iam?.decision === 'allow' || isAdministrator(index, entry, target, this.options);
      if (allowed) answers.set(key, iam?.denyUnknown ? 'conditional' : 'allow');
      else if (iam?.decision === 'conditional') answers.set(key, 'conditional');
    }
    return answers;
  }

  private iamLayer(request: PrivilegeRequest, project: string): Map<string, IamOutcome> {
    const name = request.iam.action;
    const action = name === undefined ? undefined : this.evaluator.pg.catalog.findAction(name);
    if (!action) return new Map();
    const outcomes = iamOutcomes(
      this.evaluator,
      {
        action,
        target: { kind: 'project', project },
        resource: request.iam.resource,
        context: this.options.context,
        now: this.options.now,
      },
      this.kind,
    );
    const keyed = new Map<string, IamOutcome>();
    for (const outcome of outcomes.values()) keyed.set(formatPrincipal(outcome.principal), outcome);
    return keyed;
  }

  /** Holders of a DLI administrator permission anywhere; `isAdministrator` checks the project. */
  private administrators(): PrincipalRef[] {
    const names = new Set(dliState(this.evaluator).catalog.administrators.map((a) => a.permission));
    const index = holderIndex(this.evaluator.pg);
    return index
      .grantedPermissions()
      .filter((p) => names.has(p.permission.name))
      .flatMap((p) => p.grants.flatMap((grant) => index.holders(grant)))
      .map((h) => h.principal)
      .filter((p) => p.kind === this.kind);
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
