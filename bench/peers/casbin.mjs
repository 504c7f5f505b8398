/**
 * The IAM-actions part of the account in Casbin: an RBAC model with groups (`g`), the target as
 * the domain (`all` matches every target; a project grant never meets a global action's
 * `global` domain, which is how a grant's scope limits what it reaches), action patterns matched by a glob function with the
 * statement's exclusions, deny-override effect, and the conditions and a role's Depends as
 * policy columns checked by small functions (no `eval`, which Casbin recompiles per rule).
 *
 * Two set-ups: `sliced` builds, per distinct set of groups, an enforcer holding only those
 * groups' rules (Casbin scans every rule on each request, so fewer rules is its fastest form);
 * `single` holds every rule in one enforcer and resolves groups through its role manager.
 */
import { newEnforcer, newModelFromString } from 'casbin';
import { actionPattern, heldRoles } from './account.mjs';

const modelText = (withGroups) => `
[request_definition]
r = sub, dom, act, mfa, held
[policy_definition]
p = sub, dom, act, eft, mfa, users, needs, except
${withGroups ? '[role_definition]\ng = _, _\n' : ''}
[policy_effect]
e = some(where (p.eft == allow)) && !some(where (p.eft == deny))
[matchers]
m = ${withGroups ? 'g(r.sub, p.sub) && ' : ''}(p.dom == r.dom || p.dom == "all") && actionMatch(r.act, p.act, p.except) && (p.mfa == "any" || p.mfa == r.mfa) && userMatch(r.sub, p.users) && needsMet(p.needs, r.held, r.dom)
`;

const patternCache = new Map();
function compiled(pattern) {
  if (!patternCache.has(pattern)) patternCache.set(pattern, actionPattern(pattern));
  return patternCache.get(pattern);
}

function actionMatch(action, pattern, except) {
  if (!compiled(pattern)(action)) return false;
  return except === '' || !except.split(',').some((e) => compiled(e)(action));
}
const userMatch = (user, users) => users === '*' || users.split(',').includes(user);
const needsMet = (needs, held, target) =>
  needs === '' || needs.split(',').every((role) => held.has(`${role}@${target}`));

/** The rules of one group: one per statement pattern. */
function groupRules(part, group) {
  return (part.groups.get(group) ?? []).flatMap((grant) =>
    grant.statements.flatMap((s) =>
      (grant.targets === 'all' ? ['all'] : grant.targets).flatMap((dom) =>
        s.patterns.map((pattern) => [
          group,
          dom,
          pattern,
          s.effect === 'Deny' ? 'deny' : 'allow',
          s.mfa === undefined ? 'any' : String(s.mfa),
          s.users ? s.users.join(',') : '*',
          grant.needs.join(','),
          s.excludes.join(','),
        ]),
      ),
    ),
  );
}

async function enforcerWith(rules, withGroups, memberships) {
  const enforcer = await newEnforcer(newModelFromString(modelText(withGroups)));
  await enforcer.addFunction('actionMatch', actionMatch);
  await enforcer.addFunction('userMatch', userMatch);
  await enforcer.addFunction('needsMet', needsMet);
  if (rules.length > 0) enforcer.getModel().addPolicies('p', 'p', rules);
  if (withGroups && memberships.length > 0) {
    enforcer.getModel().addPolicies('g', 'g', memberships);
    await enforcer.buildRoleLinks();
  }
  return enforcer;
}

/** A Casbin authoriser over the account; `mode` is `sliced` or `single`. */
export async function casbinPeer(part, mode) {
  const rulesOf = (group) => groupRules(part, group);
  let single;
  let ruleCount = 0;
  if (mode === 'single') {
    const rules = [...part.groups.keys()].flatMap(rulesOf);
    const memberships = [...part.users].flatMap(([user, groups]) => groups.map((g) => [user, g]));
    ruleCount = rules.length;
    single = await enforcerWith(rules, true, memberships);
  }
  const sliced = new Map();
  const enforcerFor = async (groups) => {
    if (single) return single;
    const id = [...groups].sort().join('\u0000');
    if (!sliced.has(id)) sliced.set(id, await enforcerWith(groups.flatMap(rulesOf), false, []));
    return sliced.get(id);
  };

  /** `{ allowed, explicitDeny }` for a user, an action and a target, MFA known. */
  async function check(user, action, target, mfa) {
    const enforcer = await enforcerFor(part.users.get(user) ?? []);
    const [allowed, rule] = enforcer.enforceExSync(
      user,
      target,
      action,
      String(mfa),
      heldRoles(part, user),
    );
    return { allowed, explicitDeny: !allowed && rule.length > 0 && rule[3] === 'deny' };
  }

  return { name: `casbin ${mode}`, check, ruleCount: () => ruleCount };
}
