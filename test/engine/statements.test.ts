import { describe, expect, it } from 'vitest';
import { account } from '../helpers.js';

/** One user in one group holding the given custom policies on project p1. */
function withPolicies(...documents: string[]) {
  const policies = documents.map((doc, i) => `  - name: pol${i}\n    document: ${doc}`).join('\n');
  const grants = documents.map((_, i) => `      - { permission: pol${i}, scope: p1 }`).join('\n');
  return account(`
account: acme
projects: [{ name: p1 }, { name: p2 }]
users: [{ name: alice, id: u-1, groups: [g] }, { name: bob, groups: [g] }]
groups:
  - name: g
    grants:
${grants}
policies:
${policies}
`);
}

const allowRds = '{ Version: "1.1", Statement: [{ Effect: Allow, Action: ["rds:*:*"] }] }';

describe('statement matching (DESIGN.md §4 step 4)', () => {
  it('matches wildcards in any segment and type/operation case-insensitively', () => {
    const a = withPolicies(
      '{ Version: "1.1", Statement: [{ Effect: Allow, Action: ["rds:Instance:LIST", "rds:*:del*"] }] }',
    );
    expect(a.decision('alice', 'rds:instance:list', { project: 'p1' })).toBe('allow');
    expect(a.decision('alice', 'rds:backup:delete', { project: 'p1' })).toBe('allow');
    expect(a.decision('alice', 'rds:instance:create', { project: 'p1' })).toBe('implicit-deny');
  });

  it('names the matching pattern in the explanation path', () => {
    const result = withPolicies(allowRds).ask('alice', 'rds:instance:list', { project: 'p1' });
    const path = result.checks[0]?.because[0]?.path.map((s) => s.label);
    expect(path).toEqual([
      'user alice',
      'group g',
      'grant of pol0 on project p1',
      'custom policy pol0',
      'statement 1 (Allow)',
      'matches rds:*:*',
    ]);
  });

  it('NotAction (5.0) matches every action except those listed', () => {
    const a = withPolicies(
      '{ Version: "5.0", Statement: [{ Effect: Allow, NotAction: ["rds:instance:delete"] }] }',
    );
    expect(a.decision('alice', 'rds:instance:create', { project: 'p1' })).toBe('allow');
    expect(a.decision('alice', 'rds:instance:delete', { project: 'p1' })).toBe('implicit-deny');
  });

  it('? matches one character in 5.0 documents', () => {
    const a = withPolicies(
      '{ Version: "5.0", Statement: [{ Effect: Allow, Action: ["rds:instance:li?t"] }] }',
    );
    expect(a.decision('alice', 'rds:instance:list', { project: 'p1' })).toBe('allow');
  });

  it('a statement with Resource applies only to matching resources', () => {
    const a = withPolicies(
      '{ Version: "1.1", Statement: [{ Effect: Allow, Action: ["obs:bucket:getObject"], Resource: ["obs:*:*:bucket:logs-*"] }] }',
    );
    expect(
      a.decision('alice', 'obs:bucket:getObject', {
        project: 'p1',
        resource: 'obs:cn-north-1:d1:bucket:logs-2026',
      }),
    ).toBe('allow');
    const other = a.ask('alice', 'obs:bucket:getObject', {
      project: 'p1',
      resource: 'obs:cn-north-1:d1:bucket:payroll',
    });
    expect(other.decision).toBe('implicit-deny');
    expect(other.checks[0]?.nearMisses[0]?.reason).toBe('resource-mismatch');
  });

  it('a statement with Resource is conditional when the request names no resource', () => {
    const a = withPolicies(
      '{ Version: "1.1", Statement: [{ Effect: Allow, Action: ["obs:bucket:getObject"], Resource: ["obs:*:*:bucket:logs-*"] }] }',
    );
    const result = a.ask('alice', 'obs:bucket:getObject', { project: 'p1' });
    expect(result.decision).toBe('conditional');
    expect(result.checks[0]?.unknownKeys).toEqual(['resource']);
  });
});

describe('Deny before Allow (DESIGN.md §4 step 5)', () => {
  const denyDelete =
    '{ Version: "1.1", Statement: [{ Effect: Deny, Action: ["rds:instance:delete"] }] }';

  it('a Deny in the same policy wins over its Allow', () => {
    const a = withPolicies(
      '{ Version: "1.1", Statement: [{ Effect: Allow, Action: ["rds:*:*"] }, { Effect: Deny, Action: ["rds:instance:delete"] }] }',
    );
    const result = a.ask('alice', 'rds:instance:delete', { project: 'p1' });
    expect(result.decision).toBe('deny');
    expect(result.allowed).toBe(false);
    expect(result.deniedBy.map((m) => m.path.at(-2)?.label)).toEqual(['statement 2 (Deny)']);
    expect(a.decision('alice', 'rds:instance:create', { project: 'p1' })).toBe('allow');
  });

  it('a Deny in another policy wins too', () => {
    expect(
      withPolicies(allowRds, denyDelete).decision('alice', 'rds:instance:delete', {
        project: 'p1',
      }),
    ).toBe('deny');
  });

  it('a Deny-only policy allows nothing', () => {
    expect(
      withPolicies(denyDelete).decision('alice', 'rds:instance:create', { project: 'p1' }),
    ).toBe('implicit-deny');
  });

  it('a Deny granted in another project does not apply', () => {
    const a = account(`
projects: [{ name: p1 }, { name: p2 }]
users: [{ name: alice, groups: [g] }]
groups:
  - name: g
    grants: [{ permission: allow, scope: p1 }, { permission: deny, scope: p2 }]
policies:
  - { name: allow, document: ${allowRds} }
  - { name: deny, document: ${denyDelete} }
`);
    expect(a.decision('alice', 'rds:instance:delete', { project: 'p1' })).toBe('allow');
  });
});

