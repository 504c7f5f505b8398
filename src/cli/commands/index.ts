/**
 * Every command of the CLI, in the order `permgraph --help` lists them. A new command is a
 * module in this folder exporting `register<Name>(program, register)`, added here.
 */
import type { Command } from 'commander';
import type { Register } from '../run.js';
import { registerCan } from './can.js';
import { registerCatalog } from './catalog.js';
import { registerSchema } from './schema.js';
import { registerWhoCan } from './who-can.js';
import { registerWhatCan } from './what-can.js';
import { registerDiff } from './diff.js';
import { registerLint } from './lint.js';
import { registerRules } from './rules.js';
import { registerTest } from './test.js';
import { registerImport } from './import.js';
import { registerExportScript } from './export-script.js';
import { registerFix } from './fix.js';
import { registerSuggestPolicy } from './suggest-policy.js';
import { registerGraph } from './graph.js';

/** The registrars, called once each when the program is built. */
export const commands: readonly ((program: Command, register: Register) => void)[] = [
  registerCan,
  registerCatalog,
  registerSchema,
  registerWhoCan,
  registerWhatCan,
  registerDiff,
  registerLint,
  registerRules,
  registerTest,
  registerFix,
  registerSuggestPolicy,
  registerGraph,
  registerImport,
  registerExportScript,
];
