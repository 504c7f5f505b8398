/**
 * `diff` reports access, not text: a grant added or removed, a change inside a custom policy and
 * a Deny added show up per principal × action × scope; renaming a policy, reordering its
 * statements or splitting it in two with the same union show no difference at all.
 */
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/engine/diff.js';
import { evaluatorFor } from '../helpers.js';
import { loadCatalog } from '../../src/catalog/load.js';

const now = new Date('2026-06-01T00:00:00Z');

const base = `
projects: [{ name: p1 }, { name: p2 }]
users:
  - { name: alice, groups: [dba] }
  - { name: bob, groups: [dba, ops] }
  - { name: carol, groups: [ops] }
groups:
  - name: dba
    grants: [{ permission: rds-ops, scope: p1 }]
  - name: ops
    grants: [{ permission: Guest, scope: p2 }]
`;

const rdsOps = `
policies:
  - name: rds-ops
    document:
      Version: "1.1"
      Statement:
        - { Effect: Allow, Action: ["rds:instance:*"] }
        - { Effect: Allow, Action: ["rds:backup:create", "kms:cmk:list"] }
`;

function diff(before: string, after: string, groups = false) {
  return diffModels(evaluatorFor(before), evaluatorFor(after), { now, groups });
}

/** Changes as `+ user:alice rds:instance:delete project p1` lines, easy to read in a failure. */
function lines(before: string, after: string, groups = false): string[] {
  return diff(before, after, groups).changes.map(
    (c) =>
      `${c.direction === 'added' ? '+' : '-'} ${c.principal} ${c.action} ${c.scope}${c.before === 'none' || c.after === 'none' ? '' : ` ${c.before}→${c.after}`}`,
  );
}

describe('diff reports access added and removed', () => {
  it('adding a grant adds access for every member of the group', () => {
    const after = base.replace(
      'grants: [{ permission: Guest, scope: p2 }]',
      'grants: [{ permission: Guest, scope: p2 }, { permission: Key Admin, scope: p1 }]',
    );
    expect(lines(base + rdsOps, after + rdsOps)).toEqual([
      '+ user:bob kms:cmk:create project p1',
      '+ user:carol kms:cmk:create project p1',
      '+ user:carol kms:cmk:list project p1',
    ]);
  });

  it('removing a grant removes access', () => {
    const after = base.replace('grants: [{ permission: rds-ops, scope: p1 }]', 'grants: []');
    expect(lines(base + rdsOps, after + rdsOps)).toEqual([
      '- user:alice kms:cmk:list project p1',
      '- user:alice rds:backup:create project p1',
      '- user:alice rds:instance:create project p1',
      '- user:alice rds:instance:delete project p1',
      '- user:alice rds:instance:list project p1',
      '- user:alice rds:instance:restart project p1',
      '- user:bob kms:cmk:list project p1',
      '- user:bob rds:backup:create project p1',
      '- user:bob rds:instance:create project p1',
      '- user:bob rds:instance:delete project p1',
      '- user:bob rds:instance:list project p1',
      '- user:bob rds:instance:restart project p1',
    ]);
  });

  it('a change inside a custom policy shows the actions it adds', () => {
    const after = rdsOps.replace(
      '"rds:backup:create", "kms:cmk:list"',
      '"rds:backup:*", "kms:cmk:list"',
    );
    expect(lines(base + rdsOps, base + after, true)).toEqual([
      '+ group:dba rds:backup:delete project p1',
    ]);
  });

  it('a Deny added removes access, and a conditional one makes it conditional', () => {
    const deny = `        - { Effect: Deny, Action: ["rds:instance:delete"] }\n`;
    const mfa = `        - { Effect: Deny, Action: ["rds:instance:restart"], Condition: { Bool: { "g:MFAPresent": ["false"] } } }\n`;
    expect(lines(base + rdsOps, base + rdsOps + deny + mfa, true)).toEqual([
      '- group:dba rds:instance:delete project p1',
      '- group:dba rds:instance:restart project p1 allow→conditional',
    ]);
  });

  it('groups principals with the same change and compresses actions to patterns', () => {
    const after = base.replace('grants: [{ permission: rds-ops, scope: p1 }]', 'grants: []');
    const result = diff(base + rdsOps, after + rdsOps);
    expect(result.summary).toEqual({
      added: 0,
      removed: 12,
      principalsGaining: 0,
      principalsLosing: 2,
    });
    expect(result.groups).toEqual([
      {
        principals: ['user:alice', 'user:bob'],
        runs: [
          {
            direction: 'removed',
            scope: 'project p1',
            before: 'allow',
            after: 'none',
            patterns: [
              {
                pattern: 'rds:instance:*',
                actions: [
                  'rds:instance:create',
                  'rds:instance:delete',
                  'rds:instance:list',
                  'rds:instance:restart',
                ],
                except: [],
              },
              { pattern: 'kms:cmk:list', actions: ['kms:cmk:list'], except: [] },
              { pattern: 'rds:backup:create', actions: ['rds:backup:create'], except: [] },
            ],
          },
        ],
      },
    ]);
  });
});

