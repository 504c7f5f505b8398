import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-helper.js';

const root = join(import.meta.dirname, '../..');
const team = join(root, 'examples', 'rds-team');

describe('permgraph graph', () => {
  it('prints mermaid by default: the global action without effect in a project grant', async () => {
    const { code, stdout } = await runCli(['graph', 'alice', 'iam:agencies:listAgencies'], team);
    expect(code).toBe(0);
    expect(stdout).toBe(`flowchart LR
  %% permgraph graph: user:alice → iam:agencies:listAgencies: implicit-deny
  %% catalog 2026.12.0 (2026-12-03)
  n0(["user alice"])
  n1(["group dba"])
  n2["RDS FullAccess on project cn-north-1"]
  n3{{"iam:agencies:listAgencies (global services): implicit-deny"}}
  n0 -.-> n1
  n1 -.-> n2
  n2 -.->|"no effect: global action in a project grant"| n3
  classDef allow stroke:#1a7f37,stroke-width:2px,color:#1a7f37
  classDef deny stroke:#cf222e,stroke-width:2px,color:#cf222e
  classDef conditional stroke:#9a6700,stroke-width:2px,color:#9a6700
  classDef missing stroke:#8250df,stroke-width:2px,color:#8250df
  classDef ineffective stroke:#8c959f,stroke-width:2px,color:#8c959f
  classDef plain stroke:#57606a,stroke-width:2px,color:#57606a
  class n0,n3 missing
  class n1,n2 ineffective
  linkStyle 0,1,2 stroke:#8c959f,stroke-width:1px
`);
  });

  it('writes the chosen format to -o FILE and prints nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'permgraph-graph-'));
    const file = join(dir, 'alice.json');
    const { code, stdout } = await runCli(['graph', 'alice', '-f', 'json', '-o', file], team);
    expect([code, stdout]).toEqual([0, '']);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as {
      attributes: { principal: string };
      nodes: { key: string }[];
    };
    expect(exported.attributes.principal).toBe('user:alice');
    expect(exported.nodes.map((n) => n.key).slice(0, 3)).toEqual([
      'user:alice',
      'group:dba',
      'grant:group:dba#0',
    ]);
  });

  it('refuses a format it does not know (exit 2)', async () => {
    const { code, stderr } = await runCli(['graph', 'alice', '-f', 'svg'], team);
    expect(code).toBe(2);
    expect(stderr).toContain("argument 'svg' is invalid");
  });
});

describe('permgraph graph with a DLI project principal', () => {
  it('says it draws users and groups (exit 2)', async () => {
    const { code, stderr } = await runCli(
      ['graph', 'project:0732e57c728025922f04c01273686950'],
      join(root, 'examples', 'dli-sharing'),
    );
    expect(code).toBe(2);
    expect(stderr).toBe(
      'permgraph: graph draws users and groups; project:0732e57c728025922f04c01273686950 is a DLI project grantee\n  hint: ask `permgraph can` about its DLI privileges\n',
    );
  });
});
