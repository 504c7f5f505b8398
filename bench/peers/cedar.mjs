/**
 * The IAM-actions part of the account in Cedar: users in groups (entity parents), one policy per
 * grant statement — permit for Allow, forbid for Deny — with the statement's actions expanded
 * against the catalog, the grant's scope as the resource (`Target::"<project>"` or
 * `Target::"global"`; all resources leaves it open), conditions as `when` clauses, and a role's
 * Depends as "the principal holds that role at this target".
 *
 * Two set-ups: `sliced` preparses, per distinct set of groups, only the policies of those groups
 * (what Cedar advises for large stores); `single` preparses every policy into one set.
 */
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { heldRoles } from './account.mjs';

const quote = (text) => JSON.stringify(text);

function policyText(part, group, grant, statement, index) {
  const effect = statement.effect === 'Deny' ? 'forbid' : 'permit';
  const actions = statement.actions.map((a) => `Action::${quote(a)}`).join(', ');
  const resource =
    grant.targets === 'all' ? 'resource' : `resource == Target::${quote(grant.targets[0])}`;
  const when = [];
  if (statement.mfa !== undefined) when.push(`context.mfa == ${statement.mfa}`);
  if (statement.users)
    when.push(`[${statement.users.map(quote).join(', ')}].contains(principal.name)`);
  for (const role of grant.needs) {
    when.push(`principal.held.contains(resource.d${part.dependencyRoles.indexOf(role)})`);
  }
  const clause = when.length > 0 ? ` when { ${when.join(' && ')} }` : '';
  return `@id(${quote(`${grant.id}#${index}`)})\n${effect}(principal in Group::${quote(group)}, action in [${actions}], ${resource})${clause};`;
}

/** The policies of one group, as Cedar text. */
function groupPolicies(part, group) {
  return (part.groups.get(group) ?? []).flatMap((grant) =>
    grant.statements.map((s, i) => policyText(part, group, grant, s, i)),
  );
}

function preparse(id, texts) {
  const answer = cedar.preparsePolicySet(id, { staticPolicies: texts.join('\n') });
  if (answer.type !== 'success') throw new Error(`cedar: ${JSON.stringify(answer.errors[0])}`);
}

/** A Cedar authoriser over the account; `mode` is `sliced` or `single`. */
export function cedarPeer(part, mode) {
  const policyCache = new Map();
  const policiesOf = (group) => {
    if (!policyCache.has(group)) policyCache.set(group, groupPolicies(part, group));
    return policyCache.get(group);
  };
  const prepared = new Set();
  let policyCount = 0;
  if (mode === 'single') {
    const all = [...part.groups.keys()].flatMap(policiesOf);
    policyCount = all.length;
    preparse('all', all);
  }
  const setFor = (groups) => {
    if (mode === 'single') return 'all';
    const id = [...groups].sort().join('\u0000');
    if (!prepared.has(id)) {
      preparse(id, groups.flatMap(policiesOf));
      prepared.add(id);
    }
    return id;
  };
  const targetEntity = (target) => ({
    uid: { type: 'Target', id: target },
    attrs: Object.fromEntries(part.dependencyRoles.map((r, i) => [`d${i}`, `${r}@${target}`])),
    parents: [],
  });

  /** `{ allowed, explicitDeny }` for a user, an action and a target, MFA known. */
  function check(user, action, target, mfa) {
    const groups = part.users.get(user) ?? [];
    const entities = [
      {
        uid: { type: 'User', id: user },
        attrs: { name: user, held: [...heldRoles(part, user)] },
        parents: groups.map((g) => ({ type: 'Group', id: g })),
      },
      ...groups.map((g) => ({ uid: { type: 'Group', id: g }, attrs: {}, parents: [] })),
      targetEntity(target),
    ];
    const answer = cedar.statefulIsAuthorized({
      principal: { type: 'User', id: user },
      action: { type: 'Action', id: action },
      resource: { type: 'Target', id: target },
      context: { mfa },
      preparsedPolicySetId: setFor(groups),
      entities,
    });
    if (answer.type !== 'success') throw new Error(`cedar: ${JSON.stringify(answer.errors[0])}`);
    const { decision, diagnostics } = answer.response;
    if (diagnostics.errors.length > 0)
      throw new Error(`cedar: ${JSON.stringify(diagnostics.errors[0])}`);
    const allowed = decision === 'allow';
    return { allowed, explicitDeny: !allowed && diagnostics.reason.length > 0 };
  }

  return { name: `cedar ${mode}`, check, policyCount: () => policyCount };
}
