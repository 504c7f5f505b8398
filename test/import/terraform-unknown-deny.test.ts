/**
 * An unknown value never silently removes a Deny. A Deny statement, a policy holding one, or its
 * grant that is known only after apply is imported under `permgraph:KnownAfterApply`, a
 * condition no query supplies: the answer is `conditional`, never a wrong `allow`. Known parts
 * stay exact (the known actions of a certain Deny stay `deny`); Allow statements with unknown
 * parts are left out. Each case is written as `.tf` files, and the plan cases as plan JSON.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { can } from '../../src/engine/can.js';
import type { ImportResult } from '../../src/import/log.js';
import { importTerraform, type TerraformImportOptions } from '../../src/import/terraform/import.js';
import { runCli } from '../cli/run-helper.js';
import { evaluatorOf, root, scratchDir, summary } from './helpers.js';

const catalog = loadCatalog();
const now = new Date('2026-06-01T00:00:00Z');
const maybe = { Bool: { 'permgraph:KnownAfterApply': ['true'] } };
const planFixture = join(root, 'test/fixtures/import/terraform/plan-rds-team.json');

/** A group dba (alice) with RDS FullAccess in cn-north-4 and the custom policy `policy`. */
function configuration(parts: {
  policy: string;
  roleMeta?: string;
  grantMeta?: string;
  project?: string;
  variables?: string;
}): string {
  const dir = scratchDir('tf-unknown-deny');
  writeFileSync(
    join(dir, 'main.tf'),
    `provider "huaweicloud" {
  region = "cn-north-4"
}

data "huaweicloud_identity_role" "rds_full" {
  display_name = "RDS FullAccess"
}

data "huaweicloud_identity_projects" "region" {
  name = "cn-north-4"
}

resource "huaweicloud_identity_group" "dba" {
  name = "dba"
}

resource "huaweicloud_identity_user" "alice" {
  name = "alice"
}

resource "huaweicloud_identity_group_membership" "dba" {
  group = huaweicloud_identity_group.dba.id
  users = [huaweicloud_identity_user.alice.id]
}

resource "huaweicloud_identity_group_role_assignment" "dba_full" {
  group_id   = huaweicloud_identity_group.dba.id
  role_id    = data.huaweicloud_identity_role.rds_full.id
  project_id = data.huaweicloud_identity_projects.region.projects[0].id
}

resource "huaweicloud_identity_role" "guard" {
  ${parts.roleMeta ?? ''}
  name   = "guard"
  type   = "XA"
  policy = ${parts.policy}
}

resource "huaweicloud_identity_group_role_assignment" "dba_guard" {
  ${parts.grantMeta ?? ''}
  group_id   = huaweicloud_identity_group.dba.id
  role_id    = huaweicloud_identity_role.guard${parts.roleMeta ? '[0]' : ''}.id
  project_id = ${parts.project ?? '"all"'}
}

${parts.variables ?? ''}
`,
  );
  return dir;
}

const denyWithUnknownAction = `jsonencode({
    Version = "1.1"
    Statement = [{
      Effect = "Deny"
      Action = ["rds:instance:delete", var.extra_action]
    }]
  })`;

const denyDeletes = `jsonencode({
    Version = "1.1"
    Statement = [
      { Effect = "Allow", Action = ["rds:instance:list"] },
      { Effect = "Deny", Action = ["rds:instance:delete", "rds:backup:delete"] },
    ]
  })`;

/** `can alice ACTION --project cn-north-4` on the imported model, for each action. */
function decisions(result: ImportResult, actions: string[]): Record<string, string> {
  const evaluator = evaluatorOf(result, catalog);
  return Object.fromEntries(
    actions.map((action) => [
      action,
      can(evaluator, 'alice', action, { project: 'cn-north-4', now }).decision,
    ]),
  );
}

async function imported(dir: string, options: TerraformImportOptions = {}) {
  const result = await importTerraform(dir, catalog, options);
  const { data } = result.file;
  return {
    result,
    policies: Object.fromEntries(data.policies.map((p) => [p.name, p.document])),
    grants: data.groups.flatMap((g) =>
      g.grants.map((x) => `${g.name}: ${x.permission} @ ${x.scope}`),
    ),
    warnings: summary(result).warnings,
  };
}

const rds = ['rds:instance:delete', 'rds:backup:delete', 'rds:instance:create'];

