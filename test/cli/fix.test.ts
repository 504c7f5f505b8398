import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-helper.js';

const root = join(import.meta.dirname, '../..');
const example = (name: string): string => join(root, 'examples', name);

describe('permgraph fix', () => {
  it('names the Deny statement to change, with its file and line (exit 1)', async () => {
    const { code, stdout } = await runCli(
      ['fix', 'frank', 'rds:instance:delete'],
      example('rds-custom-deny'),
    );
    expect(code).toBe(1);
    expect(stdout)
      .toBe(`DENIED (explicit deny)  user:frank → rds:instance:delete in project cn-north-1
catalog 2026.12.0 (2026-12-03)

denied by
  an explicit Deny outweighs every Allow: no grant fixes this, the statement must change
  - rds-operator statement 2 (permgraph.yaml:29:11) denies rds:instance:delete
      granted to group developers on project cn-north-1
      change it: take rds:instance:delete out of its Action, or add a Condition that excludes this request
`);
  });

  it('says there is nothing to fix for an allowed request (exit 0)', async () => {
    const { code, stdout } = await runCli(
      ['fix', 'grace', 'rds:instance:restart'],
      example('rds-custom-deny'),
    );
    expect(code).toBe(0);
    expect(stdout).toContain('nothing to fix: the request is allowed');
  });

  it('prints the proposals as JSON with the catalog version', async () => {
    const { code, stdout } = await runCli(
      [
        'fix',
        'alice',
        'rds.instance.create',
        '--with',
        'encrypted',
        '-p',
        'cn-north-1',
        '-f',
        'json',
      ],
      example('rds-team'),
    );
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as {
      catalog: { version: string };
      proposals: { kind: string; grants: unknown[]; documents: Record<string, unknown>[] }[];
    };
    expect(result.catalog.version).toBe('2026.12.0');
    expect(result.proposals[0]?.grants).toEqual([
      { permission: 'KMS Administrator', origin: 'system', scope: 'cn-north-1', to: 'group:dba' },
    ]);
    expect(Object.keys(result.proposals[1]?.documents[0] ?? {})).toEqual([
      'name',
      'type',
      'scope',
      'actions',
      'document',
    ]);
  });

  it('rejects an unknown action with exit 2', async () => {
    const { code, stderr } = await runCli(
      ['fix', 'alice', 'rds:instance:delet', '-p', 'cn-north-1'],
      example('rds-team'),
    );
    expect(code).toBe(2);
    expect(stderr).toContain('did you mean "rds:instance:delete"?');
  });
});

describe('permgraph fix for a DLI privilege', () => {
  it('prints the DLI grant request to send', async () => {
    const { code, stdout } = await runCli(
      ['fix', 'dlitest', 'SELECT', '--on', 'databases.db1.tables.tbl'],
      example('dli-sharing'),
    );
    expect(code).toBe(1);
    expect(stdout)
      .toBe(`DENIED (not granted)  user:dlitest → SELECT on databases.db1.tables.tbl in project cn-north-4
catalog 2026.12.0 (2026-12-03)

smallest change: a DLI grant of exactly this privilege on this object  (checked: allowed with it)
  send it to DLI, or add it to the model under dli.requests:
    {
      "project": "cn-north-4",
      "user_name": "dlitest",
      "action": "grant",
      "privileges": [
        {
          "object": "databases.db1.tables.tbl",
          "privileges": [
            "SELECT"
          ]
        }
      ]
    }
`);
  });
});

describe('permgraph fix with a Deny and something missing', () => {
  it('proposes grants for what is missing and says the Deny still decides', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'permgraph-fix-'));
    writeFileSync(
      join(dir, 'permgraph.yaml'),
      `projects: [{ name: cn-north-1 }]
users: [{ name: ann, groups: [db] }]
groups: [{ name: db, grants: [{ permission: no-params, scope: cn-north-1 }] }]
policies:
  - name: no-params
    document:
      Version: "1.1"
      Statement:
        - { Effect: Allow, Action: ["rds:*:*"] }
        - { Effect: Deny, Action: ["rds:param:list"] }
`,
    );
    const { code, stdout } = await runCli(['fix', 'ann', 'rds.instance.create+prepaid'], dir);
    expect(code).toBe(1);
    expect(stdout).toContain(
      '  - no-params statement 2 (permgraph.yaml:10:11) denies rds:param:list\n',
    );
    expect(stdout).toContain('  - global services: 2 actions: bss:order:update, bss:order:pay\n');
    expect(stdout).toContain(
      'smallest change: a new custom policy with exactly the missing actions  (adds 2 actions; checked: nothing else is missing with it; the Deny above still decides)\n',
    );
  });
});