describe('changes that grant nothing new show no difference', () => {
  it('renaming a policy (and its grant)', () => {
    const renamed = (base + rdsOps).replaceAll('rds-ops', 'rds-operations');
    expect(lines(base + rdsOps, renamed)).toEqual([]);
    expect(lines(base + rdsOps, renamed, true)).toEqual([]);
  });

  it('reordering statements and the actions inside them', () => {
    const reordered = `
policies:
  - name: rds-ops
    document:
      Version: "1.1"
      Statement:
        - { Effect: Allow, Action: ["kms:cmk:list", "rds:backup:create"] }
        - { Effect: Allow, Action: ["rds:instance:*"] }
`;
    expect(lines(base + rdsOps, base + reordered)).toEqual([]);
  });

  it('splitting a policy in two with the same union', () => {
    const split = base.replace(
      'grants: [{ permission: rds-ops, scope: p1 }]',
      'grants: [{ permission: rds-a, scope: p1 }, { permission: rds-b, scope: p1 }]',
    );
    const policies = `
policies:
  - name: rds-a
    document: { Version: "1.1", Statement: [{ Effect: Allow, Action: ["rds:instance:*"] }] }
  - name: rds-b
    document: { Version: "1.1", Statement: [{ Effect: Allow, Action: ["rds:backup:create", "kms:cmk:list"] }] }
`;
    expect(lines(base + rdsOps, split + policies)).toEqual([]);
    expect(lines(base + rdsOps, split + policies, true)).toEqual([]);
  });

  it('a model compared with itself', () => {
    expect(diff(base + rdsOps, base + rdsOps).summary).toEqual({
      added: 0,
      removed: 0,
      principalsGaining: 0,
      principalsLosing: 0,
    });
  });
});

describe('diff compares DLI privileges per object and project', () => {
  const catalog = loadCatalog();
  const model = `
projects: [{ name: cn-north-4, id: 8e1f2a3b4c5d4e6f8a9b0c1d2e3f4a5b }]
users:
  - { name: alice }
  - { name: dlitest }
groups: []
dli:
  objects:
    databases:
      db1: { owner: alice, tables: { tbl: {} } }
  requests:
    - project: cn-north-4
      user_name: dlitest
      action: grant
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }
`;
  const dliDiff = (before: string, after: string) =>
    diffModels(evaluatorFor(before, catalog), evaluatorFor(after, catalog), { now }).changes.map(
      (c) => `${c.direction === 'added' ? '+' : '-'} ${c.principal} ${c.action} ${c.scope}`,
    );

  it('a DLI grant added to a project shows as access added for that project principal', () => {
    const added = `${model}    - project: cn-north-4
      projectId: 0732e57c728025922f04c01273686950
      action: grant
      privileges:
        - { object: databases.db1, privileges: [DROP_DATABASE] }
`;
    expect(dliDiff(model, added)).toEqual([
      '+ project:0732e57c728025922f04c01273686950 DROP_DATABASE on databases.db1 project cn-north-4',
    ]);
  });

  it('a revoke removes what the grant gave', () => {
    const revoked = `${model}    - project: cn-north-4
      user_name: dlitest
      action: revoke
      privileges:
        - { object: databases.db1.tables.tbl, privileges: [SELECT] }
`;
    expect(dliDiff(model, revoked)).toEqual([
      '- user:dlitest SELECT on databases.db1.tables.tbl project cn-north-4',
    ]);
  });
});

describe('statements about services outside the catalog are compared as written', () => {
  const withEcs = (statements: string) => `
policies:
  - name: rds-ops
    document:
      Version: "1.1"
      Statement:
        - { Effect: Allow, Action: ["rds:instance:*"] }
        - { Effect: Allow, Action: ["rds:backup:create", "kms:cmk:list"] }
${statements}`;

  it('an Allow of an uncovered service is access added, so --fail-on-new fails', () => {
    const after = withEcs('        - { Effect: Allow, Action: ["ecs:*:*"] }\n');
    const result = diffModels(evaluatorFor(base + rdsOps), evaluatorFor(base + after), {
      now,
      groups: true,
    });
    expect(result.changes).toEqual([]);
    expect(result.uncatalogued).toEqual([
      {
        principal: 'group:dba',
        statement: 'Allow ecs:*:*',
        scope: 'project p1',
        direction: 'added',
      },
    ]);
    expect(result.summary.added).toBe(1);
  });

  it('a Deny of an uncovered service removed is access added; added, removed', () => {
    const deny = withEcs(
      '        - { Effect: Deny, Action: ["ecs:server:delete"], Condition: { Bool: { "g:MFAPresent": ["false"] } } }\n',
    );
    const result = (a: string, b: string) =>
      diffModels(evaluatorFor(base + a), evaluatorFor(base + b), { now, groups: true })
        .uncatalogued;
    const statement = 'Deny ecs:server:delete if {"Bool":{"g:MFAPresent":["false"]}}';
    expect(result(deny, rdsOps)).toEqual([
      { principal: 'group:dba', statement, scope: 'project p1', direction: 'added' },
    ]);
    expect(result(rdsOps, deny)).toEqual([
      { principal: 'group:dba', statement, scope: 'project p1', direction: 'removed' },
    ]);
  });

  it('renaming or splitting a policy that names one changes nothing', () => {
    const ecs = withEcs('        - { Effect: Allow, Action: ["ecs:*:*"] }\n');
    const renamed = (base + ecs).replaceAll('rds-ops', 'rds-operations');
    const result = diffModels(evaluatorFor(base + ecs), evaluatorFor(renamed), { now });
    expect(result.uncatalogued).toEqual([]);
    expect(result.summary.added + result.summary.removed).toBe(0);
  });
});
