// Re-runs every permgraph console block in README.md and examples/*/README.md and writes the
// real output back. Run after a change to output: `npm run docs:refresh` (needs `npm run build`);
// `npm run docs:refresh -- examples/dli-sharing/README.md` refreshes only the files named.
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleBlocks, renderOutput } from './console-blocks.mjs';
import { run } from '../dist/cli/run.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function documentedFiles() {
  const files = [join(root, 'README.md')];
  for (const name of readdirSync(join(root, 'examples')).sort()) {
    const readme = join(root, 'examples', name, 'README.md');
    if (existsSync(readme)) files.push(readme);
  }
  return files.filter((f) => existsSync(f));
}

async function capture(args, cwd) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s) => (stdout += s) },
    stderr: { write: (s) => (stderr += s) },
    cwd,
    env: { NO_COLOR: '1' },
  };
  const code = await run(args, io);
  return renderOutput(stdout, stderr, code);
}

const named = process.argv.slice(2).map((f) => resolve(f));
for (const file of named.length > 0 ? named : documentedFiles()) {
  const text = readFileSync(file, 'utf8');
  let out = '';
  let at = 0;
  for (const block of consoleBlocks(text)) {
    const cwd = block.cwd ? join(root, block.cwd) : dirname(file);
    const output = await capture(block.args, cwd);
    out +=
      text.slice(at, block.start) +
      `${block.header}\`\`\`console\n$ permgraph ${block.command}\n${output}\`\`\``;
    at = block.end;
  }
  out += text.slice(at);
  if (out !== text) {
    writeFileSync(file, out);
    console.log(`updated ${file.slice(root.length + 1)}`);
  }
}
