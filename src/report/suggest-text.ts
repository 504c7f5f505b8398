/**
 * The text form of `suggest-policy`: per principal, the intents it answers, each document with
 * how to grant it, then the check that the intents stay allowed and what lint says.
 */
import { formatPosition } from '../errors.js';
import type { PolicySuggestion, SuggestResult } from '../engine/suggest.js';
import type { SuggestedDocument } from '../engine/suggest-document.js';
import { noStyle, type Style } from './style.js';

/** How to render: `written` names the files `-o DIR` wrote instead of printing documents. */
export interface SuggestTextOptions {
  style?: Style;
  baseDir?: string;
  written?: ReadonlyMap<SuggestedDocument, string>;
}

/** Renders a `suggest-policy` result as text. */
export function formatSuggestText(result: SuggestResult, options: SuggestTextOptions = {}): string {
  const style = options.style ?? noStyle;
  const blocks = result.suggestions.map((s) => formatSuggestion(s, style, options));
  const head = style.dim(`catalog ${result.catalog.version} (${result.catalog.date})`);
  return `${[head, ...blocks].join('\n\n')}\n`;
}

function formatSuggestion(
  suggestion: PolicySuggestion,
  style: Style,
  options: SuggestTextOptions,
): string {
  const lines = [style.bold(`least privilege for ${suggestion.principal}`)];
  for (const intent of suggestion.intents) {
    const where = formatPosition(intent.position, options.baseDir);
    const what = [...intent.operations, ...intent.actions].join(', ');
    const project = intent.project ? ` in project ${intent.project}` : '';
    lines.push(style.dim(`  intent ${intent.number} (${where}): ${what}${project}`));
  }
  for (const document of suggestion.documents)
    lines.push('', ...formatDocument(document, suggestion, style, options.written));
  for (const { permission, actions } of suggestion.standsFor)
    lines.push(
      style.dim(
        `  includes all ${actions} catalog actions of ${permission}, which the operations ask to hold (granting ${permission} itself does the same)`,
      ),
    );
  lines.push('', ...formatChecks(suggestion, style), ...formatLint(suggestion, style));
  return lines.map((line) => style.printable(line)).join('\n');
}

function formatDocument(
  document: SuggestedDocument,
  suggestion: PolicySuggestion,
  style: Style,
  written: ReadonlyMap<SuggestedDocument, string> | undefined,
): string[] {
  const scopes = suggestion.grants
    .filter((g) => g.policy === document.name)
    .map((g) => (g.scope === 'global' ? 'global services' : `project ${g.scope}`));
  const kind = document.type === 'XA' ? 'project-level services' : 'global services';
  const count = `${document.actions.length} action${document.actions.length === 1 ? '' : 's'}`;
  const file = written?.get(document);
  const title = `${style.bold(document.name)} (type ${document.type}, ${kind}; ${count}) — grant on ${scopes.join(', ')}`;
  if (file !== undefined) return [title, `  written to ${file}`];
  return [
    title,
    ...document.text
      .trimEnd()
      .split('\n')
      .map((line) => `  ${line}`),
  ];
}

function formatChecks(suggestion: PolicySuggestion, style: Style): string[] {
  const replaced =
    suggestion.replaces.length > 0 ? suggestion.replaces.join(', ') : 'no permissions';
  const lines = [
    suggestion.verified
      ? `checked: with only these policies instead of ${replaced}, every intended operation is allowed`
      : style.red(
          `NOT every intended operation is allowed with only these policies (instead of ${replaced})`,
        ),
  ];
  const width = Math.max(...suggestion.checks.map((c) => c.what.length));
  for (const check of suggestion.checks) {
    const mark =
      check.suggested === 'allow' ? style.green('✔ allow') : style.red(`✘ ${check.suggested}`);
    const where = check.project ? `project ${check.project}` : 'global services';
    const now = check.current === 'allow' ? 'allowed today too' : `today: ${check.current}`;
    lines.push(`  ${mark}  ${check.what.padEnd(width)}  ${where}  ${style.dim(`(${now})`)}`);
  }
  return lines;
}

function formatLint(suggestion: PolicySuggestion, style: Style): string[] {
  const { findings } = suggestion.lint;
  if (findings.length === 0) return ['lint: clean'];
  return [
    style.yellow(`lint: ${findings.length} finding${findings.length === 1 ? '' : 's'}`),
    ...findings.map(
      (f) => `  ${f.file}:${f.line}:${f.column} ${f.level} ${f.ruleId}: ${f.message}`,
    ),
  ];
}
