import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { Evaluator } from '../../src/engine/evaluator.js';
import { can } from '../../src/engine/can.js';
import { fix, type FixResult, type Proposal } from '../../src/engine/fix.js';
import { documentPermission } from '../../src/engine/fix-plan.js';
import { systemPermission } from '../../src/engine/fix-candidates.js';
import { withProposal } from '../../src/engine/fix-simulate.js';
import { buildGraph } from '../../src/graph/build.js';
import { loadModelText } from '../../src/model/load.js';
import type { QueryOptions } from '../../src/engine/types.js';
import { evaluatorFor } from '../helpers.js';
import { generatedAccountText } from './generated-account.js';

const now = new Date('2026-06-01T00:00:00Z');

function fixIn(
  yaml: string,
  principal: string,
  what: string,
  options: QueryOptions = {},
): FixResult {
  return fix(evaluatorFor(`projects: [{ name: p1 }, { name: p2 }]\n${yaml}`), principal, what, {
    now,
    ...options,
  });
}

/** Each proposal as one line per grant, for readable expectations. */
function grantsOf(result: FixResult): string[][] {
  return result.proposals.map((p) =>
    p.grants.map((g) => `${g.origin} ${g.permission} on ${g.scope} to ${g.to}`),
  );
}

describe('fix: nothing to do', () => {
  it('proposes nothing when the request is already allowed', () => {
    const result = fixIn(
      `users: [{ name: alice, groups: [g] }]
groups: [{ name: g, grants: [{ permission: RDS Full, scope: p1 }] }]`,
      'alice',
      'rds:instance:delete',
      { project: 'p1' },
    );
    expect(result.allowed).toBe(true);
    expect(result.missing).toEqual([]);
    expect(result.proposals).toEqual([]);
  });
});

