/** `permgraph suggest-policy [<principal>] [--intent N] [-o DIR]` */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { suggestPolicies, type SuggestResult } from '../../engine/suggest.js';
import { PermgraphError, relativizePositions } from '../../errors.js';
import { assertKnownActions } from '../../model/check-actions.js';
import { styleFor } from '../../report/style.js';
import { suggestJsonView } from '../../report/suggest-json.js';
import { formatSuggestText } from '../../report/suggest-text.js';
import type { Register } from '../run.js';
import { addModelOptions, formatOption, openModel, type ModelOptions } from './shared.js';

interface SuggestFlags extends ModelOptions {
  intent?: string;
  output?: string;
  format: 'text' | 'json';
}

/** Registers `suggest-policy`. */
export function registerSuggestPolicy(program: Command, register: Register): void {
  const command = program
    .command('suggest-policy')
    .description(
      "least-privilege custom policies (Version 1.1) for the model's intents, checked to keep every intended operation allowed",
    )
    .argument('[principal]', 'only the intents of this principal (group:dba, alice)')
    .addOption(
      new Option('-i, --intent <n>', 'only this intent: its number (1, 2, …) or intents[0]'),
    )
    .addOption(new Option('-o, --output <dir>', 'write each document to DIR/<name>.json'))
    .addOption(formatOption(['text', 'json'], 'text'));
  addModelOptions(command);
  register(command, (principal: string | undefined, flags: SuggestFlags) => async (io) => {
    const evaluator = await openModel(flags, io);
    assertKnownActions(evaluator.pg.model, evaluator.pg.catalog);
    const result = suggestPolicies(evaluator, { intent: flags.intent, principal });
    const written =
      flags.output === undefined
        ? undefined
        : writeDocuments(result, resolve(io.cwd, flags.output), io.cwd);
    const text =
      flags.format === 'json'
        ? `${JSON.stringify(relativizePositions(suggestJsonView(result), io.cwd), null, 2)}\n`
        : formatSuggestText(result, {
            style: styleFor(io.stdout, io.env),
            baseDir: io.cwd,
            ...(written ? { written } : {}),
          });
    io.stdout.write(text);
    return result.suggestions.every(isClean) ? 0 : 1;
  });
}

function isClean(suggestion: SuggestResult['suggestions'][number]): boolean {
  return suggestion.verified && suggestion.lint.findings.every((f) => f.level === 'suggestion');
}

/**
 * Writes every document, all or none: each goes to a temporary file first, and only when all
 * are written are they renamed into place. Returns the file shown for each policy name.
 */
function writeDocuments(result: SuggestResult, dir: string, cwd: string): Map<string, string> {
  const documents = result.suggestions.flatMap((s) => s.documents);
  const temporaries: [string, string][] = [];
  try {
    mkdirSync(dir, { recursive: true });
    for (const document of documents) {
      const target = join(dir, `${document.name}.json`);
      const temporary = join(dir, `.${document.name}.json.${process.pid}.tmp`);
      writeFileSync(temporary, document.text);
      temporaries.push([temporary, target]);
    }
  } catch (cause) {
    for (const [temporary] of temporaries) rmSync(temporary, { force: true });
    throw new PermgraphError(
      'E_READ',
      `cannot write the policies to ${dir} (${(cause as NodeJS.ErrnoException).code ?? String(cause)}); nothing was written`,
    );
  }
  for (const [temporary, target] of temporaries) renameSync(temporary, target);
  return new Map(
    documents.map((d) => [d.name, relative(cwd, join(dir, `${d.name}.json`)) || `${d.name}.json`]),
  );
}
