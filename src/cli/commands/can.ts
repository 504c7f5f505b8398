/** `permgraph can <principal> <action|operation> …` */
import { Option, type Command } from 'commander';
import { can } from '../../engine/can.js';
import { dliState } from '../../engine/dli.js';
import { assertKnownActions } from '../../model/check-actions.js';
import { checkResourceUrn, parseContextPairs } from '../../engine/context.js';
import { PermgraphError, relativizePositions } from '../../errors.js';
import { formatCanText } from '../../report/can-text.js';
import { styleFor } from '../../report/style.js';
import type { Register } from '../run.js';
import { addModelOptions, formatOption, openModel, type ModelOptions } from './shared.js';

interface CanOptions extends ModelOptions {
  project?: string;
  on?: string;
  with?: string[];
  context?: string[];
  resource?: string;
  explain?: boolean;
  format: 'text' | 'json';
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Registers `can`. */
export function registerCan(program: Command, register: Register): void {
  const command = program
    .command('can')
    .description(
      'can a principal do an action, an operation, or a DLI privilege? (exit 0 allowed, 1 not)',
    )
    .argument('<principal>', 'alice, user:alice, group:dba or project:<id>')
    .argument(
      '<what>',
      'an action (rds:instance:delete), an operation (rds.instance.create[+variant]) or a DLI privilege',
    )
    .addOption(new Option('-p, --project <project>', 'region project name or id'))
    .addOption(new Option('--on <object>', 'DLI object (databases.db1.tables.tbl) or resource'))
    .addOption(
      new Option(
        '-w, --with <variants>',
        'operation variants, comma-separated: console,encrypted,prepaid',
      ).argParser(collect),
    )
    .addOption(
      new Option(
        '-c, --context <KEY=VALUE>',
        'a condition key value (repeat for lists; KEY= marks absent)',
      ).argParser(collect),
    )
    .addOption(
      new Option('--resource <urn>', 'resource of the request, for statements with Resource'),
    )
    .addOption(
      new Option('-e, --explain', 'show every path and the file positions behind each step'),
    )
    .addOption(formatOption(['text', 'json'], 'text'));
  addModelOptions(command);
  register(command, (principal: string, what: string, options: CanOptions) => async (io) => {
    const evaluator = await openModel(options, io);
    assertKnownActions(evaluator.pg.model, evaluator.pg.catalog);
    // A bad DLI request is bad input whatever is asked: validate the section up front.
    if (evaluator.pg.model.dli.length > 0) dliState(evaluator);
    let context: Record<string, string[] | null>;
    try {
      context = parseContextPairs(options.context ?? []);
      if (options.resource !== undefined) checkResourceUrn(options.resource);
    } catch (error) {
      throw new PermgraphError('E_USAGE', (error as Error).message);
    }
    const variants = (options.with ?? []).flatMap((v) => v.split(',')).filter(Boolean);
    const result = can(evaluator, principal, what, {
      project: options.project,
      context,
      variants,
      resource: options.resource,
      on: options.on,
      baseDir: io.cwd,
    });
    const text =
      options.format === 'json'
        ? `${JSON.stringify(relativizePositions(result, io.cwd), null, 2)}\n`
        : formatCanText(result, {
            explain: options.explain === true,
            style: styleFor(io.stdout, io.env),
            baseDir: io.cwd,
          });
    io.stdout.write(text);
    return result.allowed ? 0 : 1;
  });
}