describe('fix: what is not granted', () => {
  const noRds = `users: [{ name: alice, groups: [g] }, { name: bob, groups: [g] }]
groups: [{ name: g, grants: [{ permission: Key Admin, scope: p1 }] }]`;

  it('ranks by actions added: the exact custom policy, then the narrowest catalog permission', () => {
    const result = fixIn(noRds, 'alice', 'rds:instance:delete', { project: 'p1' });
    expect(result.decision).toBe('implicit-deny');
    expect(result.missing).toEqual([
      { scope: 'project p1', actions: ['rds:instance:delete'], permissions: [] },
    ]);
    expect(result.proposals.map((p) => [p.kind, p.adds, p.verified])).toEqual([
      ['new-policy', 1, true],
      ['existing', 6, true],
    ]);
    expect(grantsOf(result)).toEqual([
      ['new alice-rds-instance-delete on p1 to group:g'],
      ['system RDS Full on p1 to group:g'],
    ]);
    expect(result.proposals[0]?.documents[0]?.document).toEqual({
      Version: '1.1',
      Statement: [{ Effect: 'Allow', Action: ['rds:instance:delete'] }],
    });
    expect(result.proposals[0]?.alsoAffects).toEqual(['bob']);
    // RDS Role adds the same 6 RDS actions as RDS Full but needs Guest and Server Admin beside
    // it (three grants, so it ranks after); Admin adds OBS's one action on top (KMS is held).
    expect(result.alternatives).toEqual([
      { permissions: ['RDS Role', 'Guest', 'Server Admin'], scope: 'project p1', adds: 6 },
      { permissions: ['Admin'], scope: 'project p1', adds: 7 },
    ]);
  });

  it('offers the missing Depends of a role that is granted but has no effect', () => {
    const result = fixIn(
      `users: [{ name: alice, groups: [g] }]
groups: [{ name: g, grants: [{ permission: RDS Role, scope: p1 }] }]`,
      'alice',
      'rds:instance:delete',
      { project: 'p1' },
    );
    const completion = result.alternatives.find((a) => a.completes === 'RDS Role');
    expect(completion).toEqual({
      permissions: ['Guest', 'Server Admin'],
      completes: 'RDS Role',
      scope: 'project p1',
      adds: 7,
    });
  });

  it('grants a global-service action on global services, never with a project-only permission', () => {
    const result = fixIn(
      `users: [{ name: alice, groups: [g] }]
groups: [{ name: g, grants: [{ permission: RDS Full, scope: p1 }] }]`,
      'alice',
      'iam:agencies:listAgencies',
    );
    expect(result.missing).toEqual([
      { scope: 'global services', actions: ['iam:agencies:listAgencies'], permissions: [] },
    ]);
    expect(grantsOf(result)).toEqual([
      ['new alice-iam-agencies-listAgencies-global on global to group:g'],
      ['system IAM Reader on global to group:g'],
    ]);
    expect(result.proposals.map((p) => p.adds)).toEqual([1, 2]);
    expect(result.proposals[0]?.documents.map((d) => [d.type, d.scope])).toEqual([
      ['AX', 'global'],
    ]);
    expect(result.alternatives).toEqual([]);
  });

  it('names the permission an operation asks to hold, preferred over a new policy on a tie', () => {
    const result = fixIn(
      `users: [{ name: alice, groups: [g] }]
groups: [{ name: g, grants: [{ permission: RDS Full, scope: p1 }] }]`,
      'alice',
      'rds.instance.create+encrypted',
      { project: 'p1' },
    );
    expect(result.missing).toEqual([
      {
        scope: 'project p1',
        actions: ['kms:cmk:create', 'kms:cmk:list'],
        permissions: ['Key Admin'],
      },
    ]);
    expect(grantsOf(result)[0]).toEqual(['system Key Admin on p1 to group:g']);
    expect(result.proposals.map((p) => [p.kind, p.adds])).toEqual([
      ['existing', 2],
      ['new-policy', 2],
    ]);
  });

  it('splits a new policy into a project-level and a global one when the request needs both', () => {
    const result = fixIn(
      `users: [{ name: alice, groups: [g] }]
groups: [{ name: g }]`,
      'alice',
      'rds.instance.create+prepaid',
      { project: 'p1' },
    );
    expect(result.missing.map((m) => [m.scope, m.actions])).toEqual([
      ['project p1', ['rds:instance:create', 'rds:instance:list']],
      ['global services', ['bss:order:update', 'bss:order:pay']],
    ]);
    const created = result.proposals.find((p) => p.kind === 'new-policy');
    expect(created?.documents.map((d) => [d.name, d.type, d.actions])).toEqual([
      ['alice-rds-instance-create-prepaid', 'XA', ['rds:instance:create', 'rds:instance:list']],
      ['alice-rds-instance-create-prepaid-global', 'AX', ['bss:order:pay', 'bss:order:update']],
    ]);
    expect(created?.verified).toBe(true);
  });

  it('creates a group for a user who is in none', () => {
    const result = fixIn(`users: [{ name: alice }]`, 'alice', 'rds:instance:list', {
      project: 'p1',
    });
    expect(result.proposals[0]?.newGroup).toBe('alice-access');
    expect(grantsOf(result)[0]).toEqual([
      'new alice-rds-instance-list on p1 to group:alice-access',
    ]);
    expect(result.proposals[0]?.verified).toBe(true);
  });

  it("grants to the user's group that already holds the permission elsewhere", () => {
    const result = fixIn(
      `users:
  - { name: alice, groups: [a, b] }
  - { name: bob, groups: [b] }
  - { name: carol, groups: [b] }
  - { name: dan, groups: [a] }
groups:
  - { name: a }
  - { name: b, grants: [{ permission: RDS Full, scope: p2 }] }`,
      'alice',
      'rds:instance:delete',
      { project: 'p1' },
    );
    const existing = result.proposals.find((p) => p.kind === 'existing');
    expect(existing?.grants.map((g) => g.to)).toEqual(['group:b']);
    expect(existing?.alsoAffects).toEqual(['bob', 'carol']);
  });

  it('grants to a group principal itself and names its members', () => {
    const result = fixIn(
      `users: [{ name: zed, groups: [g] }, { name: amy, groups: [g] }]
groups: [{ name: g }]`,
      'group:g',
      'rds:instance:delete',
      { project: 'p1' },
    );
    expect(grantsOf(result)).toEqual([
      ['new g-rds-instance-delete on p1 to group:g'],
      ['system RDS Full on p1 to group:g'],
    ]);
    expect(result.proposals.map((p) => p.alsoAffects)).toEqual([
      ['amy', 'zed'],
      ['amy', 'zed'],
    ]);
  });

  it('reuses a custom policy of the model that covers the request', () => {
    const result = fixIn(
      `users: [{ name: alice, groups: [g] }]
groups: [{ name: g }]
policies:
  - name: deleter
    document: { Version: "1.1", Statement: [{ Effect: Allow, Action: ["rds:instance:delete"] }] }`,
      'alice',
      'rds:instance:delete',
      { project: 'p1' },
    );
    expect(grantsOf(result)[0]).toEqual(['custom deleter on p1 to group:g']);
    expect(result.proposals.map((p) => [p.kind, p.adds])).toEqual([
      ['existing', 1],
      ['new-policy', 1],
    ]);
  });

  it('never proposes a policy whose Deny would take away what the request needs', () => {
    const result = fixIn(
      `users: [{ name: alice, groups: [g] }]
groups: [{ name: g }]
policies:
  - name: all-but-list
    document:
      Version: "1.1"
      Statement:
        - { Effect: Allow, Action: ["rds:*:*"] }
        - { Effect: Deny, Action: ["rds:instance:list"] }`,
      'alice',
      'rds.instance.create',
      { project: 'p1' },
    );
    const names = result.proposals.flatMap((p) => p.grants.map((g) => g.permission));
    expect(names).not.toContain('all-but-list');
    expect(names).toContain('RDS Full');
  });
});

