/**
 * The IAM-actions part of a synthetic account, in a form both peers translate from: per group,
 * its grants with the scope they cover and each statement's concrete actions (wildcards and
 * ExcludeAction expanded against the catalog, limited to what the grant's scope can reach),
 * conditions, and the roles a role needs beside it (its Depends, transitively).
 *
 * This is written from DESIGN.md §4, not from permgraph's engine: a shared bug would hide a
 * disagreement. What the peers cannot express (enterprise projects, Resource, other condition
 * keys) is refused here rather than approximated.
 */

/** A segment of an action pattern as an anchored, case-insensitive expression. */
function segmentMatcher(segment) {
  const body = segment
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i');
}

/** Compiles `service:type:operation` (or `*`) into a test over concrete action names. */
export function actionPattern(pattern) {
  if (pattern === '*') return () => true;
  const segments = pattern.split(':');
  if (segments.length !== 3) return () => false;
  const matchers = segments.map(segmentMatcher);
  return (name) => {
    const parts = name.split(':');
    return parts.length === 3 && matchers.every((m, i) => m.test(parts[i]));
  };
}

/** The targets a grant scope covers and which actions it can reach there. */
function reach(scope) {
  if (scope === 'all') return { targets: 'all', actionScope: undefined };
  if (scope === 'global') return { targets: ['global'], actionScope: 'global' };
  if (scope.startsWith('enterprise-project:')) throw new Error(`peers cannot express ${scope}`);
  return { targets: [scope], actionScope: 'project' };
}

function conditionOf(statement) {
  const condition = statement.Condition ?? statement.condition;
  if (!condition) return {};
  const out = {};
  for (const [operator, keys] of Object.entries(condition)) {
    for (const [key, values] of Object.entries(keys)) {
      const k = key.toLowerCase();
      if (operator === 'Bool' && k === 'g:mfapresent' && values.length === 1) {
        out.mfa = values[0] === 'true';
      } else if (operator === 'StringEquals' && k === 'g:username') {
        out.users = [...values];
      } else {
        throw new Error(`peers cannot express condition ${operator} ${key}`);
      }
    }
  }
  return out;
}

/**
 * Reads the account (the object the generator wrote) and the catalog's actions and system
 * permissions into `{ projects, targets, groups, users, actions }`.
 * `systemPermission(name)` returns `{ statements: [{effect, action, excludeAction}], depends }`.
 */
export function iamPart(account, catalogActions, systemPermission) {
  const projects = account.projects.map((p) => p.name);
  const byName = new Map(account.policies.map((p) => [p.name, p.document]));
  const permissionCache = new Map();
  const permission = (name) => {
    if (permissionCache.has(name)) return permissionCache.get(name);
    const custom = byName.get(name);
    const found = custom
      ? {
          statements: custom.Statement.map((s) => ({
            effect: s.Effect,
            patterns: [s.Action].flat(),
            excludes: [],
            ...conditionOf(s),
          })),
          depends: [],
        }
      : systemOf(name);
    permissionCache.set(name, found);
    return found;
  };
  const systemOf = (name) => {
    const system = systemPermission(name);
    if (!system) throw new Error(`unknown permission ${name}`);
    return {
      statements: system.statements.map((s) => ({
        effect: s.effect,
        patterns: s.action ?? [],
        excludes: s.excludeAction ?? [],
      })),
      depends: closure(name),
    };
  };
  const closure = (name) => {
    const seen = new Set();
    const visit = (role) => {
      for (const d of systemPermission(role)?.depends ?? []) {
        if (seen.has(d) || d === name) continue;
        seen.add(d);
        visit(d);
      }
    };
    visit(name);
    return [...seen].sort();
  };
  const expand = compileExpansion(catalogActions);
  const groups = new Map();
  for (const group of account.groups) {
    groups.set(
      group.name,
      group.grants.map((grant, index) => {
        const p = permission(grant.permission);
        const { targets, actionScope } = reach(grant.scope);
        return {
          id: `${group.name}#${index}`,
          permission: grant.permission,
          scope: grant.scope,
          targets,
          needs: p.depends,
          statements: p.statements
            .map((s) => ({ ...s, actions: expand(s.patterns, s.excludes, actionScope) }))
            .filter((s) => s.actions.length > 0),
        };
      }),
    );
  }
  const users = new Map(account.users.map((u) => [u.name, u.groups]));
  const dependencyRoles = [...new Set([...groups.values()].flat().flatMap((g) => g.needs))].sort();
  return { projects, targets: [...projects, 'global'], groups, users, dependencyRoles };
}

function compileExpansion(catalogActions) {
  const cache = new Map();
  return (patterns, excludes, actionScope) => {
    const key = `${patterns.join(',')}|${excludes.join(',')}|${actionScope}`;
    if (cache.has(key)) return cache.get(key);
    const include = patterns.map(actionPattern);
    const exclude = excludes.map(actionPattern);
    const actions = catalogActions
      .filter((a) => actionScope === undefined || a.scope === actionScope)
      .map((a) => a.name)
      .filter((n) => include.some((m) => m(n)) && !exclude.some((m) => m(n)));
    cache.set(key, actions);
    return actions;
  };
}

/**
 * The dependency roles a user holds at each target, as `role@target` strings: the data a peer
 * needs to decide "a role takes effect only with its Depends granted in the same scope".
 */
export function heldRoles(part, user) {
  const held = new Set();
  if (part.dependencyRoles.length === 0) return held;
  for (const group of part.users.get(user) ?? []) {
    for (const grant of part.groups.get(group) ?? []) {
      if (!part.dependencyRoles.includes(grant.permission)) continue;
      const targets = grant.targets === 'all' ? part.targets : grant.targets;
      for (const t of targets) held.add(`${grant.permission}@${t}`);
    }
  }
  return held;
}
