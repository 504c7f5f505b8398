/**
 * `diff` decides the DLI layer's privilege changes layer by layer (src/engine/diff-dli.ts); it
 * must find exactly the owners' and grantees' changes that asking `who-can` for every privilege
 * question in every project, on both sides, finds. Checked on generated accounts whose after side changes IAM grants, DLI requests
 * and administrators, with and without `domainId` (a Resource statement then asks whole).
 */
import { describe, expect, it } from 'vitest';
import { generateAccount, perturbGrants, sizes } from '../../src/bench/generate.js';
import { loadCatalog } from '../../src/catalog/load.js';
import {
  privilegeAccess,
  privilegeChanges,
  privilegeQuestions,
} from '../../src/engine/diff-dli.js';
import { dliState } from '../../src/engine/dli.js';
import { Evaluator } from '../../src/engine/evaluator.js';
import { listGrants } from '../../src/dli/grants.js';
import { findOwners } from '../../src/dli/inventory.js';
import { ancestors, parseDliObject, printDliObject } from '../../src/dli/object.js';
import type { PrincipalKind } from '../../src/engine/who-can-action.js';
import { buildGraph } from '../../src/graph/build.js';
import { loadModelText } from '../../src/model/load.js';

const catalog = loadCatalog();
const now = new Date('2026-12-01T00:00:00Z');

type Account = Record<string, unknown> & {
  policies: Record<string, unknown>[];
  groups: { name: string; grants: Record<string, unknown>[] }[];
  projects: { name: string }[];
  dli: { requests: unknown[] };
};

function evaluatorOf(account: Record<string, unknown>): Evaluator {
  const model = loadModelText(JSON.stringify(account), 'generated.json', catalog);
  return new Evaluator(buildGraph(model, catalog));
}

/** A small generated account with DLI statements of every kind granted to its first groups. */
function before(seed: number): Account {
  const size = {
    ...sizes.small,
    users: 60,
    groups: 12,
    policies: 30,
    grants: 60,
    projects: 6,
    dli: { databases: 2, tablesPerDatabase: 2, columnsPerTable: 2, requests: 80 },
  };
  const account = generateAccount(catalog, size, seed) as Account;
  const statements: Record<string, unknown[]> = {
    'dli-no-drop': [{ Effect: 'Deny', Action: ['dli:table:dropTable'] }],
    'dli-read-db0': [
      {
        Effect: 'Allow',
        Action: ['dli:table:select', 'dli:column:select'],
        Resource: ['dli:*:*:table:databases.db0.tables.*', 'dli:*:*:column:databases.db0.*'],
      },
    ],
    'dli-select-needs-mfa': [
      {
        Effect: 'Deny',
        Action: ['dli:table:select'],
        Condition: { Bool: { 'g:MFAPresent': ['false'] } },
      },
    ],
    'dli-tables': [{ Effect: 'Allow', Action: ['dli:table:*'] }],
  };
  const projects = account.projects.slice(0, 3).map((p) => p.name);
  Object.entries(statements).forEach(([name, Statement], i) => {
    account.policies.push({ name, document: { Version: '1.1', Statement } });
    for (const project of projects)
      account.groups[i]?.grants.push({ permission: name, scope: project });
  });
  account.groups[5]?.grants.push({ permission: 'DLI Service Admin', scope: projects[0] });
  // Two grants to another project (the second is dropped on the after side).
  const partner = '0732e57c728025922f04c01273686950';
  account.dli.requests.unshift(
    ...['databases.db0', 'databases.db1.tables.t0'].map((object) => ({
      project: projects[0],
      action: 'grant',
      projectId: partner,
      privileges: [{ object, privileges: ['SELECT'] }],
    })),
  );
  return account;
}

/**
 * The after side: IAM grants changed, every fourth DLI request dropped, one more administrator,
 * and a conditional Deny of SELECT for one more group.
 */
