/** Names with control characters from a hostile model are shown escaped in text reports. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-helper.js';

const evil = 'evil\u001b[31m\nALLOWED  fake';
const loner = 'loner\u001b[2K\r\nALLOWED  fake';

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'permgraph-control-'));
  const model = {
    version: 1,
    account: 'acme',
    projects: [{ name: 'P' }],
    users: [
      { name: evil, groups: ['dba'] },
      { name: loner, groups: [] },
    ],
    groups: [{ name: 'dba', grants: [{ permission: 'RDS FullAccess', scope: 'P' }] }],
  };
  writeFileSync(join(dir, 'permgraph.json'), JSON.stringify(model, null, 2));
});

/** No escape character, no carriage return, and no line that starts as a faked result. */
function expectNoRawControls(text: string): void {
  expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  expect(text).not.toMatch(/^ALLOWED {2}fake/m);
}

describe('control characters in names', () => {
  it('who-can shows the user name escaped, JSON-style', async () => {
    const { code, stdout } = await runCli(
      ['who-can', 'rds:instance:list', '--project', 'P', '-m', 'permgraph.json'],
      dir,
    );
    expect(code).toBe(0);
    expectNoRawControls(stdout);
    expect(stdout.split('\n').slice(3, 5)).toEqual([
      'allowed (1 user)',
      '  user:evil\\u001b[31m\\nALLOWED  fake  via group dba → grant of RDS FullAccess on project P → system policy RDS FullAccess → statement 1 (Allow) → matches rds:*:*',
    ]);
  });

  it('lint text shows the user name escaped in the message and the fix', async () => {
    const { stdout } = await runCli(['lint', 'permgraph.json'], dir);
    expectNoRawControls(stdout);
    expect(stdout).toContain(
      'grant/user-without-group  user loner\\u001b[2K\\r\\nALLOWED  fake is in no group\n',
    );
    expect(stdout).toContain('fix: add loner\\u001b[2K\\r\\nALLOWED  fake to the group');
  });

  it('can shows the principal escaped in its headline', async () => {
    const { code, stdout } = await runCli(
      ['can', evil, 'rds:instance:list', '--project', 'P', '-m', 'permgraph.json'],
      dir,
    );
    expect(code).toBe(0);
    expectNoRawControls(stdout);
    expect(stdout.split('\n')[0]).toBe(
      'ALLOWED  user:evil\\u001b[31m\\nALLOWED  fake → rds:instance:list in project P',
    );
  });

  it('an error message that lists the names shows them escaped', async () => {
    const { code, stderr } = await runCli(
      ['can', 'nobody', 'rds:instance:list', '-m', 'permgraph.json'],
      dir,
    );
    expect(code).toBe(2);
    expectNoRawControls(stderr);
    expect(stderr).toContain('evil\\u001b[31m\\nALLOWED  fake');
  });
});
