/** `permgraph test <ASSERTIONS.yaml>`: expected decisions, checked against the model. */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { runAssertions, type TestRun } from '../../engine/assertions-run.js';
import { parseAssertions } from '../../engine/assertions.js';
import { displayPath, relativizePositions } from '../../errors.js';
import { assertKnownActions } from '../../model/check-actions.js';
import { readSourceFile } from '../../model/source.js';
import { styleFor } from '../../report/style.js';
import { formatTestJunit } from '../../report/test-junit.js';
import { formatTestText, testSummary } from '../../report/test-text.js';
import { writeWhole } from '../io.js';
import type { CliIo, Register } from '../run.js';
import { addModelOptions, formatOption, openModel, type ModelOptions } from './shared.js';

interface TestFlags extends ModelOptions {
  format: 'text' | 'json' | 'junit';
  output?: string;
}

/** Registers `test`. */
export function registerTest(program: Command, register: Register): void {
  const command = program
    .command('test')
    .description('check expected decisions from an assertions file (exit 1 on any mismatch)')
    .argument(
      '<assertions>',
      'the assertions file (YAML or JSON; see `permgraph schema assertions`)',
    )
    .addOption(formatOption(['text', 'json', 'junit'], 'text'))
    .addOption(
      new Option('-o, --output <file>', 'write the report to this file; print the summary only'),
    );
  addModelOptions(command);
  register(command, (file: string, flags: TestFlags) => async (io) => {
    const assertions = parseAssertions(readSourceFile(resolve(io.cwd, file)));
    const evaluator = await openModel(flags, io);
    assertKnownActions(evaluator.pg.model, evaluator.pg.catalog);
    const run = runAssertions(evaluator, assertions, { file: displayPath(file, io.cwd) });
    const report = render(run, flags.format, io, flags.output === undefined);
    if (flags.output === undefined) io.stdout.write(report);
    else {
      writeWhole(resolve(io.cwd, flags.output), report);
      io.stdout.write(
        `permgraph test ${run.file}: ${testSummary(run)} (report: ${flags.output})\n`,
      );
    }
    return run.failed > 0 ? 1 : 0;
  });
}

function render(run: TestRun, format: TestFlags['format'], io: CliIo, toTerminal: boolean) {
  if (format === 'json') return `${JSON.stringify(relativizePositions(run, io.cwd), null, 2)}\n`;
  if (format === 'junit') return formatTestJunit(run, io.cwd);
  const style = toTerminal ? styleFor(io.stdout, io.env) : undefined;
  return formatTestText(run, { ...(style ? { style } : {}), baseDir: io.cwd });
}
