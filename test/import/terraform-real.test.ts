/**
 * Every official example of the huaweicloud provider (../shared/real-inputs/terraform/examples)
 * imports from its `.tf` files, and `can` and `lint` run on the result. Pinned: users, groups,
 * grants with scope, what stays unknown until apply, and lint's findings at their `.tf` lines.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { importTerraform } from '../../src/import/terraform/import.js';
import type { ImportResult } from '../../src/import/log.js';
import { resolveModel } from '../../src/model/resolve.js';
import { runCli } from '../cli/run-helper.js';
import { realInputs, summary } from './helpers.js';

const dir = realInputs('terraform/examples');
const catalog = loadCatalog();

describe.runIf(dir)('official Terraform examples', () => {
  it('lists the examples this test pins', () => {
    expect(readdirSync(dir as string).sort()).toEqual([
      'assign-obs-roles',
      'basic',
      'identity_group_membership',
      'users-authorized-through-group',
    ]);
  });

  for (const name of [
    'assign-obs-roles',
    'basic',
    'identity_group_membership',
    'users-authorized-through-group',
  ]) {
    it(`${name} imports`, async () => {
      const result = await importTerraform(join(dir as string, name), catalog);
      expect(() => resolveModel([result.file], catalog)).not.toThrow();
      expect(pinned(result)).toEqual(expected[name]);
    });
  }

  it('grants point at the .tf block they come from', async () => {
    const result = await importTerraform(join(dir as string, 'assign-obs-roles'), catalog);
    const at = (path: (string | number)[]) => {
      const p = result.file.source.locate(path);
      return `${p.file.split('/').slice(-2).join('/')}:${p.line}:${p.column} ${p.path}`;
    };
    expect(at(['groups', 0, 'grants', 0])).toBe(
      'assign-obs-roles/main.tf:64:1 huaweicloud_identity_group_role_assignment.mos',
    );
    expect(at(['groups', 0, 'grants', 1])).toBe(
      'assign-obs-roles/main.tf:53:1 huaweicloud_identity_group_role_assignment.test',
    );
    expect(at(['policies', 0, 'document', 'Statement', 1])).toBe(
      'assign-obs-roles/main.tf:24:5 huaweicloud_identity_role.obs_role.policy.Statement[1]',
    );
  });

  it('takes variables from --var', async () => {
    const result = await importTerraform(join(dir as string, 'assign-obs-roles'), catalog, {
      vars: { group_name: 'obs-admins', user_name: 'alice' },
    });
    expect(pinned(result).users).toEqual(['alice in obs-admins']);
    expect(pinned(result).grants).toEqual([
      'group obs-admins: obs_bucket_create_role @ MOS',
      'group obs-admins: obs_bucket_create_role @ global',
    ]);
    expect(result.warnings).toEqual([]);
  });

  const cans: [string, string[], number, string][] = [
    [
      'users-authorized-through-group',
      ['can', 'tf_test_user', 'rds:instance:list', '--project', 'cn-north-4'],
      1,
      'implicit-deny',
    ],
    ['basic', ['can', 'user_A', 'iam:users:listUsers'], 1, 'implicit-deny'],
    ['identity_group_membership', ['can', 'user_A', 'iam:users:listUsers'], 1, 'implicit-deny'],
    [
      'assign-obs-roles',
      ['can', 'group:huaweicloud_identity_group.test', 'rds:instance:list', '--project', 'MOS'],
      1,
      'implicit-deny',
    ],
  ];
  for (const [name, args, code, decision] of cans) {
    it(`can runs on ${name} (-m terraform:DIR and detected)`, async () => {
      for (const model of [`terraform:${join(dir as string, name)}`, join(dir as string, name)]) {
        const outcome = await runCli([...args, '-m', model, '--format', 'json']);
        expect(outcome.code, outcome.stderr).toBe(code);
        if (decision)
          expect((JSON.parse(outcome.stdout) as { decision: string }).decision).toBe(decision);
      }
    });
  }

  const lints: Record<string, string[]> = {
    'assign-obs-roles': [
      'main.tf:21 policy/unknown-service',
      'main.tf:21 policy/wildcard-allow',
      'main.tf:48 grant/empty-group',
    ],
    basic: ['main.tf:16 grant/empty-group', 'main.tf:23 grant/empty-group'],
    identity_group_membership: ['main.tf:8 grant/empty-group', 'main.tf:16 grant/empty-group'],
    'users-authorized-through-group': [
      'main.tf:13 policy/unknown-service',
      'main.tf:13 policy/wildcard-allow',
    ],
  };
  for (const [name, findings] of Object.entries(lints)) {
    it(`lint runs on ${name}, findings at the .tf lines`, async () => {
      const outcome = await runCli([
        'lint',
        '-m',
        `terraform:${join(dir as string, name)}`,
        '--format',
        'json',
      ]);
      expect(outcome.code, outcome.stderr).toBe(0);
      const report = JSON.parse(outcome.stdout) as {
        findings: { ruleId: string; file: string; line: number }[];
      };
      expect(
        report.findings.map((f) => `${f.file.split('/').pop()}:${f.line} ${f.ruleId}`),
      ).toEqual(findings);
    });
  }
});

/** What an import gave, in short: users with their groups, grants with scope, policies. */
function pinned(result: ImportResult): {
  users: string[];
  groups: string[];
  grants: string[];
  policies: string[];
  projects: string[];
  warnings: string[];
} {
  const { data } = result.file;
  return {
    users: data.users.map((u) => `${u.name}${u.groups.length ? ` in ${u.groups.join(', ')}` : ''}`),
    groups: data.groups.map((g) => g.name),
    grants: [
      ...data.groups.map((g) => ['group', g] as const),
      ...data.users.map((u) => ['user', u] as const),
    ].flatMap(([kind, h]) =>
      h.grants.map((g) => `${kind} ${h.name}: ${g.permission} @ ${g.scope ?? '(none)'}`),
    ),
    policies: data.policies.map((p) => p.name),
    projects: data.projects.map((p) => p.name),
    warnings: summary(result).warnings,
  };
}

