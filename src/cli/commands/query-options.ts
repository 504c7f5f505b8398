/**
 * The request options the query commands share with `can` (`--project`, `--with`, `--context`,
 * `--resource`, `--on`), declared and read in one place.
 */
import { Option, type Command } from 'commander';
import { checkResourceUrn, parseContextPairs } from '../../engine/context.js';
import type { QueryOptions } from '../../engine/types.js';
import { PermgraphError } from '../../errors.js';

/** The raw options as commander hands them over. */
export interface RequestFlags {
  project?: string;
  on?: string;
  with?: string[];
  context?: string[];
  resource?: string;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Adds the request options to a command. */
export function addRequestOptions(command: Command): Command {
  return command
    .addOption(new Option('-p, --project <project>', 'region project name or id'))
    .addOption(new Option('--on <object>', 'DLI object (databases.db1.tables.tbl)'))
    .addOption(
      new Option(
        '-w, --with <variants>',
        'operation variants, comma-separated: console,encrypted',
      ).argParser(collect),
    )
    .addOption(
      new Option('-c, --context <KEY=VALUE>', 'a condition key value (repeat for lists)').argParser(
        collect,
      ),
    )
    .addOption(
      new Option('--resource <urn>', 'resource of the request, for statements with Resource'),
    );
}

/** Turns the flags into query options; a malformed `--context` is a usage error. */
export function queryOptionsFrom(flags: RequestFlags): QueryOptions {
  let context: Record<string, string[] | null>;
  try {
    context = parseContextPairs(flags.context ?? []);
    if (flags.resource !== undefined) checkResourceUrn(flags.resource);
  } catch (error) {
    throw new PermgraphError('E_USAGE', (error as Error).message);
  }
  const variants = (flags.with ?? []).flatMap((v) => v.split(',')).filter(Boolean);
  return { project: flags.project, context, variants, resource: flags.resource, on: flags.on };
}
