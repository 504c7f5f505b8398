import { describe, expect, it } from 'vitest';
import { exportPicture } from '../../src/graph/export.js';
import { formatDot, quote } from '../../src/report/graph-dot.js';
import { escapeMermaid, formatMermaid } from '../../src/report/graph-mermaid.js';
import { picture } from './fixture.js';

describe('mermaid', () => {
  it('draws the denying path in red; the Allow it overrides and the role without its Depends dashed', () => {
    expect(formatMermaid(picture('rds:instance:delete'))).toBe(`flowchart LR
  %% permgraph graph: user:alice → rds:instance:delete in project p1: deny
  %% catalog test-1 (2026-01-01)
  n0(["user alice"])
  n1(["group ops #34;blue#34; #35;1"])
  n2["ops-policy on project p1"]
  n3["RDS Role on project p1"]
  n4[/"custom policy ops-policy"/]
  n5[["statement 2 (Deny)"]]
  n6[["statement 1 (Allow)"]]
  n7{{"rds:instance:delete (project p1): deny"}}
  n0 --> n1
  n1 --> n2
  n2 --> n4
  n4 --> n5
  n5 -->|"matches rds:instance:delete"| n7
  n4 -.-> n6
  n6 -.->|"Allow overridden by the Deny"| n7
  n1 -.-> n3
  n3 -.->|"no effect: Depends not granted"| n7
  classDef allow stroke:#1a7f37,stroke-width:2px,color:#1a7f37
  classDef deny stroke:#cf222e,stroke-width:2px,color:#cf222e
  classDef conditional stroke:#9a6700,stroke-width:2px,color:#9a6700
  classDef missing stroke:#8250df,stroke-width:2px,color:#8250df
  classDef ineffective stroke:#8c959f,stroke-width:2px,color:#8c959f
  classDef plain stroke:#57606a,stroke-width:2px,color:#57606a
  class n0,n1,n2,n4,n5,n7 deny
  class n3,n6 ineffective
  linkStyle 0,1,2,3,4 stroke:#cf222e,stroke-width:3px
  linkStyle 5,6,7,8 stroke:#8c959f,stroke-width:1px
`);
  });

  it('shows the allowing paths in green and a role not held as missing', () => {
    const text = formatMermaid(picture('rds.instance.create+encrypted'));
    expect(text).toContain('  n5{{"rds:instance:create (project p1): allow"}}');
    expect(text).toContain('  n6{{"rds:instance:list (project p1): allow"}}');
    expect(text).toContain('  n7{{"hold Key Admin (project p1): implicit-deny"}}');
    expect(text).toContain('  n4 -->|"matches rds:*:*"| n5');
    expect(text).toContain('  class n1,n2,n3,n4,n5,n6 allow');
    expect(text).toContain('  class n0,n7 missing');
  });

  it('shows every grant in the overview, Deny statements in red, the role marked without effect', () => {
    const text = formatMermaid(picture());
    expect(text).toContain(
      '  n3["RDS Role on project p1 (no effect without Guest and Server Admin)"]',
    );
    expect(text).toContain('  n3 -.-> n5');
    expect(text).toContain('  class n7,n10 deny');
  });

  it('escapes every character mermaid reads as syntax', () => {
    expect(escapeMermaid('a "b" #1 <c> & d | e\nf')).toBe(
      'a #34;b#34; #35;1 #60;c#62; #38; d #124; e f',
    );
  });
});

