#!/usr/bin/env node
/**
 * Writes a synthetic account for the benchmark:
 *   node bench/generate.mjs --size small|medium|large [--seed N] [-o DIR]
 * DIR receives `account.json` (the model permgraph reads with -m DIR). Run `npm run build` first.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateAccountText, sizes } from '../dist/bench/generate.js';
import { loadCatalog } from '../dist/catalog/load.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'small' },
    seed: { type: 'string', default: '7' },
    out: { type: 'string', short: 'o' },
  },
});
const size = sizes[values.size];
if (!size) {
  process.stderr.write(`unknown size "${values.size}": small, medium or large\n`);
  process.exit(2);
}
const out = values.out ?? join('bench', 'accounts', `${values.size}-${values.seed}`);
mkdirSync(out, { recursive: true });
const file = join(out, 'account.json');
writeFileSync(file, generateAccountText(loadCatalog(), size, Number(values.seed)));
process.stdout.write(`${file}\n`);