describe('a Deny whose Action list has an unknown element (.tf)', () => {
  const dir = configuration({
    policy: denyWithUnknownAction,
    variables: 'variable "extra_action" {}',
  });

  it('keeps the known action denied and denies any action under the unknown condition', async () => {
    const { result, policies, warnings } = await imported(dir);
    expect(policies.guard).toEqual({
      Version: '1.1',
      Statement: [
        { Effect: 'Deny', Action: ['rds:instance:delete'] },
        { Effect: 'Deny', Action: ['*:*:*'], Condition: maybe },
      ],
    });
    expect(decisions(result, rds)).toEqual({
      'rds:instance:delete': 'deny',
      'rds:backup:delete': 'conditional',
      'rds:instance:create': 'conditional',
    });
    expect(warnings).toEqual([
      'unknown: main.tf:36: huaweicloud_identity_role.guard.policy: Statement[0]: the Deny is kept as conditional: var.extra_action has no value (no default, not in terraform.tfvars; pass --var extra_action=…); an unknown action counts as any action (*:*:*), the known actions stay denied',
    ]);
  });

  it('with the variable given, the Deny is exact again', async () => {
    const { result, policies } = await imported(dir, {
      vars: { extra_action: 'rds:backup:delete' },
    });
    expect(policies.guard).toEqual({
      Version: '1.1',
      Statement: [{ Effect: 'Deny', Action: ['rds:instance:delete', 'rds:backup:delete'] }],
    });
    expect(decisions(result, rds)).toEqual({
      'rds:instance:delete': 'deny',
      'rds:backup:delete': 'deny',
      'rds:instance:create': 'allow',
    });
  });

  it('end to end: CONDITIONAL on the .tf files, DENIED once --var gives the action', async () => {
    const query = ['can', 'alice', 'rds:backup:delete', '--project', 'cn-north-4'];
    const open = await runCli([...query, '-m', `terraform:${dir}`], dir);
    expect([open.code, open.stdout.split('\n')[0]]).toEqual([
      1,
      'CONDITIONAL  user:alice → rds:backup:delete in project cn-north-4',
    ]);
    const out = join(scratchDir('tf-unknown-deny-out'), 'm.yaml');
    const given = ['--var', 'extra_action=rds:backup:delete', '-o', out];
    expect((await runCli(['import', 'terraform', dir, ...given], dir)).code).toBe(0);
    const closed = await runCli([...query, '-m', out], dir);
    expect([closed.code, closed.stdout.split('\n')[0]]).toEqual([
      1,
      'DENIED (explicit deny)  user:alice → rds:backup:delete in project cn-north-4',
    ]);
  });
});

