/**
 * `permgraph lint` and `permgraph rules` end to end: what each example is built to show, exit
 * codes (0 clean or below --fail-on, 1 findings, 2 bad input), configuration, baselines and
 * `-o`.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../src/lint/registry.js';
import { runCli } from '../cli/run-helper.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (name: string): string => `test/fixtures/lint/${name}`;

/** `file:line rule` of each finding line of a text report. */
function findingsOf(text: string): string[] {
  let file = '';
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (/^\S/.test(line) && !/^\d+ findings?|^no findings|^catalog /.test(line)) file = line;
    const m = /^ {2}(\d+):\d+\s+\S+\s+(\S+)/.exec(line);
    if (m) out.push(`${file}:${m[1]} ${m[2]}`);
  }

  return out;
}

describe('permgraph lint on the examples', () => {
  it('rds-team: RDS FullAccess on one project without the global grant, and no KMS for encryption', async () => {
    const { code, stdout } = await runCli(['lint', 'examples/rds-team'], root);
    expect(code).toBe(1);
    expect(findingsOf(stdout)).toEqual([
      'examples/rds-team/permgraph.yaml:21 grant/global-actions-in-project-scope',
      'examples/rds-team/permgraph.yaml:21 intent/excess-permission',
      'examples/rds-team/permgraph.yaml:36 intent/missing-permission',
    ]);
    expect(stdout).toContain(
      'fix: grant BSS ServiceAgencyReadPolicy to group:dba on global services',
    );
    expect(stdout).toContain('fix: grant KMS Administrator to group:dba on cn-north-1');
  });

  it('rds-admin-role: RDS Administrator without its Depends in cn-north-1', async () => {
    const { code, stdout } = await runCli(['lint', 'examples/rds-admin-role'], root);
    expect(code).toBe(1);
    expect(findingsOf(stdout)).toEqual([
      'examples/rds-admin-role/permgraph.yaml:15 grant/missing-role-dependency',
    ]);
  });

  it('rds-dba: ManageAccess cannot delete instances, and gives more than the intents use', async () => {
    const { code, stdout } = await runCli(['lint', 'examples/rds-dba'], root);
    expect(code).toBe(1);
    expect(findingsOf(stdout)).toEqual([
      'examples/rds-dba/permgraph.yaml:12 grant/global-actions-in-project-scope',
      'examples/rds-dba/permgraph.yaml:12 intent/excess-permission',
      'examples/rds-dba/permgraph.yaml:17 intent/missing-permission',
    ]);
    expect(stdout).toContain(
      'group:dba cannot rds.instance.delete in project cn-north-4: missing rds:instance:delete',
    );
  });

  it('rds-custom-deny: rds:*:* is a security finding, below the default --fail-on', async () => {
    const clean = await runCli(['lint', 'examples/rds-custom-deny'], root);
    expect(clean.code).toBe(0);
    expect(findingsOf(clean.stdout)).toEqual([
      'examples/rds-custom-deny/permgraph.yaml:28 policy/wildcard-allow',
    ]);
    const strict = await runCli(
      ['lint', 'examples/rds-custom-deny', '--fail-on', 'security'],
      root,
    );
    expect(strict.code).toBe(1);
  });

  it.runIf(existsSync(path.join(root, 'examples/dli-sharing')))(
    'dli-sharing: DROP_TABLE shared with a project, and a DLI grant an IAM Deny takes away',
    async () => {
      const { stdout } = await runCli(['lint', 'examples/dli-sharing'], root);
      const found = findingsOf(stdout).map((f) => f.split(' ')[1]);
      expect(found).toContain('dli/destructive-to-project');
      expect(found).toContain('dli/iam-deny-shadows-grant');
    },
  );

  it.runIf(existsSync(path.join(root, 'examples/terraform-rds')))(
    'terraform-rds: lints imported Terraform through -m terraform:DIR',
    async () => {
      const dir = path.join(root, 'examples/terraform-rds');
      const { code, stdout } = await runCli(['lint', '-m', 'terraform:.'], dir);
      expect(code).toBe(1);
      expect(findingsOf(stdout)).toEqual(['main.tf:54 grant/global-actions-in-project-scope']);
    },
  );
});

describe('permgraph lint on imported input', () => {
  it('lints an IAM API export through -m iam-api:DIR, pointing into the export files', async () => {
    const { code, stdout, stderr } = await runCli(
      ['lint', '-m', 'iam-api:test/fixtures/import/iam-export'],
      root,
    );
    expect(code).toBe(1);
    expect(findingsOf(stdout)).toEqual([
      'test/fixtures/import/iam-export/role-assignments_page-1.json:3 grant/global-actions-in-project-scope',
      'test/fixtures/import/iam-export/roles_page-1.json:35 policy/unknown-service',
    ]);
    expect(stderr).toContain('warning:');
  });

  it('lints a .tf directory or an export directory given as a path, recognised as -m recognises it', async () => {
    const tf = await runCli(['lint', 'examples/terraform-rds'], root);
    expect(tf.code).toBe(1);
    expect(findingsOf(tf.stdout)).toEqual([
      'examples/terraform-rds/main.tf:54 grant/global-actions-in-project-scope',
    ]);
    const exported = await runCli(['lint', 'iam-api:test/fixtures/import/iam-export'], root);
    expect(findingsOf(exported.stdout)).toEqual([
      'test/fixtures/import/iam-export/role-assignments_page-1.json:3 grant/global-actions-in-project-scope',
      'test/fixtures/import/iam-export/roles_page-1.json:35 policy/unknown-service',
    ]);
  });
});

