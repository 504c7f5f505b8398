// Finds the ```console blocks of a Markdown file that run permgraph, so the README examples can
// be both checked by the tests and refreshed from real output (`npm run docs:refresh`).
// A block is:
//   ```console
//   $ permgraph <args>        (run in the directory named by a preceding <!-- cwd: DIR --> comment,
//   <output>                   relative to the repository, or the Markdown file's own directory)
//   ```
// Standard output comes first, then standard error; the exit code is shown as a last line
// `[exit N]` when it is not 0.

const blockPattern =
  /(<!-- cwd: ([^\n]*?) -->\n)?```console\n\$ permgraph ([^\n]*)\n([\s\S]*?)```/g;

/** Splits a command line on spaces, honouring single and double quotes. */
export function splitArgs(line) {
  const args = [];
  let current = '';
  let quote = null;
  let pending = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      pending = true;
    } else if (ch === ' ') {
      if (pending || current) args.push(current);
      current = '';
      pending = false;
    } else {
      current += ch;
    }
  }
  if (pending || current) args.push(current);
  return args;
}

/** Every permgraph console block of a Markdown text, with where it sits. */
export function consoleBlocks(markdown) {
  const blocks = [];
  for (const match of markdown.matchAll(blockPattern)) {
    blocks.push({
      start: match.index,
      end: match.index + match[0].length,
      cwd: match[2],
      command: match[3],
      args: splitArgs(match[3]),
      output: match[4],
      header: match[1] ?? '',
    });
  }
  return blocks;
}

/** The text a block shows for a run: stdout, stderr, then `[exit N]` when N is not 0. */
export function renderOutput(stdout, stderr, exitCode) {
  const body = [stdout, stderr].map((s) => (s.endsWith('\n') || s === '' ? s : `${s}\n`)).join('');
  return exitCode === 0 ? body : `${body}[exit ${exitCode}]\n`;
}
