#!/usr/bin/env node
/**
 * `npm run bench`: generates the synthetic accounts, runs each size in its own process
 * (bench/size.mjs), measures the CLI's start-up, prints a table and writes
 * bench/results/<date>.json.
 *   npm run bench                    small and medium
 *   npm run bench -- --large         small, medium and large (several minutes)
 *   npm run bench -- --sizes large   only the sizes named
 * Options: --seed N (default 7), --peer-budget SECONDS per peer set-up (default 20).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateAccountText, sizes } from '../dist/bench/generate.js';
import { loadCatalog } from '../dist/catalog/load.js';
import { printTable } from './table.mjs';
import { percentile } from './stats.mjs';

const { values } = parseArgs({
  options: {
    large: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    seed: { type: 'string', default: '7' },
    'peer-budget': { type: 'string', default: '20' },
  },
});
const names = values.sizes
  ? values.sizes.split(',')
  : ['small', 'medium', ...(values.large ? ['large'] : [])];
const seed = values.seed;
const catalog = loadCatalog();
const results = {
  date: new Date().toISOString(),
  machine: machine(),
  seed: Number(seed),
  startup: startup(),
  sizes: {},
};

for (const name of names) {
  const size = sizes[name];
  if (!size) throw new Error(`unknown size ${name}: small, medium or large`);
  const dir = join('bench', 'accounts', `${name}-${seed}`);
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'account.json'))) {
    writeFileSync(join(dir, 'account.json'), generateAccountText(catalog, size, Number(seed)));
  }
  process.stderr.write(`${name}:\n`);
  // A heap of 12 GiB (of the machine's 24): diff's report on the large account holds millions of
  // changes. Peak memory of load and build is measured before, on its own.
  const child = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=12288',
      'bench/size.mjs',
      ...['--dir', dir, '--seed', seed, '--peer-budget', values['peer-budget']],
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28 },
  );
  // size.mjs prints its results so far after every stage: a size that fails keeps the rest.
  const last = child.stdout.trim().split('\n').pop();
  results.sizes[name] = last ? JSON.parse(last) : {};
  if (child.status !== 0)
    results.sizes[name].failed =
      `stopped after ${Object.keys(results.sizes[name]).join(', ') || 'nothing'} (exit ${child.status ?? child.signal}; see stderr)`;
}

printTable(results);
mkdirSync(join('bench', 'results'), { recursive: true });
const file = join('bench', 'results', `${results.date.slice(0, 10)}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`\nwrote ${file}\n`);

function machine() {
  const cpu = cpus()[0]?.model ?? 'unknown';
  return { nproc: cpus().length, cpu, node: process.version, platform: process.platform };
}

/** Whole-process time of the built CLI: median and p90 of 15 runs each. */
function startup() {
  const runs = (args) => {
    const ms = [];
    for (let i = 0; i < 15; i++) {
      const start = process.hrtime.bigint();
      try {
        execFileSync(process.execPath, ['dist/cli/bin.js', ...args], { stdio: 'ignore' });
      } catch {
        // `can` exits 1 for a denial; only the time matters here.
      }
      ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const sorted = ms.sort((a, b) => a - b);
    return { medianMs: percentile(sorted, 50), p90Ms: percentile(sorted, 90) };
  };
  return {
    version: runs(['--version']),
    can: runs([
      'can',
      'alice',
      'rds.instance.create',
      '--with',
      'encrypted',
      '--project',
      'cn-north-1',
      '-m',
      'examples/rds-team',
    ]),
  };
}