describe('fix: explicit Deny and conditions', () => {
  const denied = `users: [{ name: alice, groups: [g] }]
groups: [{ name: g, grants: [{ permission: ops, scope: p1 }] }]
policies:
  - name: ops
    document:
      Version: "1.1"
      Statement:
        - Effect: Allow
          Action: ["rds:*:*"]
        - Effect: Deny
          Action: ["rds:instance:delete"]`;

  it('names the Deny statement and its line, and proposes no grant', () => {
    const result = fixIn(denied, 'alice', 'rds:instance:delete', { project: 'p1' });
    expect(result.decision).toBe('deny');
    expect(result.denies).toEqual([
      {
        action: 'rds:instance:delete',
        scope: 'project p1',
        permission: 'ops',
        statement: 2,
        pattern: 'rds:instance:delete',
        grant: 'group:g#0',
        grantedTo: 'group:g',
        grantScope: 'project p1',
        position: {
          file: 'model.yaml',
          line: 11,
          column: 11,
          path: 'policies[0].document.Statement[1]',
        },
        system: false,
      },
    ]);
    expect(result.missing).toEqual([]);
    expect(result.proposals).toEqual([]);
  });

  it('lists conditional checks with their keys instead of proposing grants', () => {
    const result = fixIn(
      `users: [{ name: alice, groups: [g] }]
groups: [{ name: g, grants: [{ permission: mfa, scope: p1 }] }]
policies:
  - name: mfa
    document:
      Version: "1.1"
      Statement:
        - Effect: Allow
          Action: ["rds:instance:restart"]
          Condition: { Bool: { "g:MFAPresent": ["true"] } }`,
      'alice',
      'rds:instance:restart',
      { project: 'p1' },
    );
    expect(result.decision).toBe('conditional');
    expect(result.conditional).toEqual([
      {
        requirement: { kind: 'action', action: 'rds:instance:restart' },
        scope: 'project p1',
        unknownKeys: ['g:MFAPresent'],
      },
    ]);
    expect(result.proposals).toEqual([]);
  });
});

