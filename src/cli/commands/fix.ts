/** `permgraph fix <principal> <action|operation|privilege> …` */
import type { Command } from 'commander';
import { fix } from '../../engine/fix.js';
import { relativizePositions } from '../../errors.js';
import { assertKnownActions } from '../../model/check-actions.js';
import { fixJsonView } from '../../report/fix-json.js';
import { formatFixText } from '../../report/fix-text.js';
import { styleFor } from '../../report/style.js';
import type { Register } from '../run.js';
import { addRequestOptions, queryOptionsFrom, type RequestFlags } from './query-options.js';
import { addModelOptions, formatOption, openModel, type ModelOptions } from './shared.js';

interface FixFlags extends ModelOptions, RequestFlags {
  format: 'text' | 'json';
}

/** Registers `fix`. */
export function registerFix(program: Command, register: Register): void {
  const command = program
    .command('fix')
    .description(
      'for a denied request, the smallest grant that allows it, or the Deny statement to change (exit 0 already allowed, 1 denied now)',
    )
    .argument('<principal>', 'alice, user:alice or group:dba')
    .argument(
      '<what>',
      'an action (rds:instance:delete), an operation (rds.instance.create[+variant]) or a DLI privilege (with --on)',
    )
    .addOption(formatOption(['text', 'json'], 'text'));
  addRequestOptions(command);
  addModelOptions(command);
  register(command, (principal: string, what: string, flags: FixFlags) => async (io) => {
    const evaluator = await openModel(flags, io);
    assertKnownActions(evaluator.pg.model, evaluator.pg.catalog);
    const result = fix(evaluator, principal, what, queryOptionsFrom(flags));
    const text =
      flags.format === 'json'
        ? `${JSON.stringify(relativizePositions(fixJsonView(result), io.cwd), null, 2)}\n`
        : formatFixText(result, { style: styleFor(io.stdout, io.env), baseDir: io.cwd });
    io.stdout.write(text);
    return result.allowed ? 0 : 1;
  });
}
