/** `permgraph what-can <principal> [--project P] [--service S]` */
import { Option, type Command } from 'commander';
import { parseContextPairs } from '../../engine/context.js';
import { whatCan } from '../../engine/what-can.js';
import { PermgraphError } from '../../errors.js';
import { styleFor } from '../../report/style.js';
import { formatWhatCanText } from '../../report/what-can-text.js';
import { assertKnownActions } from '../../model/check-actions.js';
import type { Register } from '../run.js';
import { addModelOptions, formatOption, openModel, type ModelOptions } from './shared.js';

interface WhatCanFlags extends ModelOptions {
  project?: string;
  service?: string;
  context?: string[];
  format: 'text' | 'json';
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Registers `what-can`. */
export function registerWhatCan(program: Command, register: Register): void {
  const command = program
    .command('what-can')
    .description('the effective permission set of a principal, by service and access level')
    .argument('<principal>', 'alice, user:alice or group:dba')
    .addOption(new Option('-p, --project <project>', 'only this project (and global services)'))
    .addOption(new Option('-s, --service <service>', 'only this service (rds, iam, …)'))
    .addOption(new Option('-c, --context <KEY=VALUE>', 'a condition key value').argParser(collect))
    .addOption(formatOption(['text', 'json'], 'text'));
  addModelOptions(command);
  register(command, (principal: string, flags: WhatCanFlags) => async (io) => {
    const evaluator = await openModel(flags, io);
    assertKnownActions(evaluator.pg.model, evaluator.pg.catalog);
    const result = whatCan(evaluator, principal, {
      project: flags.project,
      service: flags.service,
      context: contextOf(flags.context),
    });
    const text =
      flags.format === 'json'
        ? `${JSON.stringify(result, null, 2)}\n`
        : formatWhatCanText(result, styleFor(io.stdout, io.env));
    io.stdout.write(text);
    return 0;
  });
}

function contextOf(pairs: string[] | undefined): Record<string, string[] | null> {
  try {
    return parseContextPairs(pairs ?? []);
  } catch (error) {
    throw new PermgraphError('E_USAGE', (error as Error).message);
  }
}
