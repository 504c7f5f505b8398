/**
 * Who holds a grant, what it grants, and who is in a group may be known only after apply. None
 * of these may remove a Deny: each Deny the relation may bring is granted, conditional on
 * `permgraph:KnownAfterApply`, to every holder it may reach; none of them adds an Allow.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { can } from '../../src/engine/can.js';
import { importTerraform } from '../../src/import/terraform/import.js';
import { evaluatorOf, summary, tfPreamble, writeTf } from './helpers.js';

const catalog = loadCatalog();
const now = new Date('2026-06-01T00:00:00Z');

/**
 * Groups dba (alice) and ops (bob) with RDS FullAccess; carol holds RDS FullAccess herself;
 * group locked has the Deny policy guard and an Allow of vpc:vpcs:create; `extra` is the
 * relation under test.
 */
function configuration(extra: string): string {
  const dir = writeTf(
    'tf-unknown-holder',
    `${tfPreamble}
resource "huaweicloud_identity_group" "dba" {
  name = "dba"
}

resource "huaweicloud_identity_group" "ops" {
  name = "ops"
}

resource "huaweicloud_identity_group" "locked" {
  name = "locked"
}

resource "huaweicloud_identity_user" "alice" {
  name = "alice"
}

resource "huaweicloud_identity_user" "bob" {
  name = "bob"
}

resource "huaweicloud_identity_user" "carol" {
  name = "carol"
}

resource "huaweicloud_identity_group_membership" "dba" {
  group = huaweicloud_identity_group.dba.id
  users = [huaweicloud_identity_user.alice.id]
}

resource "huaweicloud_identity_group_membership" "ops" {
  group = huaweicloud_identity_group.ops.id
  users = [huaweicloud_identity_user.bob.id]
}

resource "huaweicloud_identity_group_role_assignment" "dba_full" {
  group_id   = huaweicloud_identity_group.dba.id
  role_id    = data.huaweicloud_identity_role.rds_full.id
  project_id = "all"
}

resource "huaweicloud_identity_group_role_assignment" "ops_full" {
  group_id   = huaweicloud_identity_group.ops.id
  role_id    = data.huaweicloud_identity_role.rds_full.id
  project_id = "all"
}

resource "huaweicloud_identity_user_role_assignment" "carol_full" {
  user_id    = huaweicloud_identity_user.carol.id
  role_id    = data.huaweicloud_identity_role.rds_full.id
  project_id = "all"
}

resource "huaweicloud_identity_role" "guard" {
  name = "guard"
  type = "XA"
  policy = jsonencode({
    Version   = "1.1"
    Statement = [{ Effect = "Deny", Action = ["rds:instance:delete"] }]
  })
}

resource "huaweicloud_identity_role" "vpc_create" {
  name = "vpc-create"
  type = "XA"
  policy = jsonencode({
    Version   = "1.1"
    Statement = [{ Effect = "Allow", Action = ["vpc:vpcs:create"] }]
  })
}

resource "huaweicloud_identity_group_role_assignment" "locked_guard" {
  group_id   = huaweicloud_identity_group.locked.id
  role_id    = huaweicloud_identity_role.guard.id
  project_id = "all"
}

resource "huaweicloud_identity_group_role_assignment" "locked_vpc" {
  group_id   = huaweicloud_identity_group.locked.id
  role_id    = huaweicloud_identity_role.vpc_create.id
  project_id = "all"
}

${extra}
`,
  );
  return dir;
}

const actions = ['rds:instance:delete', 'rds:instance:create', 'vpc:vpcs:create'];

/** Each user's decision on each action in cn-north-4, as `user action decision`. */
async function decisions(dir: string): Promise<{ answers: string[]; warnings: string[] }> {
  const result = await importTerraform(dir, catalog);
  const evaluator = evaluatorOf(result, catalog);
  const answers = ['alice', 'bob', 'carol'].flatMap((user) =>
    actions.map(
      (action) =>
        `${user} ${action} ${can(evaluator, user, action, { project: 'cn-north-4', now }).decision}`,
    ),
  );
  return { answers, warnings: summary(result).warnings };
}

/** The answers without the relation under test. */
const baseline = [
  'alice rds:instance:delete allow',
  'alice rds:instance:create allow',
  'alice vpc:vpcs:create implicit-deny',
  'bob rds:instance:delete allow',
  'bob rds:instance:create allow',
  'bob vpc:vpcs:create implicit-deny',
  'carol rds:instance:delete allow',
  'carol rds:instance:create allow',
  'carol vpc:vpcs:create implicit-deny',
];

/** The baseline with rds:instance:delete conditional for `users`. */
function deleteConditionalFor(...users: string[]): string[] {
  return baseline.map((line) =>
    users.some((u) => line === `${u} rds:instance:delete allow`)
      ? line.replace(/allow$/, 'conditional')
      : line,
  );
}

