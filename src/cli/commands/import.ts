/** `permgraph import terraform|iam-api|dli <FILE|DIR> [-o OUT]`: a model from real state. */
import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { loadCatalog } from '../../catalog/load.js';
import { displayPath, formatPosition, PermgraphError } from '../../errors.js';
import { importInput, importKinds, type ImportKind } from '../../import/input.js';
import type { ImportWarning } from '../../import/log.js';
import { modelToYaml } from '../../import/yaml.js';
import { escapeControl } from '../../report/style.js';
import { VERSION } from '../../version.js';
import { writeWhole } from '../io.js';
import type { CliIo, Register } from '../run.js';

interface ImportOptions {
  output?: string;
  partial?: boolean;
  var?: string[];
  varFile?: string[];
  project?: string;
  object?: string;
  catalog?: string[];
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Registers `import`. */
export function registerImport(program: Command, register: Register): void {
  const command = program
    .command('import')
    .description(
      'write a model from a Terraform plan or .tf directory, an IAM API export, or DLI responses',
    )
    .argument('<kind>', `one of: ${importKinds.join(', ')}`)
    .argument('<path>', 'plan JSON or .tf directory; export directory; DLI file or directory')
    .addOption(
      new Option(
        '-o, --output <file>',
        'write the model YAML here (whole or not at all) instead of stdout',
      ),
    )
    .addOption(
      new Option(
        '--partial',
        'import what is valid; warn about each skipped item instead of failing',
      ),
    )
    .addOption(
      new Option(
        '--var <NAME=VALUE>',
        'a Terraform variable for .tf directories (repeatable)',
      ).argParser(collect),
    )
    .addOption(
      new Option('--var-file <file>', 'a .tfvars file for .tf directories (repeatable)').argParser(
        collect,
      ),
    )
    .addOption(new Option('--project <project>', 'dli: the project whose DLI answered'))
    .addOption(new Option('--object <object>', 'dli: the object a privilege response is about'))
    .addOption(new Option('--catalog <dir...>', 'extra catalog directories'));
  register(command, (kind: string, path: string, options: ImportOptions) => async (io) => {
    if (!(importKinds as readonly string[]).includes(kind)) {
      throw new PermgraphError('E_USAGE', `cannot import "${kind}"`, {
        hint: `choose one of: ${importKinds.join(', ')}`,
      });
    }
    const catalog = loadCatalog((options.catalog ?? []).map((d) => resolve(io.cwd, d)));
    const input = resolve(io.cwd, path);
    const result = await importInput(kind as ImportKind, input, catalog, {
      partial: options.partial === true,
      vars: parseVars(options.var ?? []),
      varFiles: (options.varFile ?? []).map((f) => resolve(io.cwd, f)),
      ...(options.project ? { project: options.project } : {}),
      ...(options.object ? { object: options.object } : {}),
    });
    printImportWarnings(result.warnings, io);
    const yaml = modelToYaml(result.file.data, [
      `imported by permgraph ${VERSION} from ${kind} ${input === io.cwd ? '.' : displayPath(input, io.cwd)}`,
    ]);
    if (options.output === undefined) io.stdout.write(yaml);
    else writeWhole(resolve(io.cwd, options.output), yaml);
    return 0;
  });
}

function parseVars(pairs: string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new PermgraphError('E_USAGE', `--var needs NAME=VALUE, got "${pair}"`);
    vars[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return vars;
}

/** Prints one `permgraph: warning:` line per warning, positions relative to the cwd. */
export function printImportWarnings(warnings: readonly ImportWarning[], io: CliIo): void {
  for (const warning of warnings) {
    const where = warning.position ? `${formatPosition(warning.position, io.cwd)}: ` : '';
    io.stderr.write(
      `permgraph: warning: ${where}${warning.kind === 'skipped' ? 'skipped: ' : ''}${escapeControl(warning.message)}\n`,
    );
  }
}
