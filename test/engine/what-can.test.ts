/**
 * `what-can`: a principal's effective set per scope, service and access level, compressed to
 * the patterns that grant it, with conditional and denied actions apart.
 */
import { describe, expect, it } from 'vitest';
import { whatCan } from '../../src/engine/what-can.js';
import { compressActions } from '../../src/engine/compress.js';
import { formatWhatCanText } from '../../src/report/what-can-text.js';
import { catchPermgraphError, evaluatorFor, minCatalog } from '../helpers.js';

const now = new Date('2026-06-01T00:00:00Z');

const evaluator = evaluatorFor(`
projects: [{ name: p1 }, { name: p2 }]
users:
  - { name: alice, groups: [dba] }
groups:
  - name: dba
    grants:
      - { permission: rds-no-delete, scope: p1 }
      - { permission: IAM Reader, scope: global }
      - { permission: RDS Full, scope: p2 }
policies:
  - name: rds-no-delete
    document:
      Version: "1.1"
      Statement:
        - { Effect: Allow, Action: ["rds:*:*"] }
        - { Effect: Deny, Action: ["rds:instance:delete"] }
        - Effect: Allow
          Action: ["kms:cmk:list"]
          Condition: { Bool: { "g:MFAPresent": ["true"] } }
`);

describe('what-can', () => {
  it('groups by scope, service and access level, with denied and conditional actions', () => {
    const result = whatCan(evaluator, 'alice', { now });
    expect(formatWhatCanText(result)).toMatchInlineSnapshot(`
      "what can user:alice do
      catalog test-1 (2026-01-01)

      project p1
        rds  (5 allowed, 1 denied)
          list         rds:instance:list
          write        rds:*:* (4 actions except rds:instance:delete)
          write        rds:instance:delete denied by rds-no-delete statement 2
        kms  (0 allowed, 1 conditional)
          list         kms:cmk:list if g:MFAPresent

      project p2
        rds  (6 allowed)
          list         rds:instance:list
          write        rds:*:* (5 actions)

      global services
        iam  (2 allowed)
          list         iam:*:list* (2 actions)
      "
    `);
  });

  it('keeps to one project and one service when asked', () => {
    const result = whatCan(evaluator, 'alice', { now, project: 'p1', service: 'rds' });
    expect(result.scopes.map((s) => [s.scope, s.services.map((x) => x.service)])).toEqual([
      ['project p1', ['rds']],
      ['global services', []],
    ]);
  });

  it('a DLI project principal is a usage error', () => {
    const error = catchPermgraphError(() => whatCan(evaluator, 'project:0732e57c', {}));
    expect([error.code, error.message]).toEqual([
      'E_USAGE',
      'what-can lists the IAM access of users and groups; project:0732e57c holds only DLI grants',
    ]);
  });

  it('an unknown service is a usage error', () => {
    const error = catchPermgraphError(() => whatCan(evaluator, 'alice', { service: 'nosuch' }));
    expect([error.code, error.message]).toEqual(['E_USAGE', 'the catalog has no service "nosuch"']);
  });
});

describe('compressing actions to patterns', () => {
  const rds = minCatalog.actionsOf('rds');
  const named = (names: string[]) => rds.filter((a) => names.includes(a.name));

  it('a whole service becomes svc:*:*; a whole resource type svc:type:*', () => {
    const entries = compressActions({ actions: rds, universe: rds });
    expect(entries.map((e) => [e.pattern, e.actions.length, e.except.length])).toEqual([
      ['rds:*:*', 6, 0],
    ]);
    const instance = compressActions({
      actions: named([
        'rds:instance:create',
        'rds:instance:delete',
        'rds:instance:list',
        'rds:instance:restart',
        'rds:backup:create',
      ]),
      universe: rds,
    });
    expect(instance.map((e) => e.pattern)).toEqual(['rds:instance:*', 'rds:backup:create']);
  });

  it('names tolerated (denied) actions among the exceptions without rejecting the pattern', () => {
    const allButDelete = rds.filter((a) => a.name !== 'rds:instance:delete');
    const entries = compressActions({
      actions: allButDelete,
      universe: rds,
      tolerated: new Set(['rds:instance:delete']),
    });
    expect(entries.map((e) => [e.pattern, e.actions.length, e.except.map((a) => a.name)])).toEqual([
      ['rds:*:*', 5, ['rds:instance:delete']],
    ]);
    // Not tolerated, one missing action in six is too many for a pattern.
    const strict = compressActions({ actions: allButDelete, universe: rds });
    expect(strict.some((e) => e.pattern === 'rds:*:*')).toBe(false);
  });
});

describe('what-can and services outside the catalog', () => {
  it('lists their statements as written, with the grant that holds them', () => {
    const dns = evaluatorFor(`
projects: [{ name: p1 }]
users: [{ name: alice, grants: [{ permission: dns-admin, scope: p1 }] }]
policies:
  - name: dns-admin
    document: { Version: "1.1", Statement: [{ Effect: Allow, Action: ["dns:*:*", "rds:instance:list"] }] }
`);
    const result = whatCan(dns, 'alice', { now });
    expect(result.uncatalogued).toEqual([
      { statement: 'Allow dns:*:*', scope: 'project p1', permission: 'dns-admin' },
    ]);
    expect(formatWhatCanText(result).split('\n').slice(-3)).toEqual([
      'outside the catalog (not evaluated; as written)',
      '  Allow dns:*:*  dns-admin on project p1',
      '',
    ]);
  });
});