describe('conditions (DESIGN.md §4 step 6)', () => {
  const mfa =
    '{ Version: "1.1", Statement: [{ Effect: Allow, Action: ["rds:instance:restart"], Condition: { Bool: { "g:MFAPresent": ["true"] } } }] }';

  it('a condition on a key the query does not supply makes the answer conditional', () => {
    const result = withPolicies(mfa).ask('alice', 'rds:instance:restart', { project: 'p1' });
    expect(result.decision).toBe('conditional');
    expect(result.allowed).toBe(false);
    expect(result.checks[0]?.unknownKeys).toEqual(['g:MFAPresent']);
  });

  it('settles when the key is supplied', () => {
    const a = withPolicies(mfa);
    expect(
      a.decision('alice', 'rds:instance:restart', {
        project: 'p1',
        context: { 'g:MFAPresent': ['true'] },
      }),
    ).toBe('allow');
    const no = a.ask('alice', 'rds:instance:restart', {
      project: 'p1',
      context: { 'g:MFAPresent': ['false'] },
    });
    expect(no.decision).toBe('implicit-deny');
    expect(no.checks[0]?.nearMisses[0]?.reason).toBe('condition-false');
  });

  it('fills g:UserName, g:UserId, g:DomainName and g:ProjectName from the request', () => {
    const byUser = withPolicies(
      '{ Version: "1.1", Statement: [{ Effect: Allow, Action: ["rds:*:*"], Condition: { StringEquals: { "g:UserName": ["alice"], "g:ProjectName": ["p1"], "g:DomainName": ["acme"] } } }] }',
    );
    expect(byUser.decision('alice', 'rds:instance:list', { project: 'p1' })).toBe('allow');
    expect(byUser.decision('bob', 'rds:instance:list', { project: 'p1' })).toBe('implicit-deny');
    const byId = withPolicies(
      '{ Version: "1.1", Statement: [{ Effect: Allow, Action: ["rds:*:*"], Condition: { StringEquals: { "g:UserId": ["u-1"] } } }] }',
    );
    expect(byId.decision('alice', 'rds:instance:list', { project: 'p1' })).toBe('allow');
    // bob has no id in the model: the key is unknown, not false.
    expect(byId.decision('bob', 'rds:instance:list', { project: 'p1' })).toBe('conditional');
  });

  it('g:CurrentTime is the query time, or the supplied one', () => {
    const a = withPolicies(
      '{ Version: "1.1", Statement: [{ Effect: Allow, Action: ["rds:*:*"], Condition: { DateLessThan: { "g:CurrentTime": ["2026-12-31T00:00:00Z"] } } }] }',
    );
    expect(a.decision('alice', 'rds:instance:list', { project: 'p1' })).toBe('allow');
    expect(
      a.decision('alice', 'rds:instance:list', {
        project: 'p1',
        context: { 'g:CurrentTime': ['2027-01-02T00:00:00Z'] },
      }),
    ).toBe('implicit-deny');
  });

  it('a Deny whose condition is unknown turns a certain Allow into conditional', () => {
    const a = withPolicies(
      allowRds,
      '{ Version: "1.1", Statement: [{ Effect: Deny, Action: ["rds:instance:delete"], Condition: { Bool: { "g:MFAPresent": ["false"] } } }] }',
    );
    const result = a.ask('alice', 'rds:instance:delete', { project: 'p1' });
    expect(result.decision).toBe('conditional');
    expect(result.checks[0]?.unknownKeys).toEqual(['g:MFAPresent']);
    expect(
      a.decision('alice', 'rds:instance:delete', {
        project: 'p1',
        context: { 'g:MFAPresent': ['true'] },
      }),
    ).toBe('allow');
    expect(
      a.decision('alice', 'rds:instance:delete', {
        project: 'p1',
        context: { 'g:MFAPresent': ['false'] },
      }),
    ).toBe('deny');
  });

  it('a known-absent key (KEY=) satisfies IfExists', () => {
    const a = withPolicies(
      '{ Version: "1.1", Statement: [{ Effect: Allow, Action: ["rds:*:*"], Condition: { BoolIfExists: { "g:MFAPresent": ["true"] } } }] }',
    );
    expect(a.decision('alice', 'rds:instance:list', { project: 'p1' })).toBe('conditional');
    expect(
      a.decision('alice', 'rds:instance:list', {
        project: 'p1',
        context: { 'g:MFAPresent': null },
      }),
    ).toBe('allow');
  });
});
