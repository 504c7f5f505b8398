/**
 * `who-can` walks back from statements to principals; `can` walks forward from one principal.
 * They must agree: on every example, for every user and group, every catalog action in every
 * project and globally, and every operation with each variant; and on a generated account of
 * several thousand users. Plus the shape of an answer on a small account.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { can } from '../../src/engine/can.js';
import { Evaluator } from '../../src/engine/evaluator.js';
import { whoCan } from '../../src/engine/who-can.js';
import { buildGraph } from '../../src/graph/build.js';
import { loadModelText } from '../../src/model/load.js';
import { resolveModel } from '../../src/model/resolve.js';
import { loadModelInput } from '../../src/import/input.js';
import { account } from '../helpers.js';
import { generatedAccountText } from './generated-account.js';
import { listGrants } from '../../src/dli/grants.js';
import { ancestors, parseDliObject, printDliObject } from '../../src/dli/object.js';
import { dliState } from '../../src/engine/dli.js';

const catalog = loadCatalog();
const now = new Date('2026-06-01T00:00:00Z');
const examples = join(import.meta.dirname, '../../examples');

/** Every example's evaluator, read as `-m examples/NAME` reads it (imported input included). */
const exampleEvaluators = await Promise.all(
  readdirSync(examples)
    .sort()
    .map(async (name) => {
      const input = await loadModelInput(join(examples, name), catalog);
      return {
        name,
        evaluator: new Evaluator(buildGraph(resolveModel(input.files, catalog), catalog)),
      };
    }),
);

/** Every disagreement between `who-can` and `can` for one question, as readable strings. */
function disagreements(
  evaluator: Evaluator,
  what: string,
  project: string | undefined,
  principals: string[],
  groups: boolean,
  on?: string,
): string[] {
  const result = whoCan(evaluator, what, { project, now, groups, on });
  const listed = new Map<string, string>();
  for (const e of [...result.allowed, ...result.conditional]) listed.set(e.principal, e.decision);
  const out: string[] = [];
  for (const principal of principals) {
    const forward = can(evaluator, principal, what, { project, now, on }).decision;
    const expected = forward === 'allow' || forward === 'conditional' ? forward : undefined;
    if (listed.get(principal) !== expected) {
      out.push(
        `${principal} ${what} ${project ?? 'global'}: can=${forward} who-can=${listed.get(principal)}`,
      );
    }
  }
  return out;
}

function principalsOf(evaluator: Evaluator, groups: boolean): string[] {
  const { model } = evaluator.pg;
  return groups
    ? [...model.groups.keys()].map((g) => `group:${g}`)
    : [...model.users.keys()].map((u) => `user:${u}`);
}

function questions(evaluator: Evaluator): { what: string; project: string | undefined }[] {
  const projects = evaluator.pg.model.projects.map((p) => p.name);
  const actions = catalog.actions.flatMap((a) =>
    a.scope === 'global'
      ? [{ what: a.name, project: projects[0] }]
      : projects.map((project) => ({ what: a.name, project })),
  );
  const operations = [...catalog.operations.values()].flatMap((op) =>
    ['', ...Object.keys(op.variants).map((v) => `+${v}`)].flatMap((variant) =>
      projects.map((project) => ({ what: `${op.id}${variant}`, project })),
    ),
  );
  return [...actions, ...operations];
}

describe('who-can agrees with can on every example', () => {
  for (const { name, evaluator } of exampleEvaluators) {
    it(`examples/${name}`, () => {
      const found: string[] = [];
      for (const groups of [false, true]) {
        const principals = principalsOf(evaluator, groups);
        for (const q of questions(evaluator))
          found.push(...disagreements(evaluator, q.what, q.project, principals, groups));
      }
      expect(found).toEqual([]);
    });
  }
});

/**
 * Every DLI object the model mentions (granted objects, their ancestors, the inventory's
 * databases, tables and columns) with every privilege of its type.
 */
