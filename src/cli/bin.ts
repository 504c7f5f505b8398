#!/usr/bin/env node
/** The `permgraph` executable: runs the CLI and sets the exit code; nothing else. */
import { run } from './run.js';

/**
 * The exit code of a process killed by SIGPIPE (128 + 13), what `git` or `cat` report when the
 * reader of their output goes away: a pipeline run with `set -o pipefail` sees the output was cut.
 */
const closedOutputExit = 141;

/**
 * Ends the process when stdout or stderr cannot be written. Node ignores SIGPIPE, so a reader
 * that closes early (`permgraph lint | head -1`) surfaces as an EPIPE error event, which Node
 * would print with a stack trace: nobody is left to read, so stop quietly as other tools do.
 * Any other write error (stdout on a full disk) is said in one line on stderr, exit 2.
 */
function stopOnWriteError(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(closedOutputExit);
    if (stream !== process.stderr)
      process.stderr.write(`permgraph: cannot write the output (${error.code ?? error.message})\n`);
    process.exit(2);
  });
}

stopOnWriteError(process.stdout);
stopOnWriteError(process.stderr);
process.exitCode = await run(process.argv.slice(2));