describe('Terraform relations whose holder, permission or membership is unknown', () => {
  it('the baseline configuration answers exactly', async () => {
    expect((await decisions(configuration(''))).answers).toEqual(baseline);
  });

  it('a Deny granted to an unknown group: conditional for every group', async () => {
    const { answers, warnings } = await decisions(
      configuration(`variable "target" {}

resource "huaweicloud_identity_group_role_assignment" "guard_somewhere" {
  group_id   = var.target
  role_id    = huaweicloud_identity_role.guard.id
  project_id = "all"
}`),
    );
    expect(answers).toEqual(deleteConditionalFor('alice', 'bob'));
    expect(warnings).toEqual([
      'unknown: main.tf:94: huaweicloud_identity_group_role_assignment.guard_somewhere: the Deny is kept as conditional: group_id: var.target has no value (no default, not in terraform.tfvars; pass --var target=…); the Deny statements it may grant are granted as policy "guard (known after apply)" to 3 holders: group dba, group locked, group ops',
    ]);
  });

  it('a Deny granted to an unknown user: conditional for every user', async () => {
    const { answers } = await decisions(
      configuration(`variable "who" {}

resource "huaweicloud_identity_user_role_assignment" "guard_someone" {
  user_id    = var.who
  role_id    = huaweicloud_identity_role.guard.id
  project_id = "all"
}`),
    );
    expect(answers).toEqual(deleteConditionalFor('alice', 'bob', 'carol'));
  });

  it('an unknown role granted to a group: its members may get any Deny', async () => {
    const { answers } = await decisions(
      configuration(`variable "role" {}

resource "huaweicloud_identity_group_role_assignment" "dba_something" {
  group_id   = huaweicloud_identity_group.dba.id
  role_id    = var.role
  project_id = "all"
}`),
    );
    expect(answers).toEqual(deleteConditionalFor('alice'));
  });

  it('an unknown role granted to a group whose policies hold no Deny: left out', async () => {
    const dir = writeTf(
      'tf-unknown-role-allow',
      `resource "huaweicloud_identity_group" "dba" {
  name = "dba"
}

variable "role" {}

resource "huaweicloud_identity_group_role_assignment" "dba_something" {
  group_id   = huaweicloud_identity_group.dba.id
  role_id    = var.role
  project_id = "all"
}
`,
    );
    const result = await importTerraform(dir, catalog);
    expect(result.file.data.groups.flatMap((g) => g.grants)).toEqual([]);
    expect(summary(result).warnings).toEqual([
      'unknown: main.tf:9: huaweicloud_identity_group_role_assignment.dba_something: role_id: var.role has no value (no default, not in terraform.tfvars; pass --var role=…); left out (nothing it may grant holds a Deny, and leaving out an Allow never adds access)',
    ]);
  });

  it('a membership with an unknown count: the group Denies, not its Allows', async () => {
    const { answers, warnings } = await decisions(
      configuration(`variable "lock_carol" {}

resource "huaweicloud_identity_group_membership" "locked" {
  count = var.lock_carol ? 1 : 0
  group = huaweicloud_identity_group.locked.id
  users = [huaweicloud_identity_user.carol.id]
}`),
    );
    // vpc:vpcs:create stays denied: an uncertain membership never adds the group's Allow.
    expect(answers).toEqual(deleteConditionalFor('carol'));
    expect(warnings).toEqual([
      'unknown: main.tf:93: huaweicloud_identity_group_membership.locked: the Deny is kept as conditional: its count is unknown: var.lock_carol has no value (no default, not in terraform.tfvars; pass --var lock_carol=…); the Deny statements it may grant are granted as policy "guard (known after apply)" to 1 holder: user carol',
    ]);
  });

  it('an unknown user in a membership: every user may be in the group', async () => {
    const { answers } = await decisions(
      configuration(`variable "someone" {}

resource "huaweicloud_identity_group_membership" "locked" {
  group = huaweicloud_identity_group.locked.id
  users = [var.someone]
}`),
    );
    expect(answers).toEqual(deleteConditionalFor('alice', 'bob', 'carol'));
  });

  it('an unknown group in a membership: the user may get any group Deny', async () => {
    const { answers } = await decisions(
      configuration(`variable "team" {}

resource "huaweicloud_identity_group_membership" "carol_somewhere" {
  group = var.team
  users = [huaweicloud_identity_user.carol.id]
}`),
    );
    expect(answers).toEqual(deleteConditionalFor('carol'));
  });

  it('with the value given, the relation is exact again', async () => {
    const dir = configuration(`variable "lock_carol" {}

resource "huaweicloud_identity_group_membership" "locked" {
  count = var.lock_carol ? 1 : 0
  group = huaweicloud_identity_group.locked.id
  users = [huaweicloud_identity_user.carol.id]
}`);
    const decide = async (lock: string) => {
      const result = await importTerraform(dir, catalog, { vars: { lock_carol: lock } });
      const evaluator = evaluatorOf(result, catalog);
      return actions.map(
        (a) => can(evaluator, 'carol', a, { project: 'cn-north-4', now }).decision,
      );
    };
    expect(await decide('true')).toEqual(['deny', 'allow', 'allow']);
    expect(await decide('false')).toEqual(['allow', 'allow', 'implicit-deny']);
  });
});
