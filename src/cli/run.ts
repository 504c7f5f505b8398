/**
 * The command line: commander wiring only. Each command calls the library, picks a formatter
 * and returns an exit code (0 allowed/clean, 1 denied/findings, 2 bad input or usage).
 */
import { Command, CommanderError, Option } from 'commander';
import { describeError, PermgraphError } from '../errors.js';
import { registrarsFor, type Registrar } from './commands/index.js';
import { escapeControl } from '../report/style.js';
import { VERSION } from '../version.js';

/** Where a command writes; tests pass buffers, the binary passes the process streams. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** A command's action: does its work and returns (or resolves to) the exit code. */
export type CommandAction = (io: CliIo) => number | Promise<number>;

/** Runs permgraph with `argv` (without the node and script entries) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  // --debug is accepted anywhere on the line, before or after the command.
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  try {
    const program = buildProgram(io, await registrarsFor(args), (code) => {
      exitCode = code;
    });
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io, debug);
  }
}

function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

function buildProgram(
  io: CliIo,
  registrars: readonly Registrar[],
  setExit: (code: number) => void,
): Command {
  const program = new Command('permgraph')
    .description('Permission and policy analysis for Huawei Cloud IAM and DLI')
    .version(VERSION, '-V, --version')
    .addOption(new Option('--debug', 'show stack traces for unexpected errors'))
    .showSuggestionAfterError(true)
    .enablePositionalOptions()
    .exitOverride()
    .hook('preAction', (_program, command) => rejectEmptyOutput(command))
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  const register = (command: Command, action: (...args: never[]) => CommandAction): void => {
    command.action(async (...args: unknown[]) => {
      setExit(await (action as (...a: unknown[]) => CommandAction)(...args)(io));
    });
  };
  for (const registerCommand of registrars) registerCommand(program, register);
  return program;
}

/**
 * `-o ""` is a usage error: resolved against the working directory, an empty name would mean
 * the directory itself. Checked once here for every command that writes with `-o`.
 */
function rejectEmptyOutput(command: Command): void {
  if (command.opts().output !== '') return;
  const option = command.options.find((o) => o.attributeName() === 'output');
  const directory = option?.flags.includes('<dir>') === true;
  throw new PermgraphError('E_USAGE', `-o needs a ${directory ? 'directory' : 'file'} name`, {
    hint: directory ? 'for example -o policies' : 'for example -o report.txt',
  });
}

/** A command registrar: commands declare their options and hand their action to `register`. */
export type Register = (command: Command, action: (...args: never[]) => CommandAction) => void;

function reportError(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version exit 0; every other commander error is a usage error.
    if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code))
      return 0;
    return 2;
  }
  if (error instanceof PermgraphError) {
    io.stderr.write(`permgraph: ${describeError(printableError(error), io.cwd)}\n`);
    if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`permgraph: unexpected error: ${escapeControl(message)}\n`);
  io.stderr.write(
    debug && error instanceof Error && error.stack
      ? `${error.stack}\n`
      : 'run with --debug for details\n',
  );
  return 2;
}

/** The error with message and hint escaped: they quote model names (`unknown user "…"`). */
function printableError(error: PermgraphError): PermgraphError {
  return new PermgraphError(error.code, escapeControl(error.message), {
    ...(error.position ? { position: error.position } : {}),
    ...(error.hint === undefined ? {} : { hint: escapeControl(error.hint) }),
  });
}
