/**
 * Runs the peers beside permgraph on the same questions: each set-up is built, asked the
 * questions once cold (first question per principal set pays for slicing) and again warm, within
 * a time budget; every answer is compared with permgraph's decision.
 */
import { decideCan } from '../../dist/engine/decision.js';
import { optionsOf } from '../../dist/bench/queries.js';
import { casbinPeer } from './casbin.mjs';
import { cedarPeer } from './cedar.mjs';
import { agrees, peerPart, targetOf } from './setup.mjs';
import { latencies, since, summarise, time, timeAsync } from '../stats.mjs';

const setups = [
  ['cedar', 'sliced'],
  ['cedar', 'single'],
  ['casbin', 'sliced'],
  ['casbin', 'single'],
];

/** Runs every set-up; returns permgraph's figures on the same questions and each peer's. */
export async function runPeers({ account, catalog, evaluator, queries, budgetMs, log }) {
  const translation = time(() => peerPart(account, catalog));
  const part = translation.value;
  const ask = (q) => decideCan(evaluator, q.principal, q.what, optionsOf(q));
  for (const q of queries) ask(q);
  const permgraph = latencies(queries, ask, 20);
  const results = [];
  for (const [engine, mode] of setups) {
    const result = await runSetup(engine, mode, part, queries, budgetMs);
    result.ratio = permgraph.perSecond / Math.max(result.warm.perSecond, 1e-9);
    log(
      `${engine} ${mode}: ${result.warm.perSecond.toFixed(0)}/s warm, ${result.disagreements.length} disagreements`,
    );
    results.push(result);
  }
  return { translationMs: translation.ms, questions: queries.length, permgraph, setups: results };
}

async function runSetup(engine, mode, part, queries, budgetMs) {
  const built = await timeAsync(async () =>
    engine === 'cedar' ? cedarPeer(part, mode) : casbinPeer(part, mode),
  );
  const peer = built.value;
  const disagreements = [];
  const check = async (q) => {
    const answer = await peer.check(q.principal, q.what, targetOf(q), q.mfa);
    if (!agrees(q.decision, answer) && disagreements.length < 20) {
      disagreements.push({ ...q, peer: answer });
    }
  };
  const cold = await pass(queries, check, budgetMs / 2);
  const answered = queries.slice(0, cold.count);
  const warm = await pass(answered, check, budgetMs / 2, true);
  return {
    engine,
    mode,
    buildMs: built.ms,
    size: engine === 'cedar' ? peer.policyCount() : peer.ruleCount(),
    cold,
    warm,
    answered: cold.count,
    disagreements,
  };
}

/** Asks questions in order until done or out of budget; `repeat` cycles until the budget ends. */
async function pass(queries, check, budgetMs, repeat = false) {
  const micros = [];
  const start = process.hrtime.bigint();
  for (let i = 0; i < queries.length || (repeat && queries.length > 0); i++) {
    if (since(start) > budgetMs) break;
    if (repeat && i >= queries.length * 5) break;
    const q = queries[i % queries.length];
    const t = process.hrtime.bigint();
    await check(q);
    micros.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  return summarise(micros, micros.reduce((a, b) => a + b, 0) / 1000);
}