describe('other unknown parts of a Deny (.tf)', () => {
  it('a heredoc with an unknown interpolation: read around it', async () => {
    const dir = configuration({
      policy: `<<EOT
{"Version": "1.1", "Statement": [
  {"Effect": "Deny", "Action": ["rds:instance:delete", "\${var.extra_action}"]}
]}
EOT`,
      variables: 'variable "extra_action" {}',
    });
    const { result, policies } = await imported(dir);
    expect(policies.guard).toEqual({
      Version: '1.1',
      Statement: [
        { Effect: 'Deny', Action: ['rds:instance:delete'] },
        { Effect: 'Deny', Action: ['*:*:*'], Condition: maybe },
      ],
    });
    expect(decisions(result, rds)).toEqual({
      'rds:instance:delete': 'deny',
      'rds:backup:delete': 'conditional',
      'rds:instance:create': 'conditional',
    });
  });

  it('an unknown Resource or condition value: the whole Deny is conditional', async () => {
    const dir = configuration({
      policy: `jsonencode({
    Version = "1.1"
    Statement = [{
      Effect    = "Deny"
      Action    = ["rds:instance:delete"]
      Condition = { StringEquals = { "g:UserName" = [var.who] } }
    }]
  })`,
      variables: 'variable "who" {}',
    });
    const { result, policies } = await imported(dir);
    expect(policies.guard).toEqual({
      Version: '1.1',
      Statement: [{ Effect: 'Deny', Action: ['rds:instance:delete'], Condition: maybe }],
    });
    expect(decisions(result, rds)).toEqual({
      'rds:instance:delete': 'conditional',
      'rds:backup:delete': 'allow',
      'rds:instance:create': 'allow',
    });
  });

  it('a document unknown as a whole may deny anything', async () => {
    const dir = configuration({ policy: 'var.document', variables: 'variable "document" {}' });
    const { result, policies, warnings } = await imported(dir);
    expect(policies.guard).toEqual({
      Version: '1.1',
      Statement: [{ Effect: 'Deny', Action: ['*:*:*'], Condition: maybe }],
    });
    expect(decisions(result, rds)).toEqual({
      'rds:instance:delete': 'conditional',
      'rds:backup:delete': 'conditional',
      'rds:instance:create': 'conditional',
    });
    expect(warnings).toEqual([
      'unknown: main.tf:36: huaweicloud_identity_role.guard.policy: the Deny is kept as conditional: var.document has no value (no default, not in terraform.tfvars; pass --var document=…); the document may deny any action, so it is imported as a conditional Deny of *:*:*, and any Allow in it is left out (leaving out an Allow never adds access)',
    ]);
  });

  it('an Allow with an unknown action is left out; the known Deny stays exact', async () => {
    const dir = configuration({
      policy: `jsonencode({
    Version = "1.1"
    Statement = [
      { Effect = "Allow", Action = [var.extra_action] },
      { Effect = "Deny", Action = ["rds:instance:delete"] },
    ]
  })`,
      variables: 'variable "extra_action" {}',
    });
    const { result, policies, warnings } = await imported(dir);
    expect(policies.guard).toEqual({
      Version: '1.1',
      Statement: [{ Effect: 'Deny', Action: ['rds:instance:delete'] }],
    });
    expect(decisions(result, rds)).toEqual({
      'rds:instance:delete': 'deny',
      'rds:backup:delete': 'allow',
      'rds:instance:create': 'allow',
    });
    expect(warnings).toEqual([
      'unknown: main.tf:36: huaweicloud_identity_role.guard.policy: Statement[0]: var.extra_action has no value (no default, not in terraform.tfvars; pass --var extra_action=…); the Allow is left out (leaving out an Allow never adds access)',
    ]);
  });

  it('a policy of Allow statements only, with an unknown part: left out with its grants', async () => {
    const dir = configuration({
      policy:
        'jsonencode({ Version = "1.1", Statement = [{ Effect = "Allow", Action = [var.a] }] })',
      variables: 'variable "a" {}',
    });
    const { policies, grants, warnings } = await imported(dir);
    expect(Object.keys(policies)).toEqual([]);
    expect(grants).toEqual(['dba: RDS FullAccess @ cn-north-4']);
    expect(warnings).toEqual([
      'unknown: main.tf:36: huaweicloud_identity_role.guard.policy: Statement[0]: var.a has no value (no default, not in terraform.tfvars; pass --var a=…); the policy and its grants are left out (it holds no Deny, and leaving out an Allow never adds access)',
      'unknown: main.tf:42: huaweicloud_identity_group_role_assignment.dba_guard.role_id: huaweicloud_identity_role.guard is left out (see the warning about it); left out',
    ]);
  });
});

