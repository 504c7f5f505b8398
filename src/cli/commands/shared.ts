/**
 * Options and set-up shared by the commands that read a model.
 */
import { Option, type Command } from 'commander';
import { loadCatalog } from '../../catalog/load.js';
import { Evaluator } from '../../engine/evaluator.js';
import { buildGraph } from '../../graph/build.js';
import { loadModelInput, parseModelSpec } from '../../import/input.js';
import { resolveModel } from '../../model/resolve.js';
import { printImportWarnings } from './import.js';
import { defaultModelPath } from '../io.js';
import type { CliIo } from '../run.js';
import { resolve } from 'node:path';

/** Options every model-reading command accepts. */
export interface ModelOptions {
  model?: string;
  catalog?: string[];
}

/** Adds `-m/--model` and `--catalog`. */
export function addModelOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '-m, --model <path>',
        'model file or directory (default: permgraph/ or permgraph.yaml)',
      ),
    )
    .addOption(
      new Option(
        '--catalog <dir...>',
        'extra catalog directories (services, actions, permissions)',
      ),
    );
}

/**
 * Loads catalog and model and builds the evaluator. `-m` may also name imported input
 * (`terraform:PATH`, `iam-api:DIR`, or detected); its import warnings go to stderr.
 */
export async function openModel(options: ModelOptions, io: CliIo): Promise<Evaluator> {
  const catalog = loadCatalog((options.catalog ?? []).map((d) => resolve(io.cwd, d)));
  const spec = options.model === undefined ? undefined : parseModelSpec(options.model);
  const path = defaultModelPath(
    spec === undefined ? undefined : resolve(io.cwd, spec.path),
    io.cwd,
  );
  const input = await loadModelInput(spec?.kind ? `${spec.kind}:${path}` : path, catalog);
  printImportWarnings(input.warnings, io);
  return new Evaluator(buildGraph(resolveModel(input.files, catalog), catalog));
}

/** Checks a `--format` value against the formats a command offers. */
export function formatOption(formats: readonly string[], fallback: string): Option {
  return new Option('-f, --format <format>', 'output format')
    .choices([...formats])
    .default(fallback);
}