function after(account: Account, seed: number): Account {
  const changed = perturbGrants(account, 0.15, seed) as Account;
  changed.dli = { ...changed.dli, requests: changed.dli.requests.filter((_, i) => i % 4 !== 1) };
  changed.groups[6]?.grants.push({
    permission: 'DLI FullAccess',
    scope: changed.projects[1]?.name,
  });
  // SELECT turns conditional for another group's members: grantees and IAM-allowed alike.
  for (const project of changed.projects.slice(0, 3))
    changed.groups[7]?.grants.push({ permission: 'dli-select-needs-mfa', scope: project.name });
  return changed;
}

/** Owners of the object or an ancestor, and grantees of grants on either, as principal keys. */
function holders(evaluator: Evaluator, on: string): Set<string> {
  const state = dliState(evaluator);
  const object = parseDliObject(on);
  const paths = new Set([object, ...ancestors(object)].map(printDliObject));
  const keys = new Set<string>();
  for (const owner of state.objects ? findOwners(state.objects, object) : [])
    keys.add(`user:${owner.owner}`);
  for (const grant of listGrants(state.replay.state)) {
    if (!paths.has(printDliObject(parseDliObject(grant.object)))) continue;
    keys.add(
      grant.grantee.kind === 'project'
        ? `project:${grant.grantee.id}`
        : `user:${grant.grantee.name}`,
    );
  }
  return keys;
}

/**
 * The reference: every question in every project asked whole on both sides, the changes of
 * owners and grantees kept (IAM-only changes are diff's action changes).
 */
function reference(b: Evaluator, a: Evaluator, kind: PrincipalKind): string[] {
  const lines: string[] = [];
  for (const project of b.pg.model.projects.map((p) => p.name)) {
    for (const question of privilegeQuestions([b, a])) {
      const dli = new Set([...holders(b, question.on), ...holders(a, question.on)]);
      const was = privilegeAccess(b, question, project, kind, { now });
      const is = privilegeAccess(a, question, project, kind, { now });
      for (const key of new Set([...was.keys(), ...is.keys()])) {
        if (!dli.has(key)) continue;
        const x = was.get(key) ?? 'none';
        const y = is.get(key) ?? 'none';
        if (x !== y) lines.push(`${key} ${question.privilege} ${question.on} ${project} ${x}→${y}`);
      }
    }
  }
  return lines.sort();
}

function layered(b: Evaluator, a: Evaluator, kind: PrincipalKind): string[] {
  const projects = b.pg.model.projects.map((p) => p.name);
  return privilegeChanges(b, a, privilegeQuestions([b, a]), projects, kind, { now })
    .map(
      (c) =>
        `${c.principal} ${c.question.privilege} ${c.question.on} ${c.project} ${c.before}→${c.after}`,
    )
    .sort();
}

describe('diff of DLI privileges, layer by layer', () => {
  for (const seed of [3]) {
    it(`finds what asking every question whole finds (seed ${seed}, users and groups)`, () => {
      const old = before(seed);
      const b = evaluatorOf(old);
      const a = evaluatorOf(after(old, seed + 1));
      const users = reference(b, a, 'user');
      expect(layered(b, a, 'user')).toEqual(users);
      expect(users.length).toBeGreaterThan(20);
      expect(users.some((l) => l.startsWith('project:'))).toBe(true);
      expect(users.some((l) => l.endsWith('→conditional') || l.includes('conditional→'))).toBe(
        true,
      );
      // Groups hold no DLI grants and own nothing: their changes are all IAM (action) changes.
      expect(layered(b, a, 'group')).toEqual([]);
    });
  }

  it('finds the same without domainId, where Resource statements are asked whole', () => {
    const old = before(5);
    delete old.domainId;
    const changed = after(old, 6);
    const b = evaluatorOf(old);
    const a = evaluatorOf(changed);
    const users = reference(b, a, 'user');
    expect(layered(b, a, 'user')).toEqual(users);
    expect(users.length).toBeGreaterThan(20);
  });
});
