/**
 * Options and set-up shared by the commands that read a model.
 */
import { Option, type Command } from 'commander';
import { loadCatalog } from '../../catalog/load.js';
import { Evaluator } from '../../engine/evaluator.js';
import { buildGraph } from '../../graph/build.js';
import { loadModel } from '../../model/load.js';
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

/** Loads catalog and model and builds the evaluator. */
export function openModel(options: ModelOptions, io: CliIo): Evaluator {
  const catalog = loadCatalog((options.catalog ?? []).map((d) => resolve(io.cwd, d)));
  const path = defaultModelPath(
    options.model === undefined ? undefined : resolve(io.cwd, options.model),
    io.cwd,
  );
  const model = loadModel(path, catalog);
  return new Evaluator(buildGraph(model, catalog));
}

/** Checks a `--format` value against the formats a command offers. */
export function formatOption(formats: readonly string[], fallback: string): Option {
  return new Option('-f, --format <format>', 'output format')
    .choices([...formats])
    .default(fallback);
}
