/** `permgraph lint [PATH…]`: findings about policies and grants, for people and for CI. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { loadCatalog } from '../../catalog/load.js';
import { detectInputKind, loadModelInput, parseModelSpec } from '../../import/input.js';
import { applyBaseline, createBaseline, parseBaseline } from '../../lint/baseline.js';
import { parseLintConfig, type LintConfig } from '../../lint/config.js';
import { failingFindings } from '../../lint/gate.js';
import { readLintInputs } from '../../lint/inputs.js';
import { allRules } from '../../lint/registry.js';
import { lint, summarize } from '../../lint/runner.js';
import { levels, type FailOn, type LintResult } from '../../lint/types.js';
import { readSourceFile } from '../../model/source.js';
import { formatLintJson } from '../../report/lint-json.js';
import { formatLintJunit } from '../../report/lint-junit.js';
import { formatLintMarkdown } from '../../report/lint-markdown.js';
import { formatLintSarif } from '../../report/lint-sarif.js';
import { formatLintText } from '../../report/lint-text.js';
import { styleFor } from '../../report/style.js';
import { defaultModelPath, writeWhole } from '../io.js';
import { progressFor } from '../progress.js';
import type { CliIo, Register } from '../run.js';
import { printImportWarnings } from './import.js';
import { addModelOptions, formatOption, type ModelOptions } from './shared.js';

type LintFormat = 'text' | 'json' | 'sarif' | 'junit' | 'markdown';

interface LintFlags extends ModelOptions {
  format: LintFormat;
  failOn?: FailOn;
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  output?: string;
  all?: boolean;
}

/** Registers `lint`. */
export function registerLint(program: Command, register: Register): void {
  const command = program
    .command('lint')
    .description(
      'find policies and grants that do not work as written, grant too much, or miss what operations need (exit 1 on findings at --fail-on)',
    )
    .argument('[paths...]', 'model files or directories, and policy documents (*.json)')
    .addOption(formatOption(['text', 'json', 'sarif', 'junit', 'markdown'], 'text'))
    .addOption(
      new Option(
        '--fail-on <level>',
        'exit 1 on findings at or above this level (default: error)',
      ).choices([...levels, 'none']),
    )
    .addOption(
      new Option('--config <file>', 'lint configuration (default: .permgraph.yaml if present)'),
    )
    .addOption(new Option('--baseline <file>', 'fail only on findings not in this baseline'))
    .addOption(new Option('--write-baseline <file>', 'write the current findings as the baseline'))
    .addOption(
      new Option('-o, --output <file>', 'write the report to a file (whole or not at all)'),
    )
    .addOption(new Option('--all', 'text format: also list suppressed and baselined findings'));
  addModelOptions(command);
  register(command, (paths: string[], flags: LintFlags) => async (io) => runLint(paths, flags, io));
}

async function runLint(paths: string[], flags: LintFlags, io: CliIo): Promise<number> {
  const catalog = loadCatalog((flags.catalog ?? []).map((d) => resolve(io.cwd, d)));
  const config = readConfig(flags.config, io);
  const { plain, imported } = splitPaths(paths, io.cwd);
  const modelFiles = [
    ...(imported.length > 0 && plain.length === 0 && flags.model === undefined
      ? []
      : await readModel(plain, flags, io, catalog)),
    ...(await importPaths(imported, io, catalog)),
  ];
  const input = readLintInputs(plain, catalog, modelFiles);
  const baseline =
    flags.baseline === undefined
      ? undefined
      : parseBaseline(readSourceFile(resolve(io.cwd, flags.baseline)));
  const progress = await progressFor(io, { format: flags.format, output: flags.output });
  let result: LintResult;
  try {
    result = lint(input, { config, baseline, baseDir: io.cwd, progress });
  } finally {
    progress.end();
  }
  if (flags.writeBaseline !== undefined) acceptAll(result, resolve(io.cwd, flags.writeBaseline));
  const failOn = flags.failOn ?? config?.failOn ?? 'error';
  const report = render(result, flags, failOn, io);
  if (flags.output === undefined) io.stdout.write(report);
  else writeWhole(resolve(io.cwd, flags.output), report);

  return failingFindings(result, failOn).length > 0 ? 1 : 0;
}

/** `--config FILE`, else `.permgraph.yaml` in the working directory when there is one. */
function readConfig(given: string | undefined, io: CliIo): LintConfig | undefined {
  const path = given === undefined ? resolve(io.cwd, '.permgraph.yaml') : resolve(io.cwd, given);
  if (given === undefined && !existsSync(path)) return undefined;

  return parseLintConfig(readSourceFile(path), allRules);
}

/**
 * The model of `-m` (which may be imported input such as `terraform:plan.json`), or, with no
 * paths and no `-m`, the default model of the working directory.
 */
async function readModel(
  paths: string[],
  flags: LintFlags,
  io: CliIo,
  catalog: ReturnType<typeof loadCatalog>,
) {
  if (flags.model === undefined && paths.length > 0) return [];
  const spec = flags.model === undefined ? undefined : parseModelSpec(flags.model);
  const path = defaultModelPath(
    spec === undefined ? undefined : resolve(io.cwd, spec.path),
    io.cwd,
  );
  const input = await loadModelInput(spec?.kind ? `${spec.kind}:${path}` : path, catalog);
  printImportWarnings(input.warnings, io);

  return input.files;
}

/**
 * Paths to lint as they are (models, policy documents) and paths that are imported input: a
 * `terraform:`/`iam-api:`/`dli:` prefix, or a plan JSON, `.tf` directory or export directory
 * recognised by its contents, as `-m` recognises them.
 */
function splitPaths(
  paths: readonly string[],
  cwd: string,
): { plain: string[]; imported: string[] } {
  const plain: string[] = [];
  const imported: string[] = [];
  for (const given of paths) {
    const spec = parseModelSpec(given);
    const path = resolve(cwd, spec.path);
    const kind = spec.kind ?? detectInputKind(path);
    if (kind === 'model') plain.push(path);
    else imported.push(`${kind}:${path}`);
  }
  return { plain, imported };
}

async function importPaths(
  specs: readonly string[],
  io: CliIo,
  catalog: ReturnType<typeof loadCatalog>,
) {
  const files = [];
  for (const spec of specs) {
    const input = await loadModelInput(spec, catalog);
    printImportWarnings(input.warnings, io);
    files.push(...input.files);
  }
  return files;
}

/** Writes the baseline and marks every finding it holds as baselined. */
function acceptAll(result: LintResult, file: string): void {
  const baseline = createBaseline(result);
  writeWhole(file, `${JSON.stringify(baseline, null, 2)}\n`);
  applyBaseline(result.findings, baseline);
  result.summary = summarize(result.findings);
}

function render(result: LintResult, flags: LintFlags, failOn: FailOn, io: CliIo): string {
  switch (flags.format) {
    case 'json':
      return formatLintJson(result);
    case 'sarif':
      return formatLintSarif(result);
    case 'junit':
      return formatLintJunit(result, failOn);
    case 'markdown':
      return formatLintMarkdown(result);
    default: {
      const style = flags.output === undefined ? styleFor(io.stdout, io.env) : undefined;
      return formatLintText(result, { style, showAll: flags.all === true });
    }
  }
}
