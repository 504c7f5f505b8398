/**
 * permgraph, Cedar and Casbin answer the same questions about the small synthetic account, and
 * every answer agrees: a disagreement is a bug in permgraph or in a peer's translation. The
 * benchmark (`npm run bench`) runs the same comparison on every size.
 */
import { describe, expect, it } from 'vitest';
import { casbinPeer } from '../../bench/peers/casbin.mjs';
import { cedarPeer } from '../../bench/peers/cedar.mjs';
import { agrees, peerPart, targetOf } from '../../bench/peers/setup.mjs';
import { generateAccount, sizes } from '../../src/bench/generate.js';
import { queryMix, type BenchQuery } from '../../src/bench/queries.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { Evaluator } from '../../src/engine/evaluator.js';
import { buildGraph } from '../../src/graph/build.js';
import { loadModelText } from '../../src/model/load.js';

const catalog = loadCatalog();
const account = generateAccount(catalog, sizes.small, 7);
const model = loadModelText(JSON.stringify(account), 'small.json', catalog);
const evaluator = new Evaluator(buildGraph(model, catalog));
const mix = queryMix(evaluator, { perDecision: 60, operations: 0 }, 11);
const decided = mix.filter((q) => q.mfa !== undefined);
const part = peerPart(account, catalog);

function count(queries: readonly BenchQuery[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const q of queries) counts[q.decision] = (counts[q.decision] ?? 0) + 1;
  return counts;
}

function describeQuery(q: BenchQuery): string {
  return `${q.principal} ${q.what} in ${targetOf(q)} mfa=${String(q.mfa)}: permgraph ${q.decision}`;
}

describe('agreement with the peers on the small account', () => {
  it('draws every kind of decision the peers can answer', () => {
    expect(count(decided)).toEqual({ allow: 60, deny: 60, 'implicit-deny': 60 });
  });

  for (const mode of ['sliced', 'single'] as const) {
    it(`Cedar (${mode}) agrees on every question`, () => {
      const peer = cedarPeer(part, mode);
      const disagreements = decided
        .filter((q) => !agrees(q.decision, peer.check(q.principal, q.what, targetOf(q), q.mfa!)))
        .map(describeQuery);
      expect(disagreements).toEqual([]);
    });

    it(`Casbin (${mode}) agrees on every question`, async () => {
      const peer = await casbinPeer(part, mode);
      const disagreements: string[] = [];
      for (const q of decided) {
        const answer = await peer.check(q.principal, q.what, targetOf(q), q.mfa!);
        if (!agrees(q.decision, answer)) disagreements.push(describeQuery(q));
      }
      expect(disagreements).toEqual([]);
    });
  }
});
