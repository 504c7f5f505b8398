/**
 * The query commands end to end: who-can, what-can, diff (files, --git, --fail-on-new,
 * formats) and test (exit 0 / 1 / 2, JUnit written with -o), on the examples and on small
 * models written to a temporary directory.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-helper.js';

const root = join(import.meta.dirname, '../..');
const team = join(root, 'examples/rds-team');
const customDeny = join(root, 'examples/rds-custom-deny');
const work = mkdtempSync(join(tmpdir(), 'permgraph-queries-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const before = `version: 1
projects: [{ name: cn-north-1 }]
users:
  - { name: frank, groups: [developers] }
  - { name: grace, groups: [developers] }
groups:
  - name: developers
    grants: [{ permission: rds-operator, scope: cn-north-1 }]
policies:
  - name: rds-operator
    document:
      Version: "1.1"
      Statement:
        - { Effect: Allow, Action: ["rds:*:*"] }
        - { Effect: Deny, Action: ["rds:instance:delete", "rds:backup:delete"] }
`;
const after = before.replace('"rds:instance:delete", ', '');
writeFileSync(join(work, 'before.yaml'), before);
writeFileSync(join(work, 'after.yaml'), after);

describe('permgraph who-can', () => {
  it('lists the users allowed, with the path, and exits 0', async () => {
    const { code, stdout } = await runCli(
      ['who-can', 'rds:instance:delete', '-p', 'cn-north-1'],
      team,
    );
    expect(code).toBe(0);
    expect(stdout).toContain('allowed (2 users)');
    expect(stdout).toContain(
      '  user:alice  via group dba → grant of RDS FullAccess on project cn-north-1 → system policy RDS FullAccess → statement 1 (Allow) → matches rds:*:*',
    );
  });

  it('answers operations with variants, and groups', async () => {
    const { stdout } = await runCli(
      [
        'who-can',
        'rds.instance.create',
        '--with',
        'encrypted',
        '-p',
        'cn-north-1',
        '--groups',
        '-f',
        'json',
      ],
      team,
    );
    const result = JSON.parse(stdout) as {
      catalog: { version: string };
      request: { name: string; variants: string[] };
      allowed: unknown[];
      principals: string;
    };
    expect(result.request).toMatchObject({ name: 'rds.instance.create', variants: ['encrypted'] });
    expect(result.principals).toBe('groups');
    // No single group holds both RDS and KMS Administrator: only bob, through two groups, can.
    expect(result.allowed).toEqual([]);
    expect(result.catalog.version).toMatch(/^\d{4}\./);
  });

  it('answers DLI privileges, with project principals', async () => {
    const { code, stdout } = await runCli(
      ['who-can', 'DROP_TABLE', '--on', 'databases.db1.tables.tbl'],
      join(root, 'examples/dli-sharing'),
    );
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 4)).toEqual([
      'who can DROP_TABLE on databases.db1.tables.tbl in project cn-north-4',
      expect.stringMatching(/^catalog /),
      '',
      'allowed (3 principals)',
    ]);
    expect(stdout).toContain('  user:alice                                via owns databases.db1');
  });

  it('an unknown action is a usage error with a suggestion', async () => {
    const { code, stderr } = await runCli(
      ['who-can', 'rds:instance:delet', '-p', 'cn-north-1'],
      team,
    );
    expect(code).toBe(2);
    expect(stderr).toContain('did you mean "rds:instance:delete"?');
  });
});

describe('permgraph what-can', () => {
  it('groups by service and access level, with denied actions', async () => {
    const { code, stdout } = await runCli(['what-can', 'grace', '-s', 'rds'], customDeny);
    expect(code).toBe(0);
    expect(stdout).toContain('  rds  (61 allowed, 2 denied)');
    expect(stdout).toContain(
      '    write        rds:instance:delete denied by rds-operator statement 2',
    );
  });

  it('prints JSON with the catalog version', async () => {
    const { stdout } = await runCli(['what-can', 'carol', '-p', 'cn-north-4', '-f', 'json'], team);
    const result = JSON.parse(stdout) as {
      catalog: { version: string };
      scopes: { scope: string }[];
    };
    expect(result.scopes.map((s) => s.scope)).toEqual(['project cn-north-4', 'global services']);
    expect(result.catalog.version).toMatch(/^\d{4}\./);
  });
});

describe('permgraph diff', () => {
  it('reports access added; --fail-on-new exits 1 only then', async () => {
    const added = await runCli(['diff', 'before.yaml', 'after.yaml', '--fail-on-new'], work);
    expect(added.code).toBe(1);
    expect(added.stdout).toContain('2 users gain access (2 changes)');
    expect(added.stdout).toContain('    + project cn-north-1: rds:instance:delete');
    const removed = await runCli(['diff', 'after.yaml', 'before.yaml', '--fail-on-new'], work);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('2 users lose access (2 changes)');
    const plain = await runCli(['diff', 'before.yaml', 'after.yaml'], work);
    expect(plain.code).toBe(0);
  });

  it('writes a pull-request comment in Markdown, and JSON', async () => {
    const markdown = await runCli(['diff', 'before.yaml', 'after.yaml', '-f', 'markdown'], work);
    expect(markdown.stdout).toContain(
      '| `user:frank`, `user:grace` | project cn-north-1 | `rds:instance:delete` |',
    );
    const json = await runCli(['diff', 'before.yaml', 'after.yaml', '-f', 'json'], work);
    const result = JSON.parse(json.stdout) as { changes: { principal: string; action: string }[] };
    expect(result.changes.map((c) => `${c.principal} ${c.action}`)).toEqual([
      'user:frank rds:instance:delete',
      'user:grace rds:instance:delete',
    ]);
  });

  it('compares with a git revision of the same path', async () => {
    const repo = join(work, 'repo');
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: repo,
        stdio: 'pipe',
      });
    execFileSync('mkdir', ['-p', repo]);
    git('init', '-q');
    writeFileSync(join(repo, 'permgraph.yaml'), before);
    git('add', 'permgraph.yaml');
    git('commit', '-q', '-m', 'model');
    writeFileSync(join(repo, 'permgraph.yaml'), after);
    const { code, stdout } = await runCli(['diff', '--git', 'HEAD', '--fail-on-new'], repo);
    expect(code).toBe(1);
    expect(stdout.split('\n')[0]).toBe(
      'access permgraph.yaml@HEAD → permgraph.yaml: 2 users gain access (2 changes)',
    );
    const missing = await runCli(['diff', '--git', 'nope'], repo);
    expect(missing.code).toBe(2);
  });

  it('at a revision, a model in a subdirectory finds its ../ policy files, and errors name the repository file', async () => {
    const repo = join(work, 'repo2');
    execFileSync('mkdir', ['-p', join(repo, 'model'), join(repo, 'policies')]);
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: repo,
        stdio: 'pipe',
      });
    git('init', '-q');
    const document =
      '{ "Version": "1.1", "Statement": [{ "Effect": "Allow", "Action": ["rds:*:*"] }] }';
    writeFileSync(join(repo, 'policies/rds.json'), document);
    const model = before.replace(
      /policies:[\s\S]*$/,
      'policies:\n  - name: rds-operator\n    file: ../policies/rds.json\n',
    );
    writeFileSync(
      join(repo, 'model/permgraph.yaml'),
      model.replace('version: 1', 'version: 1\nusers: oops'),
    );
    git('add', '.');
    git('commit', '-q', '-m', 'broken model');
    const broken = await runCli(['diff', '--git', 'HEAD', 'model/permgraph.yaml'], repo);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^permgraph: model\/permgraph.yaml:\d+:\d+: at revision HEAD: /);
    expect(broken.stderr).not.toContain('permgraph-git-');
    writeFileSync(join(repo, 'model/permgraph.yaml'), model);
    git('add', '.');
    git('commit', '-q', '-m', 'model');
    const same = await runCli(['diff', '--git', 'HEAD', 'model/permgraph.yaml'], repo);
    expect([same.code, same.stderr]).toEqual([0, '']);
    expect(same.stdout).toContain('no difference in access');
  });

  it('needs two models', async () => {
    const { code, stderr } = await runCli(['diff', 'before.yaml'], work);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^permgraph: diff needs two models/);
  });
});

describe('permgraph test', () => {
  const assertions = (expect_: string) => `defaults: { project: cn-north-1 }
assertions:
  - { principal: frank, action: rds:instance:restart, expect: allow }
  - { principal: frank, action: rds:instance:delete, expect: ${expect_} }
`;
  writeFileSync(join(work, 'pass.yaml'), assertions('deny'));
  writeFileSync(join(work, 'fail.yaml'), assertions('allow'));
  writeFileSync(join(work, 'bad.yaml'), 'assertions:\n  - { principal: frank, expect: allow }\n');

  it('exits 0 when every assertion holds', async () => {
    const { code, stdout } = await runCli(['test', 'pass.yaml', '-m', 'before.yaml'], work);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('permgraph test pass.yaml: 2 assertions, all passed');
  });

  it('exits 1 on a mismatch and writes JUnit with -o', async () => {
    const { code, stdout } = await runCli(
      ['test', 'fail.yaml', '-m', 'before.yaml', '-f', 'junit', '-o', 'report.xml'],
      work,
    );
    expect(code).toBe(1);
    expect(stdout).toBe(
      'permgraph test fail.yaml: 2 assertions, 1 passed, 1 failed (report: report.xml)\n',
    );
    const xml = readFileSync(join(work, 'report.xml'), 'utf8');
    expect(xml).toContain('<failure type="mismatch" message="expected allow, got deny">');
  });

  it('exits 2 on a bad file, at its line, and writes no report', async () => {
    const { code, stderr } = await runCli(
      ['test', 'bad.yaml', '-m', 'before.yaml', '-o', 'bad-report.txt'],
      work,
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/^permgraph: bad.yaml:2:5: assertions\[0\]: an assertion needs one of/);
    expect(existsSync(join(work, 'bad-report.txt'))).toBe(false);
  });

  it('the example assertions run against the example', async () => {
    const { code, stdout } = await runCli(['test', 'tests/access.yaml'], team);
    expect(code).toBe(1);
    expect(stdout).toContain(
      '  ✘ alice creates encrypted instances  expected allow, got implicit-deny',
    );
  });

  it('DLI privilege assertions run against the DLI example', async () => {
    const { code, stdout } = await runCli(
      ['test', 'tests/access.yaml'],
      join(root, 'examples/dli-sharing'),
    );
    expect(code).toBe(0);
    expect(stdout).toContain(
      "  ✔ contractors never drop db1's tables, whatever DLI grants say  deny",
    );
  });

  it('schema assertions prints the JSON Schema', async () => {
    const { code, stdout } = await runCli(['schema', 'assertions']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { required: string[] }).required).toEqual(['assertions']);
  });
});
