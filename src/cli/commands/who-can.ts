/** `permgraph who-can <action|operation> …` */
import { Option, type Command } from 'commander';
import { whoCan } from '../../engine/who-can.js';
import { relativizePositions } from '../../errors.js';
import { styleFor } from '../../report/style.js';
import { formatWhoCanText } from '../../report/who-can-text.js';
import { assertKnownActions } from '../../model/check-actions.js';
import type { Register } from '../run.js';
import { addRequestOptions, queryOptionsFrom, type RequestFlags } from './query-options.js';
import { addModelOptions, formatOption, openModel, type ModelOptions } from './shared.js';

interface WhoCanFlags extends ModelOptions, RequestFlags {
  groups?: boolean;
  explain?: boolean;
  format: 'text' | 'json';
}

/** Registers `who-can`. */
export function registerWhoCan(program: Command, register: Register): void {
  const command = program
    .command('who-can')
    .description('every user (or group) that may do an action or operation, with the path why')
    .argument(
      '<what>',
      'an action (rds:instance:delete) or an operation (rds.instance.create[+variant])',
    )
    .addOption(new Option('--groups', 'list groups instead of users'))
    .addOption(new Option('-e, --explain', 'show the file positions behind each step'))
    .addOption(formatOption(['text', 'json'], 'text'));
  addRequestOptions(command);
  addModelOptions(command);
  register(command, (what: string, flags: WhoCanFlags) => async (io) => {
    const evaluator = await openModel(flags, io);
    assertKnownActions(evaluator.pg.model, evaluator.pg.catalog);
    const result = whoCan(evaluator, what, { ...queryOptionsFrom(flags), groups: flags.groups });
    const text =
      flags.format === 'json'
        ? `${JSON.stringify(relativizePositions(result, io.cwd), null, 2)}\n`
        : formatWhoCanText(result, {
            explain: flags.explain === true,
            style: styleFor(io.stdout, io.env),
            baseDir: io.cwd,
          });
    io.stdout.write(text);
    return 0;
  });
}
