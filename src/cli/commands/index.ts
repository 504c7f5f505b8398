/**
 * Every command of the CLI, in the order `permgraph --help` lists them. A new command is a
 * module in this folder exporting `register<Name>(program, register)`, added here.
 *
 * Modules are loaded when needed: a command line that names a command loads that command's
 * module alone (and what it imports), so `permgraph can …` does not load lint rules, importers
 * or the HTML graph view; `--version` loads none, and help or an unknown name loads them all.
 */
import type { Command } from 'commander';
import type { Register } from '../run.js';

/** A command registrar: declares the command's arguments and options and its action. */
export type Registrar = (program: Command, register: Register) => void;

/** Each command's name and how to load its registrar, in help order. */
const commandModules: readonly [string, () => Promise<Registrar>][] = [
  ['can', async () => (await import('./can.js')).registerCan],
  ['catalog', async () => (await import('./catalog.js')).registerCatalog],
  ['schema', async () => (await import('./schema.js')).registerSchema],
  ['who-can', async () => (await import('./who-can.js')).registerWhoCan],
  ['what-can', async () => (await import('./what-can.js')).registerWhatCan],
  ['diff', async () => (await import('./diff.js')).registerDiff],
  ['lint', async () => (await import('./lint.js')).registerLint],
  ['rules', async () => (await import('./rules.js')).registerRules],
  ['test', async () => (await import('./test.js')).registerTest],
  ['fix', async () => (await import('./fix.js')).registerFix],
  ['suggest-policy', async () => (await import('./suggest-policy.js')).registerSuggestPolicy],
  ['graph', async () => (await import('./graph.js')).registerGraph],
  ['import', async () => (await import('./import.js')).registerImport],
  ['export-script', async () => (await import('./export-script.js')).registerExportScript],
];

/** Every command's name, in help order. */
export const commandNames: readonly string[] = commandModules.map(([name]) => name);

/**
 * The registrars a command line needs: the named command's alone, none for a bare
 * `--version`, and all of them for help, no command or a name that is not a command.
 */
export async function registrarsFor(args: readonly string[]): Promise<Registrar[]> {
  const words = args.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  const only = commandModules.find(([command]) => command === name);
  if (only) return [await only[1]()];
  const asksVersion = args.includes('-V') || args.includes('--version');
  const asksHelp = args.includes('-h') || args.includes('--help');
  if (asksVersion && words.length === 0 && !asksHelp) return [];
  return Promise.all(commandModules.map(([, load]) => load()));
}
