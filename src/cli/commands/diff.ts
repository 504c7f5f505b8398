/** `permgraph diff <BEFORE> <AFTER>` and `permgraph diff --git REV [PATH]` */
import { Option, type Command } from 'commander';
import { diffModels, type DiffResult } from '../../engine/diff.js';
import type { Evaluator } from '../../engine/evaluator.js';
import { PermgraphError } from '../../errors.js';
import { formatDiffMarkdown, formatDiffText } from '../../report/diff-text.js';
import { styleFor } from '../../report/style.js';
import { checkoutModelAt, type RevisionCheckout } from '../git.js';
import { defaultModelPath } from '../io.js';
import { assertKnownActions } from '../../model/check-actions.js';
import type { CliIo, Register } from '../run.js';
import { queryOptionsFrom } from './query-options.js';
import { progressFor } from '../progress.js';
import { addModelOptions, formatOption, openModel, type ModelOptions } from './shared.js';

interface DiffFlags extends ModelOptions {
  git?: string;
  groups?: boolean;
  failOnNew?: boolean;
  context?: string[];
  format: 'text' | 'json' | 'markdown';
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Registers `diff`. */
export function registerDiff(program: Command, register: Register): void {
  const command = program
    .command('diff')
    .description('access added and removed between two models, per principal, action and scope')
    .argument(
      '[before]',
      'the model before the change (file or directory); with --git, the model path',
    )
    .argument('[after]', 'the model after the change')
    .addOption(
      new Option('--git <rev>', 'compare the model at this git revision with the working tree'),
    )
    .addOption(new Option('--groups', 'compare groups instead of users'))
    .addOption(new Option('--fail-on-new', 'exit 1 when any access is added'))
    .addOption(new Option('-c, --context <KEY=VALUE>', 'a condition key value').argParser(collect))
    .addOption(formatOption(['text', 'json', 'markdown'], 'text'));
  addModelOptions(command);
  register(
    command,
    (before: string | undefined, after: string | undefined, flags: DiffFlags) => async (io) => {
      const result =
        flags.git === undefined
          ? await diffPaths(before, after, flags, io)
          : await diffRevision(flags.git, before, after, flags, io);
      io.stdout.write(render(result, flags.format, io));
      return flags.failOnNew && result.summary.added > 0 ? 1 : 0;
    },
  );
}

async function diffPaths(
  before: string | undefined,
  after: string | undefined,
  flags: DiffFlags,
  io: CliIo,
) {
  if (before === undefined || after === undefined) {
    throw new PermgraphError('E_USAGE', 'diff needs two models: permgraph diff BEFORE AFTER', {
      hint: 'or compare with a git revision: permgraph diff --git HEAD [PATH]',
    });
  }
  const old = await open(before, flags, io);
  const next = await open(after, flags, io);
  return compare(old, next, { before, after }, flags, io);
}

async function diffRevision(
  revision: string,
  path: string | undefined,
  extra: string | undefined,
  flags: DiffFlags,
  io: CliIo,
) {
  if (extra !== undefined)
    throw new PermgraphError(
      'E_USAGE',
      'with --git, give one model path (or none, for the default)',
    );
  const shown = path ?? flags.model ?? relativeDefault(io);
  const checkout = checkoutModelAt(revision, shown, io.cwd);
  try {
    const old = await openAtRevision(checkout, revision, flags, io);
    const next = await open(shown, flags, io);
    const labels = { before: `${shown}@${revision}`, after: shown };
    return compare(old, next, labels, flags, io);
  } finally {
    checkout.cleanup();
  }
}

/** Opens the checked-out model; its errors name the repository's files and the revision. */
async function openAtRevision(
  checkout: RevisionCheckout,
  revision: string,
  flags: DiffFlags,
  io: CliIo,
): Promise<Evaluator> {
  try {
    return await open(checkout.path, flags, io);
  } catch (error) {
    if (!(error instanceof PermgraphError)) throw error;
    const { position, hint } = error;
    throw new PermgraphError(
      error.code,
      `at revision ${revision}: ${checkout.original(error.message)}`,
      {
        ...(position ? { position: { ...position, file: checkout.original(position.file) } } : {}),
        ...(hint === undefined ? {} : { hint: checkout.original(hint) }),
      },
    );
  }
}

function relativeDefault(io: CliIo): string {
  const path = defaultModelPath(undefined, io.cwd);
  return path.startsWith(`${io.cwd}/`) ? path.slice(io.cwd.length + 1) : path;
}

async function open(path: string, flags: DiffFlags, io: CliIo): Promise<Evaluator> {
  const evaluator = await openModel({ model: path, catalog: flags.catalog }, io);
  assertKnownActions(evaluator.pg.model, evaluator.pg.catalog);
  return evaluator;
}

async function compare(
  old: Evaluator,
  next: Evaluator,
  labels: { before: string; after: string },
  flags: DiffFlags,
  io: CliIo,
): Promise<DiffResult> {
  const { context } = queryOptionsFrom({ context: flags.context ?? [] });
  const progress = await progressFor(io, { format: flags.format, output: undefined });
  try {
    return diffModels(old, next, { groups: flags.groups, context, labels, progress });
  } finally {
    progress.end();
  }
}

function render(result: DiffResult, format: DiffFlags['format'], io: CliIo): string {
  if (format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  if (format === 'markdown') return formatDiffMarkdown(result);
  return formatDiffText(result, styleFor(io.stdout, io.env));
}