describe('a Deny policy or grant that may not exist, or whose project is unknown (.tf)', () => {
  it('count unknown on the policy: its Deny statements conditional, its Allow left out', async () => {
    const dir = configuration({
      policy: denyDeletes,
      roleMeta: 'count = var.enforce ? 1 : 0',
      variables: 'variable "enforce" {}',
    });
    const { result, policies, grants, warnings } = await imported(dir);
    expect(policies.guard).toEqual({
      Version: '1.1',
      Statement: [
        { Effect: 'Deny', Action: ['rds:instance:delete', 'rds:backup:delete'], Condition: maybe },
      ],
    });
    expect(grants).toEqual(['dba: RDS FullAccess @ cn-north-4', 'dba: guard @ all']);
    expect(decisions(result, rds)).toEqual({
      'rds:instance:delete': 'conditional',
      'rds:backup:delete': 'conditional',
      'rds:instance:create': 'allow',
    });
    expect(warnings).toEqual([
      'unknown: main.tf:36: huaweicloud_identity_role.guard.policy: the Deny is kept as conditional: its count is unknown: var.enforce has no value (no default, not in terraform.tfvars; pass --var enforce=…); its Allow statements are left out (leaving out an Allow never adds access)',
    ]);
    const given = await imported(dir, { vars: { enforce: 'true' } });
    expect(decisions(given.result, rds)['rds:instance:delete']).toBe('deny');
  });

  it('for_each unknown on the policy: the same', async () => {
    const dir = configuration({
      policy: denyDeletes,
      roleMeta: 'for_each = var.names',
      variables: 'variable "names" {}',
    });
    const { result } = await imported(dir);
    expect(decisions(result, rds)['rds:instance:delete']).toBe('conditional');
  });

  it('count unknown on the grant: the Deny statements granted as a conditional policy', async () => {
    const dir = configuration({
      policy: denyDeletes,
      grantMeta: 'count = var.enforce ? 1 : 0',
      variables: 'variable "enforce" {}',
    });
    const { result, policies, grants, warnings } = await imported(dir);
    expect(grants).toEqual([
      'dba: RDS FullAccess @ cn-north-4',
      'dba: guard (known after apply) @ all',
    ]);
    expect(policies['guard (known after apply)']).toEqual({
      Version: '1.1',
      Statement: [
        { Effect: 'Deny', Action: ['rds:instance:delete', 'rds:backup:delete'], Condition: maybe },
      ],
    });
    expect(decisions(result, rds)).toEqual({
      'rds:instance:delete': 'conditional',
      'rds:backup:delete': 'conditional',
      'rds:instance:create': 'allow',
    });
    expect(warnings).toEqual([
      'unknown: main.tf:45: huaweicloud_identity_group_role_assignment.dba_guard: the Deny is kept as conditional: its count is unknown: var.enforce has no value (no default, not in terraform.tfvars; pass --var enforce=…); its Deny statements are granted as policy "guard (known after apply)" on all',
    ]);
  });

  it('an unknown project_id: the Deny statements, conditional, on all projects', async () => {
    const dir = configuration({
      policy: denyDeletes,
      project: 'var.project_id',
      variables: 'variable "project_id" {}',
    });
    const { result, grants, warnings } = await imported(dir);
    expect(grants).toEqual([
      'dba: RDS FullAccess @ cn-north-4',
      'dba: guard (known after apply) @ all',
    ]);
    expect(decisions(result, rds)).toEqual({
      'rds:instance:delete': 'conditional',
      'rds:backup:delete': 'conditional',
      'rds:instance:create': 'allow',
    });
    expect(warnings).toEqual([
      'unknown: main.tf:45: huaweicloud_identity_group_role_assignment.dba_guard: the Deny is kept as conditional: project_id: var.project_id has no value (no default, not in terraform.tfvars; pass --var project_id=…); its Deny statements are granted as policy "guard (known after apply)" on all',
    ]);
  });

  it('count unknown on the grant of an Allow-only policy: left out', async () => {
    const dir = configuration({
      policy:
        'jsonencode({ Version = "1.1", Statement = [{ Effect = "Allow", Action = ["rds:*:*"] }] })',
      grantMeta: 'count = var.enforce ? 1 : 0',
      variables: 'variable "enforce" {}',
    });
    const { grants, warnings } = await imported(dir);
    expect(grants).toEqual(['dba: RDS FullAccess @ cn-north-4']);
    expect(warnings).toEqual([
      'unknown: main.tf:39: huaweicloud_identity_group_role_assignment.dba_guard: its count is unknown: var.enforce has no value (no default, not in terraform.tfvars; pass --var enforce=…); the grant of guard is left out (it holds no Deny, and leaving out an Allow never adds access)',
    ]);
  });

  it('an identity v5 policy attachment with an unknown count', async () => {
    const dir = scratchDir('tf-unknown-deny-v5');
    writeFileSync(
      join(dir, 'main.tf'),
      `provider "huaweicloud" {
  region = "cn-north-4"
}

resource "huaweicloud_identityv5_group" "ops" {
  group_name = "ops"
}

resource "huaweicloud_identityv5_user" "gina" {
  name = "gina"
}

resource "huaweicloud_identityv5_group_membership" "ops" {
  group_id     = huaweicloud_identityv5_group.ops.id
  user_id_list = [huaweicloud_identityv5_user.gina.id]
}

resource "huaweicloud_identityv5_policy" "all" {
  name = "all-rds"
  policy_document = jsonencode({
    Version   = "5.0"
    Statement = [{ Effect = "Allow", Action = ["rds:*:*"], Resource = ["*"] }]
  })
}

resource "huaweicloud_identityv5_policy" "guard" {
  name = "guard"
  policy_document = jsonencode({
    Version   = "5.0"
    Statement = [{ Effect = "Deny", Action = ["rds:instance:delete"], Resource = ["*"] }]
  })
}

resource "huaweicloud_identityv5_policy_group_attach" "all" {
  policy_id = huaweicloud_identityv5_policy.all.id
  group_id  = huaweicloud_identityv5_group.ops.id
}

resource "huaweicloud_identityv5_policy_group_attach" "guard" {
  count     = var.enforce ? 1 : 0
  policy_id = huaweicloud_identityv5_policy.guard.id
  group_id  = huaweicloud_identityv5_group.ops.id
}

variable "enforce" {}
`,
    );
    const result = await importTerraform(dir, catalog);
    const evaluator = evaluatorOf(result, catalog);
    const decide = (action: string) =>
      can(evaluator, 'gina', action, { project: 'cn-north-4', now }).decision;
    expect([decide('rds:instance:delete'), decide('rds:instance:create')]).toEqual([
      'conditional',
      'allow',
    ]);
  });
});

