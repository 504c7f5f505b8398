/**
 * What `diff` may skip: the inputs of an answer compared between two models. A principal whose
 * inputs are equal on both sides gets the same answers on both, so only the others are asked.
 * Positions never count: moving a line, or a file, changes no answer.
 */
import type { Evaluator } from './evaluator.js';
import { describeScope } from '../model/types.js';
import type { PolicyDocument } from '../policy/types.js';

/** The account-wide inputs, and each user's, compared between the two sides of a diff. */
export class InputSameness {
  /** The catalog, domain and projects (with ids and enterprise projects) are the same. */
  readonly accountSame: boolean;
  private readonly documents = new WeakMap<object, string>();
  private readonly users = new Map<string, boolean>();

  constructor(
    private readonly before: Evaluator,
    private readonly after: Evaluator,
  ) {
    this.accountSame =
      before.pg.catalog === after.pg.catalog && accountInputs(before) === accountInputs(after);
  }

  /**
   * Whether the user's IAM answers are the same on both sides: the account is, and the user
   * exists on both with the same id and holds the same grants (permission, document, scope).
   */
  userUnchanged(name: string): boolean {
    if (!this.accountSame) return false;
    let found = this.users.get(name);
    if (found === undefined) {
      const old = this.userInputs(this.before, name);
      found = old !== undefined && old === this.userInputs(this.after, name);
      this.users.set(name, found);
    }
    return found;
  }

  private userInputs(evaluator: Evaluator, name: string): string | undefined {
    const user = evaluator.pg.model.users.get(name);
    if (!user) return undefined;
    const held = evaluator.grants.held({ kind: 'user', name });
    const grants = held.map((h) => {
      const { permission, scope } = h.grant;
      return `${permission.origin}|${permission.name}|${describeScope(scope)}|${this.documentOf(permission)}`;
    });
    return JSON.stringify([user.id ?? '', ...grants.sort()]);
  }

  /** A document as the evaluator reads it, without positions. */
  private documentOf(permission: { document: PolicyDocument }): string {
    let found = this.documents.get(permission);
    if (found === undefined) {
      const { version, statements, depends } = permission.document;
      found = JSON.stringify({
        version,
        statements: statements.map((st) => [
          st.effect,
          st.action,
          st.notAction,
          st.resource,
          st.condition,
          st.excludeAction,
        ]),
        depends: depends.map((d) => d.display_name),
      });
      this.documents.set(permission, found);
    }
    return found;
  }
}

/** The account-wide inputs of every answer: the domain and the projects with their ids. */
function accountInputs(evaluator: Evaluator): string {
  const { model } = evaluator.pg;
  return JSON.stringify([
    model.domainId ?? '',
    model.projects.map((p) => [p.name, p.id ?? '']),
    model.enterpriseProjects.map((p) => [p.name, p.id ?? '']),
  ]);
}
