/** `dli/iam-deny-shadows-grant`: a DLI grant that an IAM Deny of the same user takes away. */
import { listGrants, type DliGrant } from '../../../dli/grants.js';
import { privilegeToIam } from '../../../dli/iam.js';
import { PermgraphError } from '../../../errors.js';
import { scopeCovers } from '../../../engine/grants.js';
import { findByNameOrId } from '../../../model/resolve.js';
import type { SourcePosition } from '../../../model/source.js';
import type { Scope } from '../../../model/types.js';
import type { Target } from '../../../engine/types.js';
import { modelRule, noOptions, type ModelContext } from '../../rule.js';

export const iamDenyShadowsGrant = modelRule({
  meta: {
    id: 'dli/iam-deny-shadows-grant',
    level: 'warning',
    category: 'scope',
    description:
      'Warns about DLI grants that an unconditional IAM Deny held by the same user takes away.',
    help:
      'DLI checks IAM first: an IAM Deny of the dli: action that corresponds to a privilege ' +
      '(dli:table:select for SELECT on a table) denies it, whatever DLI grants say. A DLI ' +
      "grant the user can never use is misleading in reviews and in DLI's own privilege " +
      'listings. Only the IAM layer is consulted here: a Deny whose condition lint cannot ' +
      'decide is not reported.',
    needs: 'model',
    messages: {
      shadowed:
        'the DLI grant of {privilege} on {object} to user {user} has no effect: {permission} denies {action} ({statement})',
    },
    fixes: {
      shadowed: 'remove the DLI grant, or narrow the Deny of {action} in {permission}',
    },
    identity: ['user', 'privilege', 'object', 'permission'],
    examples: {
      format: 'yaml',
      invalid: `version: 1
projects: [{ name: cn-north-1 }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants:
      - { permission: Tenant Guest, scope: cn-north-1 }
      - { permission: no-select, scope: cn-north-1 }
policies:
  - name: no-select
    document:
      Version: "1.1"
      Statement: [{ Effect: Deny, Action: ["dli:table:select"] }]
dli:
  requests:
    - action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }`,
      valid: `version: 1
projects: [{ name: cn-north-1 }]
users: [{ name: dlitest, groups: [readers] }]
groups:
  - name: readers
    grants:
      - { permission: Tenant Guest, scope: cn-north-1 }
      - { permission: no-drop, scope: cn-north-1 }
policies:
  - name: no-drop
    document:
      Version: "1.1"
      Statement: [{ Effect: Deny, Action: ["dli:table:dropTable"] }]
dli:
  requests:
    - action: grant
      user_name: dlitest
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }`,
    },
  },
  options: noOptions,
  check(context) {
    const { dli } = context;
    if (!dli) return;
    for (const grant of listGrants(dli.replay.state)) {
      if (grant.grantee.kind !== 'user' || !grant.position) continue;
      const denial = findDeny(context, grant);
      if (!denial) continue;
      const data = {
        privilege: grant.privilege,
        object: grant.object,
        user: grant.grantee.name,
        action: denial.action,
        permission: denial.permission,
        statement: denial.statement,
      };
      const related = denial.position
        ? [{ message: `the Deny in ${denial.permission}`, position: denial.position }]
        : [];
      context.report({
        messageId: 'shadowed',
        position: grant.position,
        target: `dli:user:${grant.grantee.name}`,
        data,
        related,
      });
    }
  },
});

interface Denial {
  action: string;
  permission: string;
  statement: string;
  position: SourcePosition | undefined;
}

/** The first held unconditional Deny of the privilege's IAM action on its resource. */
function findDeny(context: ModelContext<unknown>, grant: DliGrant): Denial | undefined {
  const { catalog, evaluator } = context;
  const check = iamCheck(context, grant);
  const action = check?.action === undefined ? undefined : catalog.findAction(check.action);
  if (!check || !action || grant.grantee.kind !== 'user') return undefined;
  const target = targetOf(context, grant);
  for (const h of evaluator.grants.held({ kind: 'user', name: grant.grantee.name })) {
    if (!covers(h.grant.scope, target)) continue;
    for (const indexed of evaluator.statementsFor(h.grant.permission, action)) {
      if (indexed.statement.effect !== 'Deny') continue;
      const outcome = evaluator.match(indexed, {
        action,
        resource: check.resource,
        context: new Map(),
      });
      if (outcome.truth !== 'true') continue;
      return {
        action: action.name,
        permission: h.grant.permission.name,
        statement: `statement ${indexed.statement.index + 1}`,
        position: indexed.statement.position,
      };
    }
  }

  return undefined;
}

function iamCheck(context: ModelContext<unknown>, grant: DliGrant) {
  const { dli } = context;
  if (!dli) return undefined;
  try {
    return privilegeToIam(dli.catalog, grant.privilege, grant.object, {}, dli.replay.state.typeOf);
  } catch (error) {
    // ALL and privileges without an IAM action have nothing for IAM to deny.
    if (error instanceof PermgraphError) return undefined;
    throw error;
  }
}

/** The project the grant was made in; undefined when the request named none and there are several. */
function targetOf(context: ModelContext<unknown>, grant: DliGrant): Target | undefined {
  const { projects } = context.model;
  const name =
    grant.project === undefined
      ? projects.length === 1
        ? projects[0]?.name
        : undefined
      : (findByNameOrId(projects, grant.project)?.name ?? grant.project);

  return name === undefined ? undefined : { kind: 'project', project: name };
}

function covers(scope: Scope, target: Target | undefined): boolean {
  if (!target) return scope.kind === 'all';

  return scopeCovers(scope, target, new Map()) === 'true';
}
