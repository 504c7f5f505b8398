/**
 * `decideCan` must return exactly the decision `can` returns: it is the same semantics without
 * the explanation. Checked over two generated accounts (the benchmark's, with roles and Depends,
 * Deny and MFA conditions; the tests', with enterprise-project grants, user grants and
 * user-name conditions) on actions, operations with variants, and contexts known and unknown.
 */
import { describe, expect, it } from 'vitest';
import { generateAccount, sizes } from '../../src/bench/generate.js';
import { seededRandom } from '../../src/bench/random.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { can } from '../../src/engine/can.js';
import { decideCan } from '../../src/engine/decision.js';
import { Evaluator } from '../../src/engine/evaluator.js';
import type { QueryOptions } from '../../src/engine/types.js';
import { buildGraph } from '../../src/graph/build.js';
import { loadModelText } from '../../src/model/load.js';
import { generatedAccountText } from './generated-account.js';

const catalog = loadCatalog();

function evaluatorOf(text: string): Evaluator {
  return new Evaluator(buildGraph(loadModelText(text, 'generated.json', catalog), catalog));
}

const contexts: (Record<string, string[] | null> | undefined)[] = [
  undefined,
  { 'g:MFAPresent': ['true'] },
  { 'g:MFAPresent': ['false'] },
  { 'g:MFAPresent': ['true'], 'g:EnterpriseProjectId': ['finance'] },
  { 'g:EnterpriseProjectId': ['other'] },
];

/** Asks both functions `count` seeded questions and returns the ones they answer differently. */
function mismatches(evaluator: Evaluator, count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const users = [...evaluator.pg.model.users.keys()];
  const groups = [...evaluator.pg.model.groups.keys()].map((g) => `group:${g}`);
  const projects = evaluator.pg.model.projects.map((p) => p.name);
  const operations = [...catalog.operations.values()];
  const now = new Date('2026-12-01T00:00:00Z');
  const found: string[] = [];
  for (let i = 0; i < count; i++) {
    const principal = random.next() < 0.9 ? random.pick(users) : random.pick(groups);
    let what = random.pick(catalog.actions).name;
    if (random.next() < 0.2) {
      const operation = random.pick(operations);
      const variants = Object.keys(operation.variants);
      what =
        variants.length > 0 && random.next() < 0.5
          ? `${operation.id}+${random.pick(variants)}`
          : operation.id;
    }
    const options: QueryOptions = {
      project: random.pick(projects),
      context: random.pick(contexts),
      now,
    };
    const expected = outcome(() => can(evaluator, principal, what, options).decision);
    const actual = outcome(() => decideCan(evaluator, principal, what, options));
    if (actual !== expected)
      found.push(
        `${principal} ${what} ${JSON.stringify(options)}: can ${expected}, decideCan ${actual}`,
      );
  }
  return found;
}

/** The decision, or the error message: both functions must refuse the same questions. */
function outcome(ask: () => string): string {
  try {
    return ask();
  } catch (error) {
    return `error ${(error as Error).message}`;
  }
}

const privileges = [
  'SELECT',
  'DROP_TABLE',
  'INSERT_INTO_TABLE',
  'DESCRIBE_TABLE',
  'CREATE_TABLE',
  'DISPLAY_ALL_TABLES',
];

/** DLI privilege questions on the account's own objects; returns the ones answered differently. */
function privilegeQuestions(
  evaluator: Evaluator,
  count: number,
  seed: number,
): { mismatches: string[]; decisions: Set<string> } {
  const random = seededRandom(seed);
  const users = [...evaluator.pg.model.users.keys()];
  const projects = evaluator.pg.model.projects.map((p) => p.name);
  const decisions = new Set<string>();
  const objects = [
    'databases.db0',
    'databases.db1.tables.t2',
    'databases.db2.tables.t0.columns.c1',
    'databases.db3.tables.t3',
  ];
  const found: string[] = [];
  for (let i = 0; i < count; i++) {
    const principal = random.next() < 0.9 ? random.pick(users) : 'group:group-1';
    const what = random.pick(privileges);
    const options: QueryOptions = {
      project: random.pick(projects),
      on: random.pick(objects),
      context: random.pick(contexts),
    };
    const expected = outcome(() => can(evaluator, principal, what, options).decision);
    const actual = outcome(() => decideCan(evaluator, principal, what, options));
    decisions.add(expected.startsWith('error') ? 'error' : expected);
    if (actual !== expected)
      found.push(
        `${principal} ${what} ${JSON.stringify(options)}: can ${expected}, decideCan ${actual}`,
      );
  }
  return { mismatches: found, decisions };
}

/**
 * The generated account with DLI statements every decision can come from: a Deny of table drops,
 * an Allow of SELECT on one database's tables, and a Deny of SELECT that holds only without MFA,
 * granted to the first groups in the three DLI projects.
 */
function withDliPolicies(account: Record<string, unknown>): Record<string, unknown> {
  const statements = {
    'dli-no-drop': [{ Effect: 'Deny', Action: ['dli:table:dropTable'] }],
    'dli-read-db1': [
      {
        Effect: 'Allow',
        Action: ['dli:table:select', 'dli:column:select'],
        Resource: ['dli:*:*:table:databases.db1.tables.*', 'dli:*:*:column:databases.db1.*'],
      },
    ],
    'dli-select-needs-mfa': [
      {
        Effect: 'Deny',
        Action: ['dli:table:select'],
        Condition: { Bool: { 'g:MFAPresent': ['false'] } },
      },
    ],
  };
  const policies = account.policies as Record<string, unknown>[];
  const groups = account.groups as { name: string; grants: Record<string, unknown>[] }[];
  const projects = (account.projects as { name: string }[]).slice(0, 3).map((p) => p.name);
  Object.entries(statements).forEach(([name, Statement], i) => {
    policies.push({ name, document: { Version: '1.1', Statement } });
    for (const project of projects) groups[i]?.grants.push({ permission: name, scope: project });
  });
  return account;
}