const expected: Record<string, ReturnType<typeof pinned>> = {
  'assign-obs-roles': {
    users: [],
    groups: ['huaweicloud_identity_group.test'],
    grants: [
      'group huaweicloud_identity_group.test: obs_bucket_create_role @ MOS',
      'group huaweicloud_identity_group.test: obs_bucket_create_role @ global',
    ],
    policies: ['obs_bucket_create_role'],
    projects: ['MOS'],
    warnings: [
      'unknown: main.tf:49: huaweicloud_identity_group.test: the name is unknown (var.group_name has no value (no default, not in terraform.tfvars; pass --var group_name=…)); named by its address',
      'unknown: main.tf:81: huaweicloud_identity_group_membership.test: users: data.huaweicloud_identity_users.test looks up a user by name, and var.user_name has no value (no default, not in terraform.tfvars; pass --var user_name=…); left out (nothing it may grant holds a Deny, and leaving out an Allow never adds access)',
    ],
  },
  basic: {
    users: ['user_A in group_B'],
    groups: ['default_group', 'group_A', 'group_B'],
    grants: [],
    policies: [],
    projects: [],
    warnings: [
      'unknown: main.tf:36: huaweicloud_identity_role_assignment.role_assignment_1.role_id: data.huaweicloud_identity_role.auth_admin: the system permission with name "system_all_0" is not in catalog 2026.12.0 (2026-12-03); left out',
    ],
  },
  identity_group_membership: {
    users: ['user_A in iden_group_B'],
    groups: ['default_iden_group', 'iden_group_A', 'iden_group_B'],
    grants: [],
    policies: [],
    projects: [],
    warnings: [],
  },
  'users-authorized-through-group': {
    users: ['tf_test_user in tf_test_group'],
    groups: ['tf_test_group'],
    grants: ['group tf_test_group: tf_test_role @ cn-north-4'],
    policies: ['tf_test_role'],
    projects: ['cn-north-4'],
    warnings: [],
  },
};
