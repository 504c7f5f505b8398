import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-helper.js';

const model = `version: 1
account: acme
projects:
  - name: cn-north-1
users:
  - name: ann
    groups: [ops]
groups:
  - name: ops
    grants:
      - permission: scoped
        scope: cn-north-1
policies:
  - name: scoped
    document:
      Version: "1.1"
      Statement:
        - Effect: Allow
          Action: ["rds:instance:delete"]
          Resource: ["rds:*:*:instance:prod-*"]
          Condition:
            StringEquals:
              "rds:Engine": ["MySQL"]
`;

describe('can: what a conditional answer waits for', () => {
  const dir = join(tmpdir(), `permgraph-unknowns-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'm.yaml'), model);
  const base = ['can', 'ann', 'rds:instance:delete', '-m', 'm.yaml', '--project', 'cn-north-1'];

  it('names each unknown with the flag that supplies it', async () => {
    const { code, stdout } = await runCli(base, dir);
    expect(code).toBe(1);
    expect(stdout).toContain(
      'depends on: rds:Engine (supply with --context KEY=VALUE); the resource (supply with --resource URN)\n',
    );
  });

  it('settles once both are supplied', async () => {
    const resource = ['--resource', 'rds:cn-north-1:acme:instance:prod-1'];
    const yes = await runCli([...base, ...resource, '--context', 'rds:Engine=MySQL'], dir);
    expect(yes.stdout.split('\n')[0]).toMatch(/^ALLOWED /);
    const no = await runCli([...base, ...resource, '--context', 'rds:Engine=PostgreSQL'], dir);
    expect(no.stdout.split('\n')[0]).toMatch(/^DENIED /);
    expect(yes.stdout).not.toContain('depends on:');
  });
});
