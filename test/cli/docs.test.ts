/**
 * Every `$ permgraph …` block in README.md and in each example's README shows real output: this runs
 * each one and compares. `npm run docs:refresh` rewrites them after an intended change.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { consoleBlocks, renderOutput } from '../../scripts/console-blocks.mjs';
import { runCli } from './run-helper.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const files = [
  join(root, 'README.md'),
  ...readdirSync(join(root, 'examples'))
    .sort()
    .map((name) => join(root, 'examples', name, 'README.md')),
].filter((file) => existsSync(file));

describe('documented commands print what the docs show', () => {
  it('every example has a README with at least one command', () => {
    for (const name of readdirSync(join(root, 'examples'))) {
      const readme = join(root, 'examples', name, 'README.md');
      expect(existsSync(readme), readme).toBe(true);
      expect(consoleBlocks(readFileSync(readme, 'utf8')).length, readme).toBeGreaterThan(0);
    }
  });

  for (const file of files) {
    const blocks = consoleBlocks(readFileSync(file, 'utf8'));
    for (const block of blocks) {
      it(`${file.slice(root.length + 1)}: permgraph ${block.command}`, async () => {
        const cwd = block.cwd ? join(root, block.cwd) : dirname(file);
        const { code, stdout, stderr } = await runCli(block.args, cwd);
        expect(renderOutput(stdout, stderr, code)).toBe(block.output);
      });
    }
  }
});
