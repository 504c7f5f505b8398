/**
 * Terraform import of an RDS team written twice: as `.tf` files and as the plan JSON
 * (`terraform show -json`) of the same configuration plus a module. Pinned: references resolved
 * (`…group.dba.id`, `for` over `for_each` users, `projects[0].id` of a data source, ids a plan
 * already knows), `jsonencode` policies parsed, values unknown until apply reported, DLI
 * resources as DLI requests, positions in the original files, and bad input.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { can } from '../../src/engine/can.js';
import type { ImportResult } from '../../src/import/log.js';
import { importTerraform } from '../../src/import/terraform/import.js';
import { runCli } from '../cli/run-helper.js';
import { evaluatorOf, root, scratchDir, summary } from './helpers.js';

const catalog = loadCatalog();
const fixtures = join(root, 'test/fixtures/import/terraform');
const tfDir = join(fixtures, 'rds-team');
const planFile = join(fixtures, 'plan-rds-team.json');
const now = new Date('2026-06-01T00:00:00Z');

const sharedModel = {
  projects: ['cn-north-4'],
  users: ['erin in dba', 'frank in dba'],
  policy: {
    name: 'rds-no-delete',
    type: 'XA',
    document: {
      Version: '1.1',
      Statement: [{ Effect: 'Deny', Action: ['rds:instance:delete', 'rds:backup:delete'] }],
    },
  },
  dli: [
    {
      project: 'cn-north-4',
      user_name: 'erin',
      action: 'grant',
      privileges: [{ object: 'databases.sales', privileges: ['SELECT'] }],
    },
    {
      project: 'cn-north-4',
      user_name: 'erin',
      action: 'grant',
      privileges: [{ object: 'queues.etl', privileges: ['SUBMIT_JOB'] }],
    },
  ],
};

function grants(result: ImportResult): string[] {
  const { data } = result.file;
  return [
    ...data.groups.map((g) => ['group', g] as const),
    ...data.users.map((u) => ['user', u] as const),
  ].flatMap(([kind, h]) =>
    h.grants.map((g) => `${kind} ${h.name}: ${g.permission} @ ${g.scope ?? '(none)'}`),
  );
}

function shared(result: ImportResult) {
  const { data } = result.file;
  const policy = data.policies[0];
  return {
    projects: data.projects.map((p) => p.name),
    users: data.users
      .filter((u) => u.groups.length > 0)
      .map((u) => `${u.name} in ${u.groups.join(', ')}`),
    policy: { name: policy?.name, type: policy?.type, document: policy?.document },
    dli: (data.dli as { requests: unknown[] }).requests,
  };
}

function rdsDecisions(result: ImportResult): Record<string, string> {
  const evaluator = evaluatorOf(result, catalog);
  const out: Record<string, string> = {};
  for (const user of ['erin', 'frank'])
    for (const action of catalog.actionsOf('rds'))
      out[`${user} ${action.name}`] = can(evaluator, user, action.name, {
        project: 'cn-north-4',
        now,
      }).decision;
  return out;
}

describe('Terraform .tf files', () => {
  it('imports the RDS team: references resolved, jsonencode parsed, DLI requests', async () => {
    const result = await importTerraform(tfDir, catalog);
    expect(shared(result)).toEqual(sharedModel);
    expect(grants(result)).toEqual([
      'group dba: rds-no-delete @ all',
      'group dba: RDS FullAccess @ cn-north-4',
      'group huaweicloud_identity_group.ops: RDS FullAccess @ global',
    ]);
    expect(summary(result).warnings).toEqual([
      'unknown: main.tf:57: huaweicloud_identity_group.ops: the name is unknown (random_string.suffix.result is known only after apply); named by its address',
      'unknown: main.tf:85: huaweicloud_dli_datasource_connection_privilege.analytics: huaweicloud_dli_datasource_connection.rds.id is known only after apply; the DLI grant is left out',
    ]);
  });

  it('points model objects at the .tf block and attribute they come from', async () => {
    const result = await importTerraform(tfDir, catalog);
    const at = (path: (string | number)[]): string => {
      const p = result.file.source.locate(path);
      return `${p.file.split('/').pop()}:${p.line}:${p.column} ${p.path}`;
    };
    const dba = result.file.data.groups.findIndex((g) => g.name === 'dba');
    expect(at(['groups', dba])).toBe('main.tf:15:1 huaweicloud_identity_group.dba');
    expect(at(['groups', dba, 'grants', 1])).toBe(
      'main.tf:31:1 huaweicloud_identity_group_role_assignment.dba_rds',
    );
    expect(at(['users', 0, 'groups', 0])).toBe(
      'main.tf:28:3 huaweicloud_identity_group_membership.dba.users',
    );
    expect(at(['policies', 0, 'document', 'Statement', 0])).toBe(
      'main.tf:41:3 huaweicloud_identity_role.no_delete.policy',
    );
    expect(at(['dli', 'requests', 1])).toBe('main.tf:75:1 huaweicloud_dli_permission.erin_queue');
  });

  it('reports a module call, whose resources it does not read', async () => {
    const dir = scratchDir('tf-module');
    writeFileSync(
      join(dir, 'main.tf'),
      'resource "huaweicloud_identity_group" "a" {\n  name = "a"\n}\n\nmodule "audit" {\n  source = "./audit"\n}\n',
    );
    const result = await importTerraform(dir, catalog);
    expect(summary(result).warnings).toEqual([
      'unknown: main.tf:5: module.audit: modules are not read from .tf files (import `terraform show -json` of a plan instead); its instances are left out, and what it may deny is kept as a conditional Deny of *:*:* for every user and group',
    ]);
    expect(result.file.data.groups.map((g) => g.name)).toEqual(['a']);
    // The module may deny anything to anyone: conditional, never a wrong allow.
    expect(grants(result)).toEqual(['group a: module.audit (not read) @ all']);
    expect(result.file.data.policies.map((p) => [p.name, p.document])).toEqual([
      [
        'module.audit (not read)',
        {
          Version: '1.1',
          Statement: [
            {
              Effect: 'Deny',
              Action: ['*:*:*'],
              Condition: { Bool: { 'permgraph:KnownAfterApply': ['true'] } },
            },
          ],
        },
      ],
    ]);
  });
});

describe('Terraform identity v5 resources', () => {
  const dir = join(fixtures, 'identity-v5');

  it('imports v5 users, groups, memberships, policies and attachments (no scope)', async () => {
    const result = await importTerraform(dir, catalog);
    expect(grants(result)).toEqual([
      'group legacy: RDS Administrator @ all',
      'group ops: rds-read-v5 @ (none)',
    ]);
    expect(result.file.data.users.map((u) => `${u.name} in ${u.groups.join(', ')}`)).toEqual([
      'gina in ops',
    ]);
    expect(result.file.data.policies[0]?.document).toEqual({
      Version: '5.0',
      Statement: [{ Effect: 'Allow', Action: ['rds:instance:list'], Resource: ['*'] }],
    });
    expect(result.file.data.projects.map((p) => p.name)).toEqual(['cn-north-1']);
    expect(summary(result).warnings).toEqual([
      'unknown: main.tf:51: huaweicloud_identity_agency.ecs: agencies are not part of the model; ignored',
    ]);
  });

  it('can answers in the provider region', async () => {
    const outcome = await runCli(
      ['can', 'gina', 'rds:instance:list', '--project', 'cn-north-1', '-m', `terraform:${dir}`],
      root,
    );
    expect(outcome.code).toBe(0);
    expect(outcome.stdout.split('\n')[0]).toBe(
      'ALLOWED  user:gina → rds:instance:list in project cn-north-1',
    );
  });
});

describe('Terraform DLI resources', () => {
  it('a connection privilege to another project and a table permission become DLI requests', async () => {
    const dir = join(fixtures, 'dli');
    const result = await importTerraform(dir, catalog);
    expect(result.file.data.dli).toEqual({
      requests: [
        {
          project: 'cn-north-4',
          projectId: '0732e57c728025922f04c01273686950',
          action: 'grant',
          privileges: [
            {
              object: 'edsconnections.4b5c6d7e-0000-4000-8000-000000000001',
              privileges: ['BIND_QUEUE'],
            },
          ],
        },
        {
          project: 'cn-north-4',
          user_name: 'dan',
          action: 'grant',
          privileges: [{ object: 'databases.db1.tables.t1', privileges: ['SELECT', 'DROP_TABLE'] }],
        },
      ],
    });
    const outcome = await runCli([
      'can',
      'project:0732e57c728025922f04c01273686950',
      'BIND_QUEUE',
      '--on',
      'edsconnections.4b5c6d7e-0000-4000-8000-000000000001',
      '-m',
      dir,
    ]);
    expect(outcome.code, outcome.stderr).toBe(0);
  });
});

describe('Terraform plan JSON', () => {
  it('imports the same team, the module, and ids the plan already knows', async () => {
    const result = await importTerraform(planFile, catalog);
    expect(shared(result)).toEqual({
      ...sharedModel,
      // Terraform's jsonencode sorts keys; the document is parsed, never compared as text.
      policy: { ...sharedModel.policy },
    });
    expect(grants(result)).toEqual([
      'group auditors: RDS FullAccess @ all',
      'group dba: RDS FullAccess @ cn-north-4',
      'group dba: rds-no-delete @ all',
      'group huaweicloud_identity_group.ops: RDS FullAccess @ global',
      'user 3c2b1a09f8e7d6c5b4a3928170f6e5d4: RDS FullAccess @ enterprise-project:b8c7d6e5-0000-4000-8000-000000000001',
    ]);
    expect(summary(result).warnings).toEqual([
      'unknown: plan-rds-team.json:139: huaweicloud_identity_group.ops: the name is unknown (random_string.suffix.result is known only after apply); named by its address',
      'unknown: plan-rds-team.json:200: huaweicloud_dli_datasource_connection_privilege.analytics: huaweicloud_dli_datasource_connection.rds.id is known only after apply; the DLI grant is left out',
      'unknown: plan-rds-team.json:253: module.audit.huaweicloud_identity_user_role_assignment.contractor.user_id: user 3c2b1a09f8e7d6c5b4a3928170f6e5d4 is not managed here; named by its id',
    ]);
  });

  it('leaves out a grant the plan deletes', async () => {
    const result = await importTerraform(planFile, catalog);
    expect(JSON.stringify(result.file.data)).not.toContain('aaaa');
  });

  it('gives the same RDS decisions as the .tf files for erin and frank', async () => {
    const fromPlan = rdsDecisions(await importTerraform(planFile, catalog));
    const fromTf = rdsDecisions(await importTerraform(tfDir, catalog));
    expect(fromPlan['erin rds:instance:delete']).toBe('deny');
    expect(fromPlan['frank rds:instance:create']).toBe('allow');
    expect(fromPlan).toEqual(fromTf);
  });

  it('points explanations at the plan resource', async () => {
    const outcome = await runCli(
      [
        'can',
        'erin',
        'rds:instance:delete',
        '--project',
        'cn-north-4',
        '-m',
        planFile,
        '--explain',
      ],
      root,
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain(
      'grant of rds-no-delete on all resources (test/fixtures/import/terraform/plan-rds-team.json:',
    );
  });
});

describe('bad Terraform input', () => {
  function dirWith(text: string): string {
    const dir = scratchDir('tf-bad');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'main.tf'), text);
    return dir;
  }

  it('invalid HCL: exit 2 at the file, line and column', async () => {
    const dir = dirWith('resource "huaweicloud_identity_group" "a" {\n  name = "a"\n');
    const outcome = await runCli(['import', 'terraform', dir], dir);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr.split('\n')[0]).toBe(
      'permgraph: main.tf:1:43: invalid HCL: Unclosed configuration block; There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
    );
  });

  it('a policy that is not JSON, and one that is not a policy: exit 2, or skipped with --partial', async () => {
    const dir = dirWith(`resource "huaweicloud_identity_group" "a" {
  name = "a"
}

resource "huaweicloud_identity_role" "p" {
  name   = "p"
  type   = "XA"
  policy = <<EOT
{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["rds:*:*"],}]}
EOT
}

resource "huaweicloud_identity_role" "q" {
  name   = "q"
  type   = "XA"
  policy = jsonencode({ Version = "1.1", Statement = [{ Effect = "Maybe", Action = ["rds:*:*"] }] })
}
`);
    await expect(importTerraform(dir, catalog)).rejects.toMatchObject({
      code: 'E_POLICY',
      position: { line: 9, column: 76 },
    });
    const partial = await importTerraform(dir, catalog, { partial: true });
    expect(summary(partial).warnings).toEqual([
      'skipped: main.tf:9: huaweicloud_identity_role.p.policy is not JSON: property name expected',
      'skipped: main.tf:16: huaweicloud_identity_role.q.policy: Statement[0].Effect must be "Allow" or "Deny", got "Maybe"',
    ]);
    expect(partial.file.data.groups.map((g) => g.name)).toEqual(['a']);
    expect(partial.file.data.policies).toEqual([]);
  });

  it('a statement error inside an indented heredoc: at its own .tf line and column', async () => {
    const dir = dirWith(`resource "huaweicloud_identity_role" "p" {
  name   = "p"
  type   = "XA"
  policy = <<-EOT
    {
      "Version": "1.1",
      "Statement": [{ "Effect": "Permit", "Action": ["rds:*:*"] }]
    }
  EOT
}
`);
    await expect(importTerraform(dir, catalog)).rejects.toMatchObject({
      code: 'E_POLICY',
      position: {
        line: 7,
        column: 23,
        path: 'huaweicloud_identity_role.p.policy.Statement[0].Effect',
      },
    });
  });

  it('a JSON file that is not a plan: exit 2', async () => {
    const dir = scratchDir('tf-notplan');
    writeFileSync(join(dir, 'plan.json'), '{"format_version": "1.0"}');
    const outcome = await runCli(['import', 'terraform', 'plan.json'], dir);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr.split('\n')[0]).toBe(
      'permgraph: plan.json:1:1: not a Terraform plan: no planned_values or resource_changes',
    );
  });

  it('a plan resource without its type and name: exit 2 at the resource, or skipped with --partial', async () => {
    const dir = scratchDir('tf-notype');
    writeFileSync(
      join(dir, 'plan.json'),
      '{"format_version":"1.0","planned_values":{"root_module":{"resources":[{"address":"x"}]}}}',
    );
    const outcome = await runCli(['import', 'terraform', 'plan.json'], dir);
    expect([outcome.code, outcome.stderr.split('\n')[0]]).toEqual([
      2,
      'permgraph: plan.json:1:71: a plan resource needs type, name (strings, as terraform show -json writes them)',
    ]);
    const partial = await runCli(['import', 'terraform', 'plan.json', '--partial'], dir);
    expect([partial.code, partial.stderr]).toEqual([
      0,
      'permgraph: warning: plan.json:1:71: skipped: a plan resource needs type, name (strings, as terraform show -json writes them)\n',
    ]);
  });
});

describe('Terraform plan JSON, small cases', () => {
  function planWith(
    resources: Record<string, unknown>[],
    data: Record<string, unknown>[],
    changes: Record<string, unknown>[],
    config: Record<string, unknown>[],
  ): string {
    const file = join(scratchDir('tf-plan'), 'plan.json');
    writeFileSync(
      file,
      JSON.stringify(
        {
          format_version: '1.2',
          planned_values: { root_module: { resources } },
          resource_changes: changes,
          prior_state: { values: { root_module: { resources: data } } },
          configuration: { root_module: { resources: config } },
        },
        null,
        2,
      ),
    );
    return file;
  }
  const managed = (address: string, values: Record<string, unknown>) => {
    const [type, name] = address.split('.');
    return { address, mode: 'managed', type, name, values };
  };

  it('imports a system permission the catalog lacks with the document its data source read', async () => {
    const file = planWith(
      [
        managed('huaweicloud_identity_group.ops', { name: 'ops' }),
        managed('huaweicloud_identity_group_role_assignment.ops', {
          role_id: 'r-xyz',
          domain_id: 'd1',
        }),
      ],
      [
        {
          address: 'data.huaweicloud_identity_role.xyz',
          mode: 'data',
          type: 'huaweicloud_identity_role',
          name: 'xyz',
          values: {
            id: 'r-xyz',
            display_name: 'XYZ ReadOnlyAccess',
            name: 'system_all_777',
            policy: '{"Version":"1.1","Statement":[{"Effect":"Allow","Action":["xyz:*:get*"]}]}',
          },
        },
      ],
      [
        {
          address: 'huaweicloud_identity_group_role_assignment.ops',
          change: { actions: ['create'], after_unknown: { group_id: true, id: true } },
        },
      ],
      [
        {
          address: 'huaweicloud_identity_group_role_assignment.ops',
          expressions: {
            group_id: {
              references: ['huaweicloud_identity_group.ops.id', 'huaweicloud_identity_group.ops'],
            },
            role_id: {
              references: [
                'data.huaweicloud_identity_role.xyz.id',
                'data.huaweicloud_identity_role.xyz',
              ],
            },
            domain_id: { constant_value: 'd1' },
          },
        },
      ],
    );
    const result = await importTerraform(file, catalog);
    expect(grants(result)).toEqual(['group ops: XYZ ReadOnlyAccess @ global']);
    expect(result.file.data.policies.map((p) => [p.name, p.document])).toEqual([
      [
        'XYZ ReadOnlyAccess',
        { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['xyz:*:get*'] }] },
      ],
    ]);
    expect(summary(result).warnings).toEqual([
      'unknown: plan.json:21: system permission "XYZ ReadOnlyAccess" is not in catalog 2026.12.0 (2026-12-03); imported with the document the plan carries',
    ]);
  });

  it('a Deny grant to one of several groups: conditional for those groups only', async () => {
    const guard = {
      Version: '1.1',
      Statement: [{ Effect: 'Deny', Action: ['rds:instance:delete'] }],
    };
    const file = planWith(
      [
        {
          ...managed('huaweicloud_identity_group.team', { name: 'team-a' }),
          index: 0,
          address: 'huaweicloud_identity_group.team[0]',
        },
        {
          ...managed('huaweicloud_identity_group.team', { name: 'team-b' }),
          index: 1,
          address: 'huaweicloud_identity_group.team[1]',
        },
        managed('huaweicloud_identity_group.other', { name: 'other' }),
        managed('huaweicloud_identity_role.guard', {
          name: 'guard',
          type: 'XA',
          policy: JSON.stringify(guard),
        }),
        managed('huaweicloud_identity_group_role_assignment.pick', { project_id: 'all' }),
      ],
      [],
      [
        {
          address: 'huaweicloud_identity_group_role_assignment.pick',
          change: {
            actions: ['create'],
            after_unknown: { group_id: true, role_id: true, id: true },
          },
        },
      ],
      [
        {
          address: 'huaweicloud_identity_group_role_assignment.pick',
          expressions: {
            group_id: { references: ['var.which', 'huaweicloud_identity_group.team'] },
            role_id: {
              references: ['huaweicloud_identity_role.guard.id', 'huaweicloud_identity_role.guard'],
            },
            project_id: { constant_value: 'all' },
          },
        },
      ],
    );
    const result = await importTerraform(file, catalog);
    expect(grants(result)).toEqual([
      'group team-a: guard (known after apply) @ all',
      'group team-b: guard (known after apply) @ all',
    ]);
    expect(
      result.file.data.policies.find((p) => p.name === 'guard (known after apply)')?.document,
    ).toEqual({
      Version: '1.1',
      Statement: [
        {
          Effect: 'Deny',
          Action: ['rds:instance:delete'],
          Condition: { Bool: { 'permgraph:KnownAfterApply': ['true'] } },
        },
      ],
    });
  });

  it('a Deny grant to team[count.index + 1]: the references do not fix the index, so any team', async () => {
    const guard = {
      Version: '1.1',
      Statement: [{ Effect: 'Deny', Action: ['rds:instance:delete'] }],
    };
    const team = (i: number) => ({
      ...managed('huaweicloud_identity_group.team', { name: `team-${i}` }),
      index: i,
      address: `huaweicloud_identity_group.team[${i}]`,
    });
    const file = planWith(
      [
        team(0),
        team(1),
        managed('huaweicloud_identity_role.guard', {
          name: 'guard',
          type: 'XA',
          policy: JSON.stringify(guard),
        }),
        {
          ...managed('huaweicloud_identity_group_role_assignment.g', {
            project_id: 'all',
            role_id: 'r',
          }),
          index: 0,
          address: 'huaweicloud_identity_group_role_assignment.g[0]',
        },
      ],
      [],
      [
        {
          address: 'huaweicloud_identity_group_role_assignment.g[0]',
          change: {
            actions: ['create'],
            after_unknown: { group_id: true, role_id: true, id: true },
          },
        },
      ],
      [
        {
          address: 'huaweicloud_identity_group_role_assignment.g',
          expressions: {
            // What Terraform lists for team[count.index + 1].id, and for team[count.index].id.
            group_id: { references: ['huaweicloud_identity_group.team', 'count.index'] },
            role_id: {
              references: ['huaweicloud_identity_role.guard.id', 'huaweicloud_identity_role.guard'],
            },
            project_id: { constant_value: 'all' },
          },
        },
      ],
    );
    const result = await importTerraform(file, catalog);
    expect(grants(result)).toEqual([
      'group team-0: guard (known after apply) @ all',
      'group team-1: guard (known after apply) @ all',
    ]);
  });

  it('reports an unknown id whose references name several instances, and imports the rest', async () => {
    const file = planWith(
      [
        {
          ...managed('huaweicloud_identity_group.team', { name: 'team-a' }),
          index: 0,
          address: 'huaweicloud_identity_group.team[0]',
        },
        {
          ...managed('huaweicloud_identity_group.team', { name: 'team-b' }),
          index: 1,
          address: 'huaweicloud_identity_group.team[1]',
        },
        managed('huaweicloud_identity_group_role_assignment.pick', {
          role_id: 'r-rds',
          project_id: 'all',
        }),
      ],
      [
        {
          address: 'data.huaweicloud_identity_role.rds',
          mode: 'data',
          type: 'huaweicloud_identity_role',
          name: 'rds',
          values: { id: 'r-rds', display_name: 'RDS ReadOnlyAccess', name: 'system_all_12' },
        },
      ],
      [
        {
          address: 'huaweicloud_identity_group_role_assignment.pick',
          change: { actions: ['create'], after_unknown: { group_id: true, id: true } },
        },
      ],
      [
        {
          address: 'huaweicloud_identity_group_role_assignment.pick',
          expressions: {
            group_id: { references: ['var.which', 'huaweicloud_identity_group.team'] },
            role_id: { references: ['data.huaweicloud_identity_role.rds.id'] },
            project_id: { constant_value: 'all' },
          },
        },
      ],
    );
    const result = await importTerraform(file, catalog);
    expect(result.file.data.groups.map((g) => g.name)).toEqual(['team-a', 'team-b']);
    expect(grants(result)).toEqual([]);
    expect(summary(result).warnings).toEqual([
      'unknown: plan.json:31: huaweicloud_identity_group_role_assignment.pick: group_id: huaweicloud_identity_group_role_assignment.pick.group_id is known only after apply (it may refer to huaweicloud_identity_group.team[0].id, huaweicloud_identity_group.team[1].id); left out (nothing it may grant holds a Deny, and leaving out an Allow never adds access)',
    ]);
  });
});