function privilegeQuestions(evaluator: Evaluator): { privilege: string; on: string }[] {
  const state = dliState(evaluator);
  const paths = new Set<string>();
  for (const grant of listGrants(state.replay.state)) {
    const object = parseDliObject(grant.object);
    for (const o of [object, ...ancestors(object)]) paths.add(printDliObject(o));
  }
  const databases = (state.objects?.databases ?? {}) as Record<
    string,
    { tables?: Record<string, { columns?: string[] }> }
  >;
  for (const [db, entry] of Object.entries(databases)) {
    paths.add(`databases.${db}`);
    for (const [table, t] of Object.entries(entry.tables ?? {})) {
      paths.add(`databases.${db}.tables.${table}`);
      for (const column of t.columns ?? [])
        paths.add(`databases.${db}.tables.${table}.columns.${column}`);
    }
  }
  return [...paths].sort().flatMap((on) => {
    const type = state.catalog.types.get(parseDliObject(on).type);
    return [...(type?.privileges.keys() ?? [])].map((privilege) => ({ privilege, on }));
  });
}

/** Users, and every project a DLI grant names or the model declares, as `project:<id>`. */
function dliPrincipals(evaluator: Evaluator): string[] {
  const ids = new Set<string>();
  for (const grant of listGrants(dliState(evaluator).replay.state))
    if (grant.grantee.kind === 'project') ids.add(grant.grantee.id);
  for (const project of evaluator.pg.model.projects) if (project.id) ids.add(project.id);
  return [...principalsOf(evaluator, false), ...[...ids].map((id) => `project:${id}`)];
}

describe('who-can agrees with can on DLI privileges', () => {
  for (const { name, evaluator } of exampleEvaluators) {
    const asked = privilegeQuestions(evaluator);
    if (asked.length === 0) continue;
    it(`examples/${name}: ${asked.length} privilege questions`, () => {
      const found: string[] = [];
      const projects = evaluator.pg.model.projects.map((p) => p.name);
      for (const project of projects) {
        for (const { privilege, on } of asked) {
          found.push(
            ...disagreements(evaluator, privilege, project, dliPrincipals(evaluator), false, on),
            ...disagreements(
              evaluator,
              privilege,
              project,
              principalsOf(evaluator, true),
              true,
              on,
            ),
          );
        }
      }
      expect(found).toEqual([]);
    });
  }
});

describe('who-can agrees with can on a generated account', () => {
  const text = generatedAccountText({ seed: 7, users: 3000, groups: 60, policies: 40 });
  const evaluator = new Evaluator(
    buildGraph(loadModelText(text, 'generated.json', catalog), catalog),
  );
  const asked = [
    ['rds:instance:delete', 'cn-north-1'],
    ['rds:instance:list', 'cn-north-4'],
    ['rds:backup:create', 'ap-southeast-1'],
    ['vpc:vpcs:get', 'cn-north-1'],
    ['kms:cmk:create', 'cn-north-1'],
    ['iam:agencies:listAgencies', undefined],
    ['bss:order:pay', undefined],
    ['rds.instance.create+encrypted', 'cn-north-1'],
    ['rds.instance.create+prepaid+console', 'cn-north-4'],
  ] as const;

  for (const [what, project] of asked) {
    it(`${what} ${project ?? 'global'}: every user and group`, () => {
      const users = principalsOf(evaluator, false);
      expect(users.length).toBe(3000);
      const found = [
        ...disagreements(evaluator, what, project, users, false),
        ...disagreements(evaluator, what, project, principalsOf(evaluator, true), true),
      ];
      expect(found).toEqual([]);
    });
  }

  it('every catalog action in every project and globally, on a 300-user account', () => {
    const small = new Evaluator(
      buildGraph(
        loadModelText(
          generatedAccountText({
            seed: 11,
            users: 300,
            groups: 20,
            policies: 30,
            resourceStatements: true,
          }),
          'small.json',
          catalog,
        ),
        catalog,
      ),
    );
    const users = principalsOf(small, false);
    const groups = principalsOf(small, true);
    const found: string[] = [];
    let listed = 0;
    for (const { what, project } of questions(small).filter((q) => !q.what.includes('.'))) {
      found.push(...disagreements(small, what, project, users, false));
      found.push(...disagreements(small, what, project, groups, true));
      listed += whoCan(small, what, { project, now }).allowed.length;
    }
    expect(found).toEqual([]);
    expect(listed).toBeGreaterThan(1000);
  });

  it('finds allowed, conditional and unlisted users alike (the test is not vacuous)', () => {
    const result = whoCan(evaluator, 'rds:instance:delete', { project: 'cn-north-1', now });
    expect(result.allowed.length).toBeGreaterThan(100);
    expect(result.conditional.length).toBeGreaterThan(10);
    expect(result.allowed.length + result.conditional.length).toBeLessThan(3000);
  });
});

