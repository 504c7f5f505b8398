import { describe, expect, it } from 'vitest';
import { account, catchPermgraphError } from '../helpers.js';

function team(grants: string, extraPolicies = '') {
  return account(`
projects: [{ name: p1 }, { name: p2 }]
users: [{ name: alice, groups: [g] }]
groups:
  - name: g
    grants:
${grants}
${extraPolicies}
`);
}

describe('operations: every required action and role', () => {
  it('is allowed when every base requirement is', () => {
    const result = team('      - { permission: RDS Full, scope: p1 }').ask(
      'alice',
      'rds.instance.create',
      { project: 'p1' },
    );
    expect(result.decision).toBe('allow');
    expect(result.checks.map((c) => [c.requirement, c.decision])).toEqual([
      [{ kind: 'action', action: 'rds:instance:create' }, 'allow'],
      [{ kind: 'action', action: 'rds:instance:list' }, 'allow'],
    ]);
    expect(result.missing).toEqual([]);
  });

  it("adds each variant's requirements and lists what is missing with why", () => {
    const result = team('      - { permission: RDS Full, scope: p1 }').ask(
      'alice',
      'rds.instance.create+prepaid',
      { project: 'p1' },
    );
    expect(result.decision).toBe('implicit-deny');
    expect(result.missing).toEqual([
      {
        requirement: { kind: 'action', action: 'bss:order:update' },
        scope: 'global services',
        why: 'place the order',
        variant: 'prepaid',
      },
      {
        requirement: { kind: 'action', action: 'bss:order:pay' },
        scope: 'global services',
        why: 'pay the order',
        variant: 'prepaid',
      },
    ]);
  });

  it('takes variants from --with as well as from the spec', () => {
    const a = team('      - { permission: RDS Full, scope: p1 }');
    expect(
      a.ask('alice', 'rds.instance.create', { project: 'p1', variants: ['prepaid'] }).request
        .variants,
    ).toEqual(['prepaid']);
  });

  it('rejects an unknown variant, naming the known ones', () => {
    const a = team('      - { permission: RDS Full, scope: p1 }');
    const error = catchPermgraphError(() =>
      a.ask('alice', 'rds.instance.create+cheap', { project: 'p1' }),
    );
    expect(error.message).toBe('operation rds.instance.create has no variant "cheap"');
    expect(error.hint).toBe('its variants are: encrypted, prepaid');
    // Names every object has are no variants either.
    for (const name of ['constructor', 'toString', '__proto__']) {
      const inherited = catchPermgraphError(() =>
        a.ask('alice', 'rds.instance.create', { project: 'p1', variants: [name] }),
      );
      expect(inherited.message).toBe(`operation rds.instance.create has no variant "${name}"`);
    }
  });

  it('a required role is met by holding it in the same project', () => {
    const a = team(`      - { permission: RDS Full, scope: p1 }
      - { permission: Key Admin, scope: p1 }`);
    const result = a.ask('alice', 'rds.instance.create+encrypted', { project: 'p1' });
    expect(result.decision).toBe('allow');
    expect(result.checks[2]?.requirement).toEqual({ kind: 'permission', permission: 'Key Admin' });
    expect(result.checks[2]?.notes[0]).toMatch(
      /^holds Key Admin: user alice → group g → grant of Key Admin on project p1/,
    );
  });

  it('a required role held in another project is missing', () => {
    const result = team(`      - { permission: RDS Full, scope: p1 }
      - { permission: Key Admin, scope: p2 }`).ask('alice', 'rds.instance.create+encrypted', {
      project: 'p1',
    });
    expect(result.decision).toBe('implicit-deny');
    expect(result.missing).toEqual([
      {
        requirement: { kind: 'permission', permission: 'Key Admin' },
        scope: 'project p1',
        why: 'encryption keys',
        variant: 'encrypted',
      },
    ]);
  });

  it('a required role is met by other grants that allow everything it grants', () => {
    const result = team('      - { permission: Admin, scope: p1 }').ask(
      'alice',
      'rds.instance.create+encrypted',
      { project: 'p1' },
    );
    expect(result.decision).toBe('allow');
    expect(result.checks[2]?.notes).toEqual([
      'does not hold Key Admin, but other grants allow all 2 catalog actions it grants',
    ]);
  });

  it('holding the role while a Deny removes part of it is a deny', () => {
    const a = team(
      `      - { permission: RDS Full, scope: p1 }
      - { permission: Key Admin, scope: p1 }
      - { permission: no-new-keys, scope: p1 }`,
      'policies: [{ name: no-new-keys, document: { Version: "1.1", Statement: [{ Effect: Deny, Action: ["kms:cmk:create"] }] } }]',
    );
    const result = a.ask('alice', 'rds.instance.create+encrypted', { project: 'p1' });
    expect(result.decision).toBe('deny');
    expect(result.deniedBy[0]?.permission).toBe('no-new-keys');
  });

  it('an explicit deny of one check makes the operation a deny', () => {
    const a = team(
      `      - { permission: RDS Full, scope: p1 }
      - { permission: no-list, scope: p1 }`,
      'policies: [{ name: no-list, document: { Version: "1.1", Statement: [{ Effect: Deny, Action: ["rds:instance:list"] }] } }]',
    );
    expect(a.decision('alice', 'rds.instance.create', { project: 'p1' })).toBe('deny');
  });
});

describe('requests that cannot be answered', () => {
  const a = team('      - { permission: RDS Full, scope: p1 }');

  it('an unknown action names the nearest known one', () => {
    const error = catchPermgraphError(() =>
      a.ask('alice', 'rds:instance:delet', { project: 'p1' }),
    );
    expect(error.code).toBe('E_UNKNOWN_ACTION');
    expect(error.hint).toBe('did you mean "rds:instance:delete"?');
  });

  it('an action of a service the catalog lacks says so', () => {
    const error = catchPermgraphError(() =>
      a.ask('alice', 'ecs:cloudServers:list', { project: 'p1' }),
    );
    expect(error.hint).toBe(
      'catalog test-1 (2026-01-01) does not cover service "ecs"; add it with --catalog DIR',
    );
  });

  it('an unknown principal names the nearest known one', () => {
    const error = catchPermgraphError(() => a.ask('alcie', 'rds:instance:list', { project: 'p1' }));
    expect(error.code).toBe('E_UNKNOWN_PRINCIPAL');
    expect(error.hint).toBe('did you mean "user:alice"?');
  });

  it('a project-level action needs a project when the model has several', () => {
    const error = catchPermgraphError(() => a.ask('alice', 'rds:instance:list'));
    expect(error.message).toBe(
      'rds:instance:list is a project-level action: say in which project with --project',
    );
  });

  it('an unknown project is an error', () => {
    const error = catchPermgraphError(() => a.ask('alice', 'rds:instance:list', { project: 'p9' }));
    expect(error.message).toBe('unknown project "p9"');
  });
});
