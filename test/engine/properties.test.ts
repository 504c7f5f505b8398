/**
 * Invariants of the evaluator, checked on random accounts: a Deny never adds access, an Allow
 * never removes it, and the order of statements, grants and groups never changes a decision.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../src/engine/types.js';
import { account, minCatalog } from '../helpers.js';

const patterns = [
  'rds:*:*',
  'rds:instance:*',
  'rds:*:delete',
  'kms:*:*',
  '*:*:list*',
  'iam:*:*',
  'rds:instance:create',
  'bss:order:*',
  '*:*:*',
];
const scopes = ['p1', 'p2', 'global', 'all'];
const systemPermissions = [
  'RDS Full',
  'RDS Role',
  'Guest',
  'Server Admin',
  'Key Admin',
  'Admin',
  'IAM Reader',
];

interface StatementSpec {
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Condition?: Record<string, Record<string, string[]>>;
}
interface AccountSpec {
  policies: StatementSpec[][];
  groups: { permission: string; scope: string }[][];
  members: number[][];
}

const statementArb: fc.Arbitrary<StatementSpec> = fc
  .record({
    Effect: fc.constantFrom('Allow' as const, 'Deny' as const),
    Action: fc.uniqueArray(fc.constantFrom(...patterns), { minLength: 1, maxLength: 3 }),
    mfa: fc.constantFrom(undefined, 'true', 'false'),
  })
  .map(({ Effect, Action, mfa }) =>
    mfa === undefined
      ? { Effect, Action }
      : { Effect, Action, Condition: { Bool: { 'g:MFAPresent': [mfa] } } },
  );

const accountArb: fc.Arbitrary<AccountSpec> = fc
  .array(fc.array(statementArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 })
  .chain((policies) => {
    const names = [...policies.map((_, i) => `pol${i}`), ...systemPermissions];
    const grant = fc.record({
      permission: fc.constantFrom(...names),
      scope: fc.constantFrom(...scopes),
    });
    return fc.record({
      policies: fc.constant(policies),
      groups: fc.array(fc.array(grant, { maxLength: 4 }), { minLength: 1, maxLength: 3 }),
      members: fc.array(fc.uniqueArray(fc.nat({ max: 2 }), { maxLength: 3 }), {
        minLength: 2,
        maxLength: 2,
      }),
    });
  });

function toYaml(spec: AccountSpec): string {
  const groupCount = spec.groups.length;
  return JSON.stringify({
    projects: [{ name: 'p1' }, { name: 'p2' }],
    users: spec.members.map((m, i) => ({
      name: `u${i}`,
      groups: [...new Set(m.filter((g) => g < groupCount))].map((g) => `g${g}`),
    })),
    groups: spec.groups.map((grants, i) => ({ name: `g${i}`, grants })),
    policies: spec.policies.map((Statement, i) => ({
      name: `pol${i}`,
      document: { Version: '1.1', Statement },
    })),
  });
}

const queries: { user: string; action: string; context: Record<string, string[]> }[] =
  minCatalog.actions.flatMap((action) =>
    ['u0', 'u1'].flatMap((user) => [
      { user, action: action.name, context: {} as Record<string, string[]> },
      { user, action: action.name, context: { 'g:MFAPresent': ['true'] } },
    ]),
  );

function decisions(spec: AccountSpec): Decision[] {
  const a = account(toYaml(spec));
  return queries.map(
    (q) => a.ask(q.user, q.action, { project: 'p1', context: q.context }).decision,
  );
}

const rank: Record<Decision, number> = { allow: 2, conditional: 1, 'implicit-deny': 0, deny: 0 };

function addStatement(spec: AccountSpec, policy: number, statement: StatementSpec): AccountSpec {
  const policies = spec.policies.map((p, i) =>
    i === policy % spec.policies.length ? [...p, statement] : p,
  );
  return { ...spec, policies };
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const runs = { numRuns: 60, seed: 20261203 };

describe('evaluator invariants (fast-check)', () => {
  it('a Deny statement never adds access', () => {
    const deny = statementArb.map((s) => ({ ...s, Effect: 'Deny' as const }));
    fc.assert(
      fc.property(accountArb, fc.nat(), deny, (spec, policy, statement) => {
        const before = decisions(spec);
        const after = decisions(addStatement(spec, policy, statement));
        after.forEach((d, i) => expect(rank[d]).toBeLessThanOrEqual(rank[before[i] as Decision]));
      }),
      runs,
    );
  });

  it('an Allow statement never removes access', () => {
    const allow = statementArb.map((s) => ({ ...s, Effect: 'Allow' as const }));
    fc.assert(
      fc.property(accountArb, fc.nat(), allow, (spec, policy, statement) => {
        const before = decisions(spec);
        const after = decisions(addStatement(spec, policy, statement));
        after.forEach((d, i) =>
          expect(rank[d]).toBeGreaterThanOrEqual(rank[before[i] as Decision]),
        );
      }),
      runs,
    );
  });

  it('an Allow never turns an explicit deny into anything else', () => {
    const allow = statementArb.map((s) => ({ ...s, Effect: 'Allow' as const }));
    fc.assert(
      fc.property(accountArb, fc.nat(), allow, (spec, policy, statement) => {
        const before = decisions(spec);
        const after = decisions(addStatement(spec, policy, statement));
        before.forEach((d, i) => {
          if (d === 'deny') expect(after[i]).toBe('deny');
        });
      }),
      runs,
    );
  });

  it('statement, grant and group order never change a decision', () => {
    fc.assert(
      fc.property(accountArb, fc.nat(), (spec, seed) => {
        const reordered: AccountSpec = {
          policies: spec.policies.map((p, i) => shuffle(p, seed + i)),
          groups: spec.groups.map((g, i) => shuffle(g, seed * 7 + i)),
          members: spec.members.map((m, i) => shuffle(m, seed * 13 + i)),
        };
        expect(decisions(reordered)).toEqual(decisions(spec));
      }),
      runs,
    );
  });
});
