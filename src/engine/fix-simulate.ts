/**
 * "What if" accounts: the same model with grants added (a proposed fix) or with a principal's
 * grants replaced (a suggested least-privilege policy). `fix` and `suggest-policy` check every
 * change they propose by asking the evaluator again on such an account, so a proposal is never
 * reported as working on the strength of a shortcut.
 */
import { buildGraph } from '../graph/build.js';
import type { SourcePosition } from '../model/source.js';
import type {
  AccountModel,
  Grant,
  Group,
  Holder,
  Permission,
  Scope,
  User,
} from '../model/types.js';
import { Evaluator } from './evaluator.js';

/** A grant to add: a permission attached to a user or group at a scope. */
export interface ProposedGrant {
  holder: Holder;
  permission: Permission;
  scope: Scope;
}

/** A group that does not exist yet, created by a proposal with the given members. */
export interface ProposedGroup {
  name: string;
  members: string[];
}

/** Where proposed objects point: they are not in any file yet. */
export const proposedPosition: SourcePosition = { file: '(proposed)', line: 1, column: 1 };

/** The model with new groups and grants; the input model is left as it was. */
export function withProposal(
  model: AccountModel,
  grants: readonly ProposedGrant[],
  groups: readonly ProposedGroup[] = [],
): AccountModel {
  const users = new Map([...model.users].map(([name, user]) => [name, copyUser(user)]));
  const allGroups = new Map([...model.groups].map(([name, group]) => [name, copyGroup(group)]));
  for (const group of groups) {
    allGroups.set(group.name, {
      name: group.name,
      grants: [],
      members: [...group.members],
      position: proposedPosition,
    });
    for (const member of group.members) users.get(member)?.groups.push(group.name);
  }
  grants.forEach((proposed, i) => {
    const holder =
      proposed.holder.kind === 'user'
        ? users.get(proposed.holder.name)
        : allGroups.get(proposed.holder.name);
    holder?.grants.push(proposedGrant(proposed, i));
  });

  return { ...model, users, groups: allGroups };
}

/**
 * The model with a principal's permissions replaced: a group keeps its members but holds only
 * `grants`; a user leaves every group and holds only `grants` directly.
 */
export function withReplacedGrants(
  model: AccountModel,
  principal: Holder,
  grants: readonly ProposedGrant[],
): AccountModel {
  const users = new Map([...model.users].map(([name, user]) => [name, copyUser(user)]));
  const groups = new Map([...model.groups].map(([name, group]) => [name, copyGroup(group)]));
  if (principal.kind === 'group') {
    const group = groups.get(principal.name);
    if (group) group.grants = [];
  } else {
    const user = users.get(principal.name);
    if (user) {
      for (const name of user.groups) {
        const group = groups.get(name);
        if (group) group.members = group.members.filter((m) => m !== user.name);
      }
      user.groups = [];
      user.grants = [];
    }
  }

  return withProposal({ ...model, users, groups }, grants);
}

/**
 * The model cut down to one principal: the user and its groups (with it as their only member),
 * or the group alone. A principal's decisions depend only on its own grants and its groups', so
 * "what if" evaluations on the cut-down model give the same answers and build much faster on
 * large accounts. DLI requests are kept; they are replayed whole.
 */
export function focusOn(model: AccountModel, principal: Holder): AccountModel {
  if (principal.kind === 'group') {
    const group = model.groups.get(principal.name);
    const groups = new Map(group ? [[group.name, { ...group, members: [] }]] : []);
    return { ...model, users: new Map(), groups };
  }
  const user = model.users.get(principal.name);
  if (!user) return model;
  const groups = new Map(
    user.groups.flatMap((name) => {
      const group = model.groups.get(name);
      const focused: [string, Group][] = group ? [[name, { ...group, members: [user.name] }]] : [];
      return focused;
    }),
  );
  return { ...model, users: new Map([[user.name, user]]), groups };
}

/** An evaluator over a changed model, with the same catalog. */
export function evaluatorFor(model: AccountModel, evaluator: Evaluator): Evaluator {
  return new Evaluator(buildGraph(model, evaluator.pg.catalog));
}

function proposedGrant(proposed: ProposedGrant, index: number): Grant {
  const { holder } = proposed;
  return {
    id: `${holder.kind}:${holder.name}#proposed-${index}`,
    holder,
    permission: proposed.permission,
    scope: proposed.scope,
    position: proposedPosition,
  };
}

function copyUser(user: User): User {
  return { ...user, groups: [...user.groups], grants: [...user.grants] };
}

function copyGroup(group: Group): Group {
  return { ...group, grants: [...group.grants], members: [...group.members] };
}
