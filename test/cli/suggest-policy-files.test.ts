/** `suggest-policy -o DIR` with hostile group names, and all or nothing when a rename fails. */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-helper.js';

const model = `version: 1
account: acme
projects:
  - name: cn-north-1
users:
  - name: alice
    groups: [../../escaped, a/b, 'a:b']
groups:
  - name: ../../escaped
    grants: [{ permission: RDS FullAccess, scope: cn-north-1 }]
  - name: a/b
    grants: [{ permission: RDS FullAccess, scope: cn-north-1 }]
  - name: 'a:b'
    grants: [{ permission: RDS FullAccess, scope: cn-north-1 }]
intents:
  - { principal: group:../../escaped, project: cn-north-1, operations: [rds.instance.list] }
  - { principal: group:a/b, project: cn-north-1, operations: [rds.instance.list] }
  - { principal: 'group:a:b', project: cn-north-1, operations: [rds.backup.create] }
`;

const listOnly = `{
  "Version": "1.1",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "rds:instance:list"
      ]
    }
  ]
}
`;

/** A scratch directory holding the model, with the output going to `a/b/out` below it. */
function setUp(): { root: string; out: string } {
  const root = mkdtempSync(join(tmpdir(), 'permgraph-suggest-files-'));
  writeFileSync(join(root, 'permgraph.yaml'), model);
  return { root, out: join(root, 'a', 'b', 'out') };
}

describe('suggest-policy -o DIR file names', () => {
  it('keeps every file inside DIR, with unsafe characters as - and clashes numbered', async () => {
    const { root, out } = setUp();
    const { code, stdout, stderr } = await runCli(['suggest-policy', '-o', 'a/b/out'], root);
    expect([code, stderr]).toEqual([0, '']);
    expect(readdirSync(out).sort()).toEqual([
      '-escaped-least-privilege.json',
      'a-b-least-privilege-2.json',
      'a-b-least-privilege.json',
    ]);
    expect(existsSync(join(root, 'a', 'escaped-least-privilege.json'))).toBe(false);
    expect(readdirSync(join(root, 'a'))).toEqual(['b']);
    expect(readdirSync(root).sort()).toEqual(['a', 'permgraph.yaml']);
    expect(readFileSync(join(out, '-escaped-least-privilege.json'), 'utf8')).toBe(listOnly);
    expect(stdout.match(/^ {2}written to .*$/gm)).toEqual([
      '  written to a/b/out/-escaped-least-privilege.json',
      '  written to a/b/out/a-b-least-privilege.json',
      '  written to a/b/out/a-b-least-privilege-2.json',
    ]);
  });
});

describe('suggest-policy -o DIR all or nothing', () => {
  it('takes back the files it placed when a later rename fails (exit 2)', async () => {
    const { root, out } = setUp();
    mkdirSync(join(out, 'a-b-least-privilege-2.json', 'in-the-way'), { recursive: true });
    writeFileSync(join(out, '-escaped-least-privilege.json'), 'the old policy\n');
    const { code, stdout, stderr } = await runCli(['suggest-policy', '-o', 'a/b/out'], root);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe(
      `permgraph: cannot write the policies to ${out}: a-b-least-privilege-2.json: illegal operation on a directory (EISDIR); nothing was written\n`,
    );
    expect(readdirSync(out).sort()).toEqual([
      '-escaped-least-privilege.json',
      'a-b-least-privilege-2.json',
    ]);
    expect(readFileSync(join(out, '-escaped-least-privilege.json'), 'utf8')).toBe(
      'the old policy\n',
    );
    expect(readdirSync(join(out, 'a-b-least-privilege-2.json'))).toEqual(['in-the-way']);
  });
});
