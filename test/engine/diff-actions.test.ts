/**
 * `diff` asks only the users whose grants changed (diff-actions.ts); that must find exactly the
 * changes that asking who-can of every action in every scope on both sides finds. Checked on
 * generated accounts whose after side moves, swaps, drops and adds grants, and edits a custom
 * policy's document, with contexts known and unknown.
 */
import { describe, expect, it } from 'vitest';
import { generateAccount, perturbGrants, sizes } from '../../src/bench/generate.js';
import { loadCatalog } from '../../src/catalog/load.js';
import {
  actionChangesByPrincipal,
  actionChangesByReverseQuery,
  type ActionChange,
} from '../../src/engine/diff-actions.js';
import { Evaluator } from '../../src/engine/evaluator.js';
import type { Target } from '../../src/engine/types.js';
import { buildGraph } from '../../src/graph/build.js';
import { loadModelText } from '../../src/model/load.js';

const catalog = loadCatalog();
const now = new Date('2026-12-01T00:00:00Z');

function evaluatorOf(account: Record<string, unknown>): Evaluator {
  const model = loadModelText(JSON.stringify(account), 'generated.json', catalog);
  return new Evaluator(buildGraph(model, catalog));
}

function lines(changes: readonly ActionChange[]): string[] {
  return changes.map((c) => `${c.principal} ${c.action} ${c.scope} ${c.before}→${c.after}`).sort();
}

function targetsOf(evaluator: Evaluator): Target[] {
  return [
    ...evaluator.pg.model.projects.map((p): Target => ({ kind: 'project', project: p.name })),
    { kind: 'global' },
  ];
}

describe('diff of actions by changed principal', () => {
  const size = { ...sizes.small, users: 150, groups: 25, policies: 20, grants: 70 };
  const cases: [number, Record<string, string[]> | undefined][] = [
    [3, undefined],
    [11, { 'g:MFAPresent': ['true'] }],
  ];
  for (const [seed, context] of cases) {
    it(`finds what asking every action in every scope finds (seed ${seed})`, () => {
      const old = generateAccount(catalog, size, seed);
      const changed = perturbGrants(old, 0.1, seed + 1) as {
        policies: { document: { Statement: Record<string, unknown>[] } }[];
        users: { name: string; groups: string[] }[];
        projects: { name: string }[];
        groups: { grants: Record<string, string>[] }[];
      };
      // A document edited in place, one that tells projects apart by name (granted on all
      // resources), and a user moved out of its groups.
      changed.policies[0]?.document.Statement.push({ Effect: 'Allow', Action: ['vpc:*:*'] });
      const project = changed.projects[1]?.name ?? '';
      changed.policies[1]?.document.Statement.push({
        Effect: 'Allow',
        Action: ['rds:instance:delete'],
        Condition: { StringEquals: { 'g:ProjectName': [project] } },
      });
      changed.groups[2]?.grants.push({ permission: 'custom-1', scope: 'all' });
      if (changed.users[0]) changed.users[0].groups = [];
      const b = evaluatorOf(old);
      const a = evaluatorOf(changed as Record<string, unknown>);
      const request = { targets: targetsOf(b), kind: 'user' as const, context, now };
      const reference = lines(actionChangesByReverseQuery(b, a, request));
      expect(lines(actionChangesByPrincipal(b, a, request))).toEqual(reference);
      expect(reference.length).toBeGreaterThan(50);
      expect(reference.some((l) => l.includes('→none'))).toBe(true);
      expect(reference.some((l) => l.includes('none→'))).toBe(true);
      expect(
        reference.some((l) => l.includes(`rds:instance:delete project ${project} none→`)),
      ).toBe(true);
    });
  }
});