describe('dot', () => {
  it('writes quoted ids and escaped labels', () => {
    expect(formatDot(picture('rds:instance:delete'))).toBe(`digraph permgraph {
  graph [rankdir=LR, labelloc=t, fontname="Helvetica", label="user:alice → rds:instance:delete in project p1: deny — catalog test-1 (2026-01-01)"];
  node [shape=box, style=rounded, fontname="Helvetica"];
  edge [fontname="Helvetica", fontsize=10];
  "n0" [label="user alice", color="#cf222e", fontcolor="#cf222e", penwidth=2];
  "n1" [label="group ops \\"blue\\" #1", color="#cf222e", fontcolor="#cf222e", penwidth=2];
  "n2" [label="ops-policy on project p1", color="#cf222e", fontcolor="#cf222e", penwidth=2];
  "n3" [label="RDS Role on project p1", color="#8c959f", fontcolor="#8c959f", penwidth=2, style="rounded,dashed"];
  "n4" [label="custom policy ops-policy", color="#cf222e", fontcolor="#cf222e", penwidth=2];
  "n5" [label="statement 2 (Deny)", color="#cf222e", fontcolor="#cf222e", penwidth=2];
  "n6" [label="statement 1 (Allow)", color="#8c959f", fontcolor="#8c959f", penwidth=2, style="rounded,dashed"];
  "n7" [label="rds:instance:delete (project p1): deny", color="#cf222e", fontcolor="#cf222e", penwidth=2];
  "n0" -> "n1" [color="#cf222e", penwidth=3];
  "n1" -> "n2" [color="#cf222e", penwidth=3];
  "n2" -> "n4" [color="#cf222e", penwidth=3];
  "n4" -> "n5" [color="#cf222e", penwidth=3];
  "n5" -> "n7" [color="#cf222e", penwidth=3, label="matches rds:instance:delete"];
  "n4" -> "n6" [color="#8c959f", penwidth=1, style=dashed];
  "n6" -> "n7" [color="#8c959f", penwidth=1, label="Allow overridden by the Deny", style=dashed];
  "n1" -> "n3" [color="#8c959f", penwidth=1, style=dashed];
  "n3" -> "n7" [color="#8c959f", penwidth=1, label="no effect: Depends not granted", style=dashed];
}
`);
  });

  it('escapes backslashes, quotes and newlines', () => {
    expect(quote('a\\b "c"\nd')).toBe('"a\\\\b \\"c\\"\\nd"');
  });
});

describe('json', () => {
  it("is graphology's export, with states, positions and layout", () => {
    const exported = exportPicture(picture('rds:instance:delete'));
    expect(exported.options).toEqual({ type: 'directed', multi: false, allowSelfLoops: true });
    expect(exported.attributes).toEqual({
      title: 'user:alice → rds:instance:delete in project p1: deny',
      principal: 'user:alice',
      request: 'rds:instance:delete in project p1',
      decision: 'deny',
      catalog: { version: 'test-1', date: '2026-01-01' },
    });
    const statement = exported.nodes.find((n) => n.key === 'statement:ops-policy#1');
    expect(statement?.attributes).toEqual({
      label: 'statement 2 (Deny)',
      kind: 'statement',
      state: 'deny',
      layer: 4,
      at: 'model.yaml:14:11',
      color: '#cf222e',
      size: 8,
      labelPosition: 'above',
      x: 40,
      y: 5,
    });
    expect(exported.edges.map((e) => [e.source, e.target, e.attributes?.state])).toEqual([
      ['user:alice', 'group:ops "blue" #1', 'deny'],
      ['group:ops "blue" #1', 'grant:group:ops "blue" #1#0', 'deny'],
      ['grant:group:ops "blue" #1#0', 'permission:ops-policy', 'deny'],
      ['permission:ops-policy', 'statement:ops-policy#1', 'deny'],
      ['statement:ops-policy#1', 'check:0', 'deny'],
      ['permission:ops-policy', 'statement:ops-policy#0', 'ineffective'],
      ['statement:ops-policy#0', 'check:0', 'ineffective'],
      ['group:ops "blue" #1', 'grant:group:ops "blue" #1#1', 'ineffective'],
      ['grant:group:ops "blue" #1#1', 'check:0', 'ineffective'],
    ]);
  });

  it('lays out the same input the same way every time', () => {
    expect(JSON.stringify(exportPicture(picture()))).toBe(JSON.stringify(exportPicture(picture())));
  });
});