describe('the answer', () => {
  const team = account(`
projects: [{ name: p1 }, { name: p2 }]
users:
  - { name: alice, groups: [dba] }
  - { name: bob, groups: [dba, oncall] }
  - { name: carol, groups: [readers] }
groups:
  - name: dba
    grants: [{ permission: RDS Full, scope: p1 }]
  - name: oncall
    grants: [{ permission: mfa-delete, scope: p1 }]
  - name: readers
    grants: [{ permission: Guest, scope: all }]
policies:
  - name: mfa-delete
    document:
      Version: "1.1"
      Statement: [{ Effect: Deny, Action: ["rds:instance:delete"], Condition: { Bool: { "g:MFAPresent": ["false"] } } }]
`);

  it('lists allowed and conditional principals apart, with the shortest path', () => {
    const result = whoCan(team.evaluator, 'rds:instance:delete', { project: 'p1', now });
    expect(result.allowed.map((e) => e.principal)).toEqual(['user:alice']);
    expect(result.conditional.map((e) => [e.principal, e.unknownKeys])).toEqual([
      ['user:bob', ['g:MFAPresent']],
    ]);
    expect(result.allowed[0]?.because[0]?.path.map((s) => s.label)).toEqual([
      'user alice',
      'group dba',
      'grant of RDS Full on project p1',
      'system policy RDS Full',
      'statement 1 (Allow)',
      'matches rds:*:*',
    ]);
  });

  it('settles conditions with the supplied context', () => {
    const result = whoCan(team.evaluator, 'rds:instance:delete', {
      project: 'p1',
      now,
      context: { 'g:MFAPresent': ['false'] },
    });
    expect(result.allowed.map((e) => e.principal)).toEqual(['user:alice']);
    expect(result.conditional).toEqual([]);
  });

  it('lists groups with --groups', () => {
    const result = whoCan(team.evaluator, 'rds:instance:list', {
      project: 'p1',
      now,
      groups: true,
    });
    expect(result.allowed.map((e) => e.principal)).toEqual(['group:dba', 'group:readers']);
  });

  it('an operation keeps only principals every requirement allows, one reason per requirement', () => {
    const result = whoCan(team.evaluator, 'rds.instance.create', { project: 'p1', now });
    expect(result.allowed.map((e) => e.principal)).toEqual(['user:alice', 'user:bob']);
    expect(result.allowed[0]?.because.map((b) => b.requirement)).toEqual([
      { kind: 'action', action: 'rds:instance:create' },
      { kind: 'action', action: 'rds:instance:list' },
    ]);
  });
});

describe('who-can for a DLI privilege', () => {
  const dli = exampleEvaluators.find((e) => e.name === 'dli-sharing')?.evaluator;

  it('lists users and project grantees from grants, ownership and administrators', () => {
    if (!dli) throw new Error('examples/dli-sharing is missing');
    const result = whoCan(dli, 'SELECT', { on: 'databases.db1.tables.tbl', now });
    expect(result.request).toMatchObject({ kind: 'privilege', on: 'databases.db1.tables.tbl' });
    expect(result.allowed.map((e) => [e.principal, e.because[0]?.path.at(-1)?.label])).toEqual([
      [
        'project:0732e57c728025922f04c01273686950',
        'DLI grant request 1: SELECT on databases.db1 (inherited)',
      ],
      ['user:alice', 'owns databases.db1'],
      ['user:dli-ops', 'system role DLI Service Admin'],
      ['user:mallory', 'DLI grant request 3: SELECT on databases.db1.tables.tbl'],
    ]);
  });

  it('groups are reached only through administrators and IAM', () => {
    if (!dli) throw new Error('examples/dli-sharing is missing');
    const result = whoCan(dli, 'DROP_TABLE', {
      on: 'databases.db1.tables.tbl',
      now,
      groups: true,
    });
    expect(result.allowed.map((e) => e.principal)).toEqual(['group:dli-admins']);
  });
});
