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
    const expected = can(evaluator, principal, what, options).decision;
    const actual = decideCan(evaluator, principal, what, options);
    if (actual !== expected)
      found.push(
        `${principal} ${what} ${JSON.stringify(options)}: can ${expected}, decideCan ${actual}`,
      );
  }
  return found;
}

describe('decideCan decides as can does', () => {
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