describe('fix: DLI privileges', () => {
  const catalog = loadCatalog([]);
  const file = 'examples/dli-sharing/permgraph.yaml';
  const evaluator = new Evaluator(
    buildGraph(loadModelText(readFileSync(file, 'utf8'), file, catalog), catalog),
  );

  it('proposes one DLI grant of exactly that privilege on that object, checked by replay', () => {
    const result = fix(evaluator, 'dlitest', 'INSERT_INTO_TABLE', {
      on: 'databases.db1.tables.tbl',
      now,
    });
    expect(result.decision).toBe('implicit-deny');
    expect(result.dliGrant).toEqual({
      request: {
        project: 'cn-north-4',
        user_name: 'dlitest',
        action: 'grant',
        privileges: [{ object: 'databases.db1.tables.tbl', privileges: ['INSERT_INTO_TABLE'] }],
      },
      verified: true,
    });
    expect(result.proposals).toEqual([]);
  });

  it('names the IAM Deny that no DLI grant can outweigh', () => {
    const result = fix(evaluator, 'mallory', 'DROP_TABLE', {
      on: 'databases.db1.tables.tbl',
      now,
    });
    expect(result.dliGrant).toBeUndefined();
    expect(result.denies.map((d) => [d.action, d.permission, d.statement, d.pattern])).toEqual([
      ['DROP_TABLE on databases.db1.tables.tbl', 'no-drop', 1, 'dli:table:dropTable'],
    ]);
  });

  it('proposes nothing for a group: DLI grants name users or projects', () => {
    const result = fix(evaluator, 'group:analysts', 'INSERT_INTO_TABLE', {
      on: 'databases.db1.tables.tbl',
      now,
    });
    expect([result.decision, result.dliGrant, result.proposals]).toEqual([
      'implicit-deny',
      undefined,
      [],
    ]);
  });
});

describe('fix on a generated account', () => {
  const catalog = loadCatalog([]);
  const text = generatedAccountText({ seed: 11, users: 300, groups: 40, policies: 20 });
  const model = loadModelText(text, 'generated.yaml', catalog);
  const evaluator = new Evaluator(buildGraph(model, catalog));

  /** Applies a proposal to the whole account, independently of how fix checked it. */
  function applied(proposal: Proposal): Evaluator {
    const grants = proposal.grants.map((g) => {
      const [kind, name] = g.to.split(/:(.*)/s) as ['user' | 'group', string];
      const document = proposal.documents.find((d) => d.name === g.permission);
      const system = catalog.findPermission(g.permission);
      const permission = document
        ? documentPermission(document)
        : system
          ? systemPermission(system)
          : model.policies.get(g.permission)!;
      const project = model.projects.find((p) => p.name === g.scope);
      const scope = project ? { kind: 'project' as const, project } : { kind: 'global' as const };
      return { holder: { kind, name }, permission, scope };
    });
    const groups = proposal.newGroup
      ? [{ name: proposal.newGroup, members: [grants[0]?.holder.name ?? ''] }]
      : [];
    return new Evaluator(buildGraph(withProposal(model, grants, groups), catalog));
  }

  it('every proposal it calls checked allows the request on the whole account', () => {
    const requests = [
      'rds.instance.create+encrypted+prepaid',
      'rds:instance:delete',
      'iam:agencies:listAgencies',
    ];
    let checked = 0;
    for (const user of [...model.users.keys()].slice(0, 25)) {
      for (const what of requests) {
        const result = fix(evaluator, user, what, { project: 'cn-north-1', now });
        if (result.denies.length > 0 || result.conditional.length > 0) continue;
        for (const proposal of result.proposals) {
          expect(proposal.verified).toBe(true);
          const after = can(applied(proposal), user, what, { project: 'cn-north-1', now });
          expect([user, what, proposal.kind, after.decision]).toEqual([
            user,
            what,
            proposal.kind,
            'allow',
          ]);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });
});
