/** Runs the CLI in-process with captured output, as the tests need it. */
import { run } from '../../src/cli/run.js';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `permgraph <args>` in `cwd` without colour. */
export async function runCli(args: string[], cwd: string = process.cwd()): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
    env: { NO_COLOR: '1' },
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}
