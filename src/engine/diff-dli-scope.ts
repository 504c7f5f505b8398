/**
 * What the DLI half of `diff` need not ask: principals whose inputs for an object are the same
 * on both sides (`DliSameness`, over each side's `DliRelations`), and projects a principal's
 * answers cannot tell apart (`ProjectClasses`).
 */
import { granteeKey, listGrants } from '../dli/grants.js';
import { findOwners } from '../dli/inventory.js';
import { ancestors, parseDliObject, printDliObject, type DliObject } from '../dli/object.js';
import { InputSameness } from './diff-sameness.js';
import { dliState } from './dli.js';
import type { Evaluator } from './evaluator.js';
import { formatPrincipal, type PrincipalRef } from './types.js';

/**
 * Whether a principal's answers to an object's privileges can differ between two models: not
 * when its IAM inputs are the same (`InputSameness`), and it owns and is granted the same on the
 * object and its ancestors.
 */
export class DliSameness {
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
export class DliRelations {
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
export class ProjectClasses {
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