describe('permgraph lint exit codes and options', () => {
  it('exits 0 with "no findings" on a clean policy document', async () => {
    const { code, stdout } = await runCli(['lint', fixture('clean-policy.json')], root);
    expect(code).toBe(0);
    expect(stdout).toContain('no findings: 0 errors, 0 security, 0 warnings, 0 suggestions');
  });

  it('reads permgraph.yaml of the working directory when given no path, and exits 2 without one', async () => {
    const { code, stdout } = await runCli(['lint'], path.join(root, 'examples/rds-admin-role'));
    expect(code).toBe(1);
    expect(findingsOf(stdout)).toEqual(['permgraph.yaml:15 grant/missing-role-dependency']);
    const empty = mkdtempSync(path.join(tmpdir(), 'permgraph-lint-'));
    const none = await runCli(['lint'], empty);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no model given');
  });

  it('--fail-on none never fails on findings', async () => {
    expect((await runCli(['lint', 'examples/rds-team', '--fail-on', 'none'], root)).code).toBe(0);
  });

  it('exits 2 at file:line:column on a document that is not JSON', async () => {
    const { code, stdout, stderr } = await runCli(['lint', fixture('broken.json')], root);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^permgraph: test\/fixtures\/lint\/broken\.json:3:\d+: /);
    expect(stderr).not.toContain('    at ');
  });

  it('exits 2 on an unknown rule in the configuration, with the nearest id', async () => {
    const { code, stderr } = await runCli(
      ['lint', fixture('clean-policy.json'), '--config', fixture('bad-config.yaml')],
      root,
    );
    expect(code).toBe(2);
    expect(stderr).toContain('bad-config.yaml:2:3');
    expect(stderr).toContain('did you mean "policy/wildcard-allow"?');
  });

  it('exits 2 on an unknown format or level', async () => {
    expect(
      (await runCli(['lint', fixture('clean-policy.json'), '--format', 'xml'], root)).code,
    ).toBe(2);
    expect(
      (await runCli(['lint', fixture('clean-policy.json'), '--fail-on', 'high'], root)).code,
    ).toBe(2);
  });

  it('applies suppressions and reports expired ones', async () => {
    const args = ['lint', fixture('team.yaml'), '--config', fixture('permgraph-config.yaml')];
    const { stdout } = await runCli(args, root);
    expect(stdout).not.toContain('grant/admin-group');
    expect(stdout).toContain('config/expired-suppression');
    expect(stdout).toContain('grant/empty-group');
    expect(stdout).toContain('(1 suppressed)');
  });

  it('writes the report with -o and nothing to stdout', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'permgraph-lint-'));
    const out = path.join(dir, 'lint.sarif');
    const { code, stdout } = await runCli(
      ['lint', 'examples/rds-team', '-f', 'sarif', '-o', out],
      root,
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });

  it('--write-baseline accepts today’s findings; --baseline then fails only on new ones', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'permgraph-lint-'));
    const model = readFileSync(path.join(root, 'examples/rds-team/permgraph.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'permgraph.yaml'), model);
    const write = await runCli(
      ['lint', 'permgraph.yaml', '--write-baseline', 'baseline.json'],
      dir,
    );
    expect(write.code).toBe(0);
    expect(write.stdout).toContain(
      'no findings: 0 errors, 0 security, 0 warnings, 0 suggestions (3 in baseline)',
    );
    expect(
      (await runCli(['lint', 'permgraph.yaml', '--baseline', 'baseline.json'], dir)).code,
    ).toBe(0);
    // Lines move (a comment on top) and the auditors' grant moves to global services.
    const changed = `# reviewed\n${model.replace('scope: all', 'scope: global')}`;
    writeFileSync(path.join(dir, 'permgraph.yaml'), changed);
    const later = await runCli(['lint', 'permgraph.yaml', '--baseline', 'baseline.json'], dir);
    expect(later.code).toBe(1);
    expect(findingsOf(later.stdout)).toEqual(['permgraph.yaml:32 grant/scope-has-no-effect']);
    expect(later.stdout).toContain('(3 in baseline)');
  });
});

describe('permgraph rules', () => {
  it('lists every rule with its level and description', async () => {
    const { code, stdout } = await runCli(['rules'], root);
    expect(code).toBe(0);
    for (const rule of allRules) expect(stdout).toContain(`${rule.meta.id} `);
    expect(stdout).toMatch(
      /^dli\/destructive-to-project\s+security\s+Flags destructive DLI privileges/m,
    );
    expect(stdout).toContain(`${allRules.length} rules;`);
  });

  it('prints a rule help page, and exits 2 for an unknown rule', async () => {
    const page = await runCli(['rules', '--doc', 'grant/broad-scope'], root);
    expect(page.stdout).toBe(
      readFileSync(path.join(root, 'docs/rules/grant/broad-scope.md'), 'utf8'),
    );
    expect((await runCli(['rules', '--doc', 'grant/nope'], root)).code).toBe(2);
  });
});
