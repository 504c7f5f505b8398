/**
 * One size of the benchmark, in its own process so peak memory is this size's alone:
 *   node bench/size.mjs --dir DIR --seed N [--peer-budget SECONDS]
 * DIR holds `account.json` (written by bench/run.mjs). Prints one JSON object on stdout.
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { perturbGrants } from '../dist/bench/generate.js';
import { optionsOf, queryMix } from '../dist/bench/queries.js';
import { loadCatalog } from '../dist/catalog/load.js';
import { can } from '../dist/engine/can.js';
import { decideCan } from '../dist/engine/decision.js';
import { diffModels } from '../dist/engine/diff.js';
import { Evaluator } from '../dist/engine/evaluator.js';
import { whoCan } from '../dist/engine/who-can.js';
import { buildGraph } from '../dist/graph/build.js';
import { lint } from '../dist/lint/runner.js';
import { readLintInputs } from '../dist/lint/inputs.js';
import { loadModel } from '../dist/model/load.js';
import { runPeers } from './peers/run.mjs';
import { latencies, since, time } from './stats.mjs';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    seed: { type: 'string', default: '7' },
    'peer-budget': { type: 'string', default: '20' },
    mix: { type: 'string', default: '2500' },
  },
});
const dir = values.dir;
const seed = Number(values.seed);
const out = {};
const log = (text) => process.stderr.write(`  ${text}\n`);

// Load and build: the figures of a cold CLI run, and the peak memory of this process so far.
const catalogLoad = time(() => loadCatalog());
const catalog = catalogLoad.value;
const modelLoad = time(() => loadModel(dir, catalog));
const model = modelLoad.value;
const graphBuild = time(() => new Evaluator(buildGraph(model, catalog)));
const evaluator = graphBuild.value;
out.load = {
  catalogMs: catalogLoad.ms,
  modelMs: modelLoad.ms,
  graphMs: graphBuild.ms,
  peakRssMiB: process.resourceUsage().maxRSS / 1024,
  users: model.users.size,
  groups: model.groups.size,
  policies: model.policies.size,
  grants: [...model.groups.values()].reduce((n, g) => n + g.grants.length, 0),
  projects: model.projects.length,
};
log(`load ${modelLoad.ms.toFixed(0)} ms, graph ${graphBuild.ms.toFixed(0)} ms`);

// The fixed query mix, drawn (and classified) on an evaluator of its own.
const perDecision = Math.min(Number(values.mix), Math.max(50, model.users.size));
const mixEvaluator = new Evaluator(buildGraph(model, catalog));
const mix = queryMix(
  mixEvaluator,
  { perDecision, operations: Math.round(perDecision / 5), privileges: Math.round(perDecision / 5) },
  seed + 1,
);
out.mix = countBy(mix, (q) => `${q.kind} ${q.decision}`);

const emit = () => process.stdout.write(`${JSON.stringify(out)}\n`);
emit();
out.can = measureCan(mix);
emit();
log(`can warm ${out.can.warm.decide.perSecond.toFixed(0)}/s without explanation`);
out.whoCan = measureWhoCan();
emit();
log(`who-can ${out.whoCan.action.maxMs.toFixed(0)} ms max for one action`);
out.lint = measureLint();
emit();
log(`lint ${out.lint.ms.toFixed(0)} ms`);
out.diff = measureDiff();
emit();
log(`diff ${out.diff.ms.toFixed(0)} ms`);

const account = JSON.parse(readFileSync(join(dir, 'account.json'), 'utf8'));
out.peers = await runPeers({
  account,
  catalog,
  evaluator,
  queries: mix.filter((q) => q.kind === 'action' && q.mfa !== undefined),
  budgetMs: Number(values['peer-budget']) * 1000,
  log,
});
emit();

function countBy(items, key) {
  const counts = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** Cold: the first question for each principal on a fresh evaluator. Warm: the mix, repeated. */
function measureCan(queries) {
  const ask = {
    explain: (ev, q) => can(ev, q.principal, q.what, optionsOf(q)),
    decide: (ev, q) => decideCan(ev, q.principal, q.what, optionsOf(q)),
  };
  const result = { cold: {}, warm: {}, byKind: {} };
  for (const [mode, fn] of Object.entries(ask)) {
    const fresh = new Evaluator(buildGraph(model, catalog));
    const seen = new Set();
    const firsts = queries.filter((q) => !seen.has(q.principal) && seen.add(q.principal));
    result.cold[mode] = latencies(firsts.slice(0, 2000), (q) => fn(fresh, q));
    for (const q of queries) fn(evaluator, q);
    const rounds = mode === 'decide' ? 20 : 2;
    result.warm[mode] = latencies(queries, (q) => fn(evaluator, q), rounds);
    result.byKind[mode] = {};
    for (const kind of ['action', 'operation', 'privilege']) {
      const some = queries.filter((q) => q.kind === kind);
      if (some.length > 0)
        result.byKind[mode][kind] = latencies(some, (q) => fn(evaluator, q), rounds);
    }
  }
  return result;
}

function measureWhoCan() {
  const project = model.projects[0]?.name;
  const actions = [
    'rds:instance:create',
    'rds:instance:list',
    'vpc:vpcs:list',
    'iam:users:listUsers',
    'dli:table:select',
    'kms:cmk:create',
  ];
  const known = actions.filter((a) => catalog.findAction(a));
  const operations = [
    'rds.instance.create',
    'rds.instance.create+encrypted',
    'rds.backup.create',
  ].filter((o) => catalog.operations.has(o.split('+')[0]));
  const one = (what) => {
    const fresh = new Evaluator(buildGraph(model, catalog));
    const run = time(() => whoCan(fresh, what, { project }));
    return {
      what,
      ms: run.ms,
      allowed: run.value.allowed.length,
      conditional: run.value.conditional.length,
    };
  };
  const action = known.map(one);
  const operation = operations.map(one);
  const summary = (list) => ({ maxMs: Math.max(...list.map((r) => r.ms)), runs: list });
  return { action: summary(action), operation: summary(operation) };
}

function measureLint() {
  const run = time(() => lint(readLintInputs([dir], catalog)));
  return { ms: run.ms, findings: run.value.findings.length, summary: run.value.summary };
}

/** Two versions differing in 1% of the grants; the after side is loaded, then compared. */
function measureDiff() {
  const before = JSON.parse(readFileSync(join(dir, 'account.json'), 'utf8'));
  const afterDir = join(dir, 'after');
  mkdirSync(afterDir, { recursive: true });
  writeFileSync(
    join(afterDir, 'account.json'),
    JSON.stringify(perturbGrants(before, 0.01, seed + 2)),
  );
  const start = process.hrtime.bigint();
  const after = new Evaluator(buildGraph(loadModel(afterDir, catalog), catalog));
  const loadMs = since(start);
  const run = time(() => diffModels(new Evaluator(buildGraph(model, catalog)), after));
  return { ms: run.ms, afterLoadMs: loadMs, summary: run.value.summary };
}
