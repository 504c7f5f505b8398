/**
 * Invariants of DLI privilege decisions on random grant histories: another grant request never
 * removes access, an IAM Deny never adds it, and the order of grant-only requests never changes
 * a decision.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { account } from '../helpers.js';

const catalog = loadCatalog();
const objects = [
  'databases.db1',
  'databases.db1.tables.t1',
  'databases.db1.tables.t2',
  'databases.db1.tables.t1.columns.c1',
  'databases.db2',
];
const privileges = ['SELECT', 'DROP_TABLE', 'INSERT_INTO_TABLE', 'ALL'];
const grantees = ['user_name: u1', 'user_name: u2', 'projectId: 0732e57c728025922f04c01273686950'];
const queries: [string, string, string][] = [
  ['u1', 'SELECT', 'databases.db1.tables.t1.columns.c1'],
  ['u1', 'SELECT', 'databases.db1.tables.t2'],
  ['u1', 'DROP_TABLE', 'databases.db1.tables.t1'],
  ['u2', 'INSERT_INTO_TABLE', 'databases.db1.tables.t2'],
  ['u2', 'SELECT', 'databases.db2'],
  ['project:0732e57c728025922f04c01273686950', 'SELECT', 'databases.db1.tables.t1'],
  ['project:0732e57c728025922f04c01273686950', 'DROP_TABLE', 'databases.db1.tables.t2'],
];

interface Grant {
  grantee: string;
  object: string;
  privileges: string[];
}

const grantArb: fc.Arbitrary<Grant> = fc.record({
  grantee: fc.constantFrom(...grantees),
  object: fc.constantFrom(...objects),
  privileges: fc.uniqueArray(fc.constantFrom(...privileges), { minLength: 1, maxLength: 2 }),
});

/** No IAM Deny, a Deny of every table action, or the same Deny only without MFA. */
type DenyKind = 'none' | 'always' | 'without-mfa';

function model(grants: readonly Grant[], deny: DenyKind): string {
  const requests = grants
    .map(
      (g) =>
        `    - { action: grant, ${g.grantee}, privileges: [{ object: ${g.object}, privileges: [${g.privileges.join(', ')}] }] }`,
    )
    .join('\n');
  return `
projects: [{ name: cn-north-4 }]
users: [{ name: u1, groups: [g] }, { name: u2, groups: [g] }]
groups:
  - name: g
    grants: [${deny === 'none' ? '' : '{ permission: no-dli, scope: cn-north-4 }'}]
policies:
  - name: no-dli
    document: { Version: "1.1", Statement: [{ Effect: Deny, Action: ["dli:table:*"]${deny === 'without-mfa' ? ', Condition: { Bool: { "g:MFAPresent": ["false"] } }' : ''} }] }
dli:
  requests:
${requests || '    []'}
`.replace('requests:\n    []', 'requests: []');
}

function decisions(grants: readonly Grant[], deny: DenyKind = 'none'): string[] {
  const a = account(model(grants, deny), catalog);
  return queries.map(([who, privilege, on]) => {
    try {
      return a.decision(who, privilege, { project: 'cn-north-4', on });
    } catch {
      return 'error';
    }
  });
}

const rank: Record<string, number> = {
  deny: 0,
  'implicit-deny': 0,
  error: 0,
  conditional: 1,
  allow: 2,
};

describe('DLI decision invariants', () => {
  it('one more grant request never removes access', () => {
    fc.assert(
      fc.property(fc.array(grantArb, { maxLength: 5 }), grantArb, (grants, extra) => {
        const before = decisions(grants);
        const after = decisions([...grants, extra]);
        before.forEach((d, i) =>
          expect(rank[after[i] as string]).toBeGreaterThanOrEqual(rank[d] as number),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('an IAM Deny never adds access', () => {
    fc.assert(
      fc.property(fc.array(grantArb, { maxLength: 5 }), (grants) => {
        const open = decisions(grants);
        const denied = decisions(grants, 'always');
        denied.forEach((d, i) =>
          expect(rank[d]).toBeLessThanOrEqual(rank[open[i] as string] as number),
        );
        // The Deny covers every table action: no user keeps a table privilege.
        expect(denied[1]).not.toBe('allow');
        expect(denied[2]).not.toBe('allow');
      }),
      { numRuns: 30 },
    );
  });

  it('an IAM Deny whose condition is left open never leaves allowed what it would deny', () => {
    fc.assert(
      fc.property(fc.array(grantArb, { maxLength: 5 }), (grants) => {
        const open = decisions(grants);
        const unsettled = decisions(grants, 'without-mfa');
        const denied = decisions(grants, 'always');
        unsettled.forEach((d, i) => {
          expect(rank[d]).toBeLessThanOrEqual(rank[open[i] as string] as number);
          expect(rank[d]).toBeGreaterThanOrEqual(rank[denied[i] as string] as number);
          if (denied[i] !== open[i]) expect(d).not.toBe('allow');
        });
      }),
      { numRuns: 30 },
    );
  });

  it('the order of grant-only requests never changes a decision', () => {
    fc.assert(
      fc.property(fc.array(grantArb, { minLength: 2, maxLength: 5 }), (grants) => {
        expect(decisions([...grants].reverse())).toEqual(decisions(grants));
      }),
      { numRuns: 30 },
    );
  });
});
