/** `permgraph suggest-policy [<principal>] [--intent N] [-o DIR]` */
import {
  copyFileSync,
  linkSync,
  lstatSync,
  mkdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { SuggestedDocument } from '../../engine/suggest-document.js';
import { suggestPolicies, type SuggestResult } from '../../engine/suggest.js';
import { PermgraphError, relativizePositions } from '../../errors.js';
import { assertKnownActions } from '../../model/check-actions.js';
import { styleFor } from '../../report/style.js';
import { suggestJsonView } from '../../report/suggest-json.js';
import { formatSuggestText } from '../../report/suggest-text.js';
import { reasonOf } from '../io.js';
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

/** One document on its way into `DIR`, and how far it got (so a failure can be taken back). */
interface Placement {
  document: SuggestedDocument;
  temporary: string;
  target: string;
  /** A hard link to the file `target` replaced, to put back if a later rename fails. */
  kept?: string;
  state: 'planned' | 'written' | 'placed';
}

/**
 * Writes every document, all or none: each goes to a temporary file first, and only when all
 * are written are they renamed into place; when a step fails, the files this run placed are
 * taken back (replaced ones restored) and the temporary files removed. Returns the file shown
 * for each document.
 */
function writeDocuments(
  result: SuggestResult,
  dir: string,
  cwd: string,
): Map<SuggestedDocument, string> {
  const placements = planPlacements(
    result.suggestions.flatMap((s) => s.documents),
    dir,
  );
  let current: Placement | undefined;
  try {
    mkdirSync(dir, { recursive: true });
    for (const p of placements) writeTemporary((current = p));
    for (const p of placements) place((current = p));
  } catch (cause) {
    undo(placements);
    const file = current === undefined ? '' : `${basename(current.target)}: `;
    throw new PermgraphError(
      'E_READ',
      `cannot write the policies to ${dir}: ${file}${reasonOf(cause)}; nothing was written`,
      { cause },
    );
  }
  for (const p of placements) if (p.kept !== undefined) rmSync(p.kept, { force: true });

  return new Map(placements.map((p) => [p.document, relative(cwd, p.target) || p.target]));
}

/** Where each document goes: `DIR/<safe name>.json`, a name no two documents share. */
function planPlacements(documents: readonly SuggestedDocument[], dir: string): Placement[] {
  const taken = new Set<string>();
  return documents.map((document) => {
    const file = uniqueFileName(safeFileName(document.name), taken);
    const target = resolve(dir, `${file}.json`);
    // A safe name has no separator, so this holds; it is checked because a slip would write
    // wherever a hostile model's names point.
    if (dirname(target) !== dir)
      throw new PermgraphError(
        'E_READ',
        `policy "${document.name}" would be written outside ${dir}`,
      );
    return {
      document,
      target,
      temporary: resolve(dir, `.${file}.json.${process.pid}.tmp`),
      state: 'planned',
    };
  });
}

/**
 * A policy name as a file name: path separators, characters Windows forbids, control
 * characters, runs of dots and a leading dot (a hidden file) become `-`, so `../../escaped`
 * is written as `-escaped`. Readable, and never names another directory.
 */
function safeFileName(name: string): string {
  const unsafe = /(?:[/\\:*?"<>|\u0000-\u001f\u007f-\u009f]|\.{2,}|^\.)+/g;
  const safe = name.replace(unsafe, '-');

  return safe === '' ? 'policy' : safe;
}

/** `name`, or `name-2`, `name-3`… when another document took it (case-blind, as macOS is). */
function uniqueFileName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name}-${n}`;
  taken.add(candidate.toLowerCase());

  return candidate;
}

function writeTemporary(p: Placement): void {
  // `wx`: never write through a link someone placed at the temporary name.
  writeFileSync(p.temporary, p.document.text, { flag: 'wx' });
  p.state = 'written';
}

function place(p: Placement): void {
  const old = lstatSync(p.target, { throwIfNoEntry: false });
  if (old !== undefined && !old.isDirectory()) {
    p.kept = `${p.temporary}.old`;
    keep(p.target, p.kept);
  }
  renameSync(p.temporary, p.target);
  p.state = 'placed';
}

/** A copy of the file about to be replaced: a hard link where the file system has them. */
function keep(file: string, copy: string): void {
  try {
    linkSync(file, copy);
  } catch {
    copyFileSync(file, copy);
  }
}

/** Takes back what a failed run did, last step first; best effort, as the run already failed. */
function undo(placements: readonly Placement[]): void {
  for (const p of [...placements].reverse()) {
    const restore = (): void => {
      if (p.state === 'placed' && p.kept !== undefined) renameSync(p.kept, p.target);
      else if (p.state === 'placed') rmSync(p.target, { force: true });
      else if (p.kept !== undefined) rmSync(p.kept, { force: true });
      if (p.state === 'written') rmSync(p.temporary, { force: true });
    };
    try {
      restore();
    } catch {
      // Nothing better to do: the error that started the undo is the one to report.
    }
  }
}