describe('decideCan decides as can does', () => {
  it('on DLI privileges (IAM Deny and Allow, administrators, owners, replayed grants)', () => {
    const size = { ...sizes.small, policies: 40, grants: 120 };
    const evaluator = evaluatorOf(
      JSON.stringify(withDliPolicies(generateAccount(catalog, size, 3))),
    );
    const { mismatches, decisions } = privilegeQuestions(evaluator, 3000, 12);
    expect(mismatches).toEqual([]);
    expect([...decisions].sort()).toEqual([
      'allow',
      'conditional',
      'deny',
      'error',
      'implicit-deny',
    ]);
  });

  it('on the benchmark account (roles with and without Depends, Deny, MFA conditions)', () => {
    const evaluator = evaluatorOf(JSON.stringify(generateAccount(catalog, sizes.small, 3)));
    expect(mismatches(evaluator, 3000, 5)).toEqual([]);
  });

  it('on the tests account (enterprise projects, user grants, user-name conditions)', () => {
    const text = generatedAccountText({ seed: 9, users: 60, groups: 12, policies: 15 });
    expect(mismatches(evaluatorOf(text), 3000, 6)).toEqual([]);
  });

  it('answers a warm question from its cache the same way twice', () => {
    const evaluator = evaluatorOf(JSON.stringify(generateAccount(catalog, sizes.small, 3)));
    const first = mismatches(evaluator, 500, 8);
    expect([first, mismatches(evaluator, 500, 8)]).toEqual([[], []]);
  });
});

describe('decideCan keeps answers per principal, never across requests that differ', () => {
  const model = `version: 1
account: acme
projects:
  - name: cn-north-4
users:
  - name: ann
    groups: [ops]
groups:
  - name: ops
    grants:
      - permission: rds-all
        scope: cn-north-4
      - permission: guarded
        scope: cn-north-4
policies:
  - name: rds-all
    document:
      Version: "1.1"
      Statement:
        - Effect: Allow
          Action: ["rds:instance:list"]
  - name: guarded
    document:
      Version: "1.1"
      Statement:
        - Effect: Allow
          Action: ["rds:instance:delete"]
          Condition:
            Bool: { "g:MFAPresent": ["true"] }
        - Effect: Allow
          Action: ["rds:instance:restart"]
          Condition:
            DateLessThan: { "g:CurrentTime": ["2026-07-01T00:00:00Z"] }
        - Effect: Allow
          Action: ["rds:instance:modifySpec"]
        - Effect: Deny
          Action: ["rds:instance:modifySpec"]
          Resource: ["rds:*:*:instance:prod*"]
`;
  const evaluator = new Evaluator(buildGraph(loadModelText(model, 'm.yaml', catalog), catalog));
  const ask = (what: string, options: QueryOptions) =>
    decideCan(evaluator, 'ann', what, { project: 'cn-north-4', ...options });

  it('a context-free answer is the same for any request', () => {
    expect([
      ask('rds:instance:list', {}),
      ask('rds:instance:list', { context: { 'g:MFAPresent': ['false'] } }),
    ]).toEqual(['allow', 'allow']);
  });

  it('an answer that read the context follows the context, asked in any order', () => {
    const mfa = (value: string) => ({ context: { 'g:MFAPresent': [value] } });
    expect([
      ask('rds:instance:delete', mfa('true')),
      ask('rds:instance:delete', mfa('false')),
      ask('rds:instance:delete', {}),
      ask('rds:instance:delete', mfa('true')),
      ask('rds:instance:delete', mfa('false')),
    ]).toEqual(['allow', 'implicit-deny', 'conditional', 'allow', 'implicit-deny']);
  });

  it('no resource and an empty resource are different requests', () => {
    expect([
      ask('rds:instance:modifySpec', { resource: '' }),
      ask('rds:instance:modifySpec', {}),
      ask('rds:instance:modifySpec', { resource: 'rds:cn-north-4:acme:instance:prod-1' }),
    ]).toEqual(
      ['', undefined, 'rds:cn-north-4:acme:instance:prod-1'].map(
        (resource) =>
          can(evaluator, 'ann', 'rds:instance:modifySpec', {
            project: 'cn-north-4',
            ...(resource === undefined ? {} : { resource }),
          }).decision,
      ),
    );
    expect(ask('rds:instance:modifySpec', {})).toBe('conditional');
  });

  it('a context object changed between questions is read again', () => {
    const context: Record<string, string[]> = { 'g:MFAPresent': ['true'] };
    const first = ask('rds:instance:delete', { context });
    context['g:MFAPresent'] = ['false'];
    expect([first, ask('rds:instance:delete', { context })]).toEqual(['allow', 'implicit-deny']);
  });

  it('an answer that read the time follows the time', () => {
    const at = (iso: string) => ({ now: new Date(iso) });
    expect([
      ask('rds:instance:restart', at('2026-06-01T00:00:00Z')),
      ask('rds:instance:restart', at('2026-08-01T00:00:00Z')),
      ask('rds:instance:restart', at('2026-06-01T00:00:00Z')),
    ]).toEqual(['allow', 'implicit-deny', 'allow']);
    // Without a time, the clock's (after 2026-07-01 today): never a kept answer of another time.
    expect(ask('rds:instance:restart', {})).toBe(
      can(evaluator, 'ann', 'rds:instance:restart', { project: 'cn-north-4' }).decision,
    );
  });
});