describe('plan JSON with a Deny known only after apply', () => {
  /** The RDS team plan, with `edit` applied to the named resource's change and values. */
  function planWith(
    address: string,
    edit: (values: Record<string, unknown>, unknown: Record<string, unknown>) => void,
  ): string {
    const plan = JSON.parse(readFileSync(planFixture, 'utf8'));
    const resources = plan.planned_values.root_module.resources as Record<string, any>[];
    const change = (plan.resource_changes as Record<string, any>[]).find(
      (r) => r.address === address,
    );
    const values = resources.find((r) => r.address === address)?.values;
    edit(values, change?.change.after_unknown);
    edit(change?.change.after, {});
    const file = join(scratchDir('tf-unknown-deny-plan'), 'plan.json');
    writeFileSync(file, JSON.stringify(plan, null, 2));
    return file;
  }

  function erin(result: ImportResult): Record<string, string> {
    const evaluator = evaluatorOf(result, catalog);
    return Object.fromEntries(
      rds.map((a) => [a, can(evaluator, 'erin', a, { project: 'cn-north-4', now }).decision]),
    );
  }

  it('after_unknown.policy: the document may deny anything', async () => {
    const file = planWith('huaweicloud_identity_role.no_delete', (values, unknown) => {
      delete values.policy;
      unknown.policy = true;
    });
    const { result, policies, warnings } = await imported(file);
    expect(policies['rds-no-delete']).toEqual({
      Version: '1.1',
      Statement: [{ Effect: 'Deny', Action: ['*:*:*'], Condition: maybe }],
    });
    expect(erin(result)).toEqual({
      'rds:instance:delete': 'conditional',
      'rds:backup:delete': 'conditional',
      'rds:instance:create': 'conditional',
    });
    expect(warnings[0]).toBe(
      'unknown: plan.json:98: huaweicloud_identity_role.no_delete.policy: the Deny is kept as conditional: huaweicloud_identity_role.no_delete.policy is known only after apply; the document may deny any action, so it is imported as a conditional Deny of *:*:*, and any Allow in it is left out (leaving out an Allow never adds access)',
    );
  });

  it('after_unknown.project_id on the Deny grant: conditional on all projects', async () => {
    const file = planWith(
      'huaweicloud_identity_group_role_assignment.dba_no_delete',
      (values, unknown) => {
        delete values.project_id;
        unknown.project_id = true;
      },
    );
    const { result, grants } = await imported(file);
    expect(grants).toContain('dba: rds-no-delete (known after apply) @ all');
    expect(grants).not.toContain('dba: rds-no-delete @ all');
    expect(erin(result)).toEqual({
      'rds:instance:delete': 'conditional',
      'rds:backup:delete': 'conditional',
      'rds:instance:create': 'allow',
    });
  });

  it('end to end: can on the plan prints CONDITIONAL and exits 1', async () => {
    const file = planWith('huaweicloud_identity_role.no_delete', (values, unknown) => {
      delete values.policy;
      unknown.policy = true;
    });
    const outcome = await runCli(
      ['can', 'erin', 'rds:instance:delete', '--project', 'cn-north-4', '-m', file],
      root,
    );
    expect([outcome.code, outcome.stdout.split('\n')[0]]).toEqual([
      1,
      'CONDITIONAL  user:erin → rds:instance:delete in project cn-north-4',
    ]);
  });
});
