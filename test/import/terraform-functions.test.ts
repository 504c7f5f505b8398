/**
 * Terraform functions as Terraform evaluates them, where a wrong value would move a Deny: `can`
 * of an expression that is false, `toset` ordering, `replace` with a regular expression (not
 * evaluated, so unknown), and clear errors for bad `jsondecode` input and argument counts.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { can } from '../../src/engine/can.js';
import { importTerraform } from '../../src/import/terraform/import.js';
import { runCli } from '../cli/run-helper.js';
import { evaluatorOf, tfPreamble, writeTf } from './helpers.js';

const catalog = loadCatalog();

/** alice holds RDS FullAccess; the guard policy's Deny has `action`, granted with `grantMeta`. */
function configuration(action: string, extra = '', grantMeta = ''): string {
  const dir = writeTf(
    'tf-functions',
    `${tfPreamble}
resource "huaweicloud_identity_user" "alice" {
  name = "alice"
}

resource "huaweicloud_identity_user_role_assignment" "full" {
  user_id    = huaweicloud_identity_user.alice.id
  role_id    = data.huaweicloud_identity_role.rds_full.id
  project_id = "all"
}

resource "huaweicloud_identity_role" "guard" {
  name = "guard"
  type = "XA"
  policy = jsonencode({
    Version   = "1.1"
    Statement = [{ Effect = "Deny", Action = [${action}] }]
  })
}

resource "huaweicloud_identity_user_role_assignment" "guard" {
  ${grantMeta}
  user_id    = huaweicloud_identity_user.alice.id
  role_id    = huaweicloud_identity_role.guard.id
  project_id = "all"
}

${extra}
`,
  );
  return dir;
}

async function decisions(dir: string, actions: string[]): Promise<string[]> {
  const result = await importTerraform(dir, catalog);
  const evaluator = evaluatorOf(result, catalog);
  return actions.map(
    (a) => `${a} ${can(evaluator, 'alice', a, { project: 'cn-north-4' }).decision}`,
  );
}

describe('Terraform functions that decide a Deny', () => {
  it('can() of an expression whose value is false is true: the Deny grant exists', async () => {
    const dir = configuration(
      '"rds:instance:delete"',
      'locals {\n  settings = { lock = false }\n}',
      'count = can(local.settings.lock) ? 1 : 0',
    );
    expect(await decisions(dir, ['rds:instance:delete'])).toEqual(['rds:instance:delete deny']);
  });

  it('can() of an expression that fails is false: no Deny grant', async () => {
    const dir = configuration(
      '"rds:instance:delete"',
      'locals {\n  settings = { lock = false }\n}',
      'count = can(local.settings.missing) ? 1 : 0',
    );
    expect(await decisions(dir, ['rds:instance:delete'])).toEqual(['rds:instance:delete allow']);
  });

  it('toset() orders strings, as tolist(toset(...)) then reads them', async () => {
    const dir = configuration(
      'element(tolist(toset(["rds:instance:list", "rds:instance:delete"])), 0)',
    );
    expect(await decisions(dir, ['rds:instance:delete', 'rds:instance:list'])).toEqual([
      'rds:instance:delete deny',
      'rds:instance:list allow',
    ]);
  });

  it('replace() with a regular expression is unknown, so the Deny is kept as conditional', async () => {
    const dir = configuration('replace("rds_instance_delete", "/_/", ":")');
    expect(await decisions(dir, ['rds:instance:delete', 'rds:instance:list'])).toEqual([
      'rds:instance:delete conditional',
      'rds:instance:list conditional',
    ]);
  });

  it('replace() of a plain substring is evaluated', async () => {
    const dir = configuration('replace("rds_instance_delete", "_", ":")');
    expect(await decisions(dir, ['rds:instance:delete', 'rds:instance:list'])).toEqual([
      'rds:instance:delete deny',
      'rds:instance:list allow',
    ]);
  });
});

/**
 * An expression Terraform would reject at plan is, to permgraph, a value it cannot know: reported
 * at its .tf position, and treated as unknown (a policy then denies anything, conditionally).
 */
describe('Terraform function errors', () => {
  it('jsondecode of text that is not JSON: reported at the .tf position, the policy may deny anything', async () => {
    const dir = writeTf(
      'tf-jsondecode',
      `resource "huaweicloud_identity_role" "guard" {
  name   = "guard"
  type   = "XA"
  policy = jsonencode(jsondecode("{not json"))
}
`,
    );
    const { code, stdout, stderr } = await runCli(['import', 'terraform', dir]);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /main\.tf:4:3: huaweicloud_identity_role\.guard\.policy: the Deny is kept as conditional: jsondecode: not JSON \(/,
    );
    expect(stderr).not.toMatch(/unexpected error/);
    expect(stdout).toContain('permgraph:KnownAfterApply');
  });

  it('a function given the wrong number of arguments: reported, never a guessed value', async () => {
    const dir = writeTf(
      'tf-arity',
      `resource "huaweicloud_identity_group" "ops" {
  name = upper(5, 6)
}
`,
    );
    const { code, stdout, stderr } = await runCli(['import', 'terraform', dir]);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /main\.tf:2:3: huaweicloud_identity_group\.ops: the name is unknown \(upper takes 1 argument, got 2\); named by its address/,
    );
    expect(stdout).not.toContain('name: "5"');
  });
});
