import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalogFrom } from '../../src/catalog/load.js';
import { account, catchPermgraphError } from '../helpers.js';

function ops(grants: string) {
  return account(`
projects: [{ name: p1 }, { name: p2 }]
users: [{ name: dave, groups: [ops] }]
groups:
  - name: ops
    grants:
${grants}
`);
}

describe('v1.0 roles and their Depends (DESIGN.md §4 step 3)', () => {
  it('a role without its dependencies contributes nothing, and the near miss names them', () => {
    const result = ops('      - { permission: RDS Role, scope: p1 }').ask(
      'dave',
      'rds:instance:delete',
      { project: 'p1' },
    );
    expect(result.decision).toBe('implicit-deny');
    expect(result.checks[0]?.nearMisses).toEqual([
      expect.objectContaining({
        reason: 'missing-dependency',
        message:
          'RDS Role is a role that takes effect only with Guest and Server Admin granted in the same scope (project p1); it contributes nothing here',
      }),
    ]);
  });

  it('takes effect when every dependency is granted in the same project', () => {
    const a = ops(`      - { permission: RDS Role, scope: p1 }
      - { permission: Guest, scope: p1 }
      - { permission: Server Admin, scope: p1 }`);
    expect(a.decision('dave', 'rds:instance:delete', { project: 'p1' })).toBe('allow');
  });

  it('does not take effect when a dependency is granted in another project', () => {
    const result = ops(`      - { permission: RDS Role, scope: p1 }
      - { permission: Guest, scope: p1 }
      - { permission: Server Admin, scope: p2 }`).ask('dave', 'rds:instance:delete', {
      project: 'p1',
    });
    expect(result.decision).toBe('implicit-deny');
    expect(result.checks[0]?.nearMisses[0]?.message).toContain('only with Server Admin granted');
  });

  it('counts a dependency granted on all resources as granted in the project', () => {
    const a = ops(`      - { permission: RDS Role, scope: p1 }
      - { permission: Guest, scope: all }
      - { permission: Server Admin, scope: p1 }`);
    expect(a.decision('dave', 'rds:instance:delete', { project: 'p1' })).toBe('allow');
  });

  it('requires dependencies of dependencies: Server Admin without Guest does not satisfy RDS Role', () => {
    const a = ops(`      - { permission: RDS Role, scope: p1 }
      - { permission: Server Admin, scope: p1 }
      - { permission: Guest, scope: p2 }`);
    expect(a.decision('dave', 'rds:instance:create', { project: 'p1' })).toBe('implicit-deny');
  });

  it('dependencies may come through different groups of the same user', () => {
    const a = account(`
projects: [{ name: p1 }]
users: [{ name: dave, groups: [a, b] }]
groups:
  - { name: a, grants: [{ permission: RDS Role, scope: p1 }] }
  - { name: b, grants: [{ permission: Guest, scope: p1 }, { permission: Server Admin, scope: p1 }] }
`);
    expect(a.decision('dave', 'rds:backup:delete', { project: 'p1' })).toBe('allow');
  });

  it('a catalog exclusion keeps IAM out of an "all services" role', () => {
    const a = ops('      - { permission: Admin, scope: all }');
    expect(a.decision('dave', 'rds:instance:delete', { project: 'p1' })).toBe('allow');
    expect(a.decision('dave', 'bss:order:pay')).toBe('allow');
    expect(a.decision('dave', 'iam:agencies:createAgency')).toBe('implicit-deny');
  });

  it('a custom policy named like a dependency is refused, never taken for the system role', () => {
    const error = catchPermgraphError(() =>
      account(`
projects: [{ name: p1 }]
users: [{ name: dave, groups: [ops] }]
policies:
  - name: guest
    document: { Version: "1.1", Statement: [{ Effect: Allow, Action: ["rds:instance:list"] }] }
groups:
  - name: ops
    grants: [{ permission: RDS Role, scope: p1 }, { permission: guest, scope: p1 }]
`),
    );
    expect(error.code).toBe('E_REFERENCE');
    expect(error.message).toBe(
      'custom policy "guest" has the name of the system permission "Guest"',
    );
    expect(error.position).toMatchObject({ line: 5, column: 5 });
  });

  it('a long chain of roles held through several groups is checked once per grant', () => {
    // r0 depends on r1, … r23 on a role nobody holds; each held through three groups. Checked
    // path by path this took 3^24 steps; the answer is that none of them takes effect.
    const dir = mkdtempSync(join(tmpdir(), 'permgraph-chain-'));
    const roles = Array.from({ length: 24 }, (_, i) => ({
      name: `r${i}`,
      kind: 'role',
      catalog: 'BASE',
      scope: 'both',
      description: { en: `role ${i}` },
      document: {
        Version: '1.0',
        Statement: [{ Effect: 'Allow', Action: ['rds:instance:delete'] }],
        Depends: [{ catalog: 'BASE', display_name: i === 23 ? 'Nobody Holds This' : `r${i + 1}` }],
      },
      source: 'test',
    }));
    writeFileSync(join(dir, 'chain.yaml'), JSON.stringify({ permissions: roles }));
    const catalog = loadCatalogFrom([
      fileURLToPath(new URL('../fixtures/catalog-min', import.meta.url)),
      dir,
    ]);
    const grants = roles.map((r) => `{ permission: ${r.name}, scope: p1 }`).join(', ');
    const a = account(
      `
projects: [{ name: p1 }]
users: [{ name: dave, groups: [g1, g2, g3] }]
groups:
  - { name: g1, grants: [${grants}] }
  - { name: g2, grants: [${grants}] }
  - { name: g3, grants: [${grants}] }
`,
      catalog,
    );
    const result = a.ask('dave', 'rds:instance:delete', { project: 'p1' });
    expect(result.decision).toBe('implicit-deny');
    expect(result.checks[0]?.nearMisses.length).toBeGreaterThan(0);
  });
});
