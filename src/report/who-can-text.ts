/**
 * The text form of a `who-can` answer: the question, then the allowed principals and the
 * conditional ones, each with the path that explains it (the principal itself is the row's
 * name, so the path starts at the step after it).
 */
import type { WhoCanEntry, WhoCanResult } from '../engine/who-can.js';
import { describeRequirement, formatPath } from './can-text.js';
import { noStyle, printLines, type Style } from './style.js';

/** Options of the text form. */
export interface WhoCanTextOptions {
  explain?: boolean;
  style?: Style;
  baseDir?: string;
}

/** Renders a `who-can` result as text. */
export function formatWhoCanText(result: WhoCanResult, options: WhoCanTextOptions = {}): string {
  const style = options.style ?? noStyle;
  // A DLI privilege may be granted to a project as well as to users.
  const noun =
    result.principals === 'groups'
      ? 'group'
      : result.request.kind === 'privilege'
        ? 'principal'
        : 'user';
  const lines = [
    style.bold(`who can ${describeRequest(result)}`),
    style.dim(`catalog ${result.catalog.version} (${result.catalog.date})`),
    '',
    style.bold(style.green(`allowed (${count(result.allowed.length, noun)})`)),
    ...section(result, result.allowed, options, style),
  ];
  if (result.conditional.length > 0) {
    lines.push(
      '',
      style.bold(style.yellow(`conditional (${count(result.conditional.length, noun)})`)),
    );
    lines.push(...section(result, result.conditional, options, style));
  }
  return printLines(lines, style);
}

/** `rds.instance.create+encrypted in project cn-north-1`, as the header and titles say it. */
export function describeRequest(result: Pick<WhoCanResult, 'request' | 'requirements'>): string {
  const { request } = result;
  const variants = request.variants.length > 0 ? `+${request.variants.join('+')}` : '';
  const scopes = [...new Set(result.requirements.map((r) => r.scope))];
  const where = request.project ? `in project ${request.project}` : `in ${scopes.join(', ')}`;
  const on = request.on === undefined ? '' : ` on ${request.on}`;
  return `${request.name}${variants}${on} ${where}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function section(
  result: WhoCanResult,
  entries: readonly WhoCanEntry[],
  options: WhoCanTextOptions,
  style: Style,
): string[] {
  if (entries.length === 0) return ['  (none)'];
  const width = Math.max(...entries.map((e) => e.principal.length));
  const single = result.requirements.length === 1;
  return entries.flatMap((entry) =>
    single ? [singleLine(entry, width, options, style)] : entryLines(entry, options, style),
  );
}

function condition(entry: WhoCanEntry, style: Style): string {
  if (entry.decision !== 'conditional') return '';
  return style.yellow(`if ${entry.unknownKeys.join(', ') || 'conditions hold'}: `);
}

function singleLine(entry: WhoCanEntry, width: number, options: WhoCanTextOptions, style: Style) {
  const reason = entry.because[0];
  const via = reason ? via_(reason.path, options, style) : '';
  return `  ${entry.principal.padEnd(width)}  ${condition(entry, style)}${via}`;
}

function entryLines(entry: WhoCanEntry, options: WhoCanTextOptions, style: Style): string[] {
  const head = `  ${entry.principal}${entry.decision === 'conditional' ? `  ${condition(entry, style)}` : ''}`;
  const names = entry.because.map((b) => describeRequirement(b.requirement));
  const width = Math.max(...names.map((n) => n.length));
  const rows = entry.because.map(
    (b, i) => `      ${(names[i] ?? '').padEnd(width)}  ${via_(b.path, options, style)}`,
  );
  return [head.trimEnd(), ...rows];
}

function via_(path: WhoCanEntry['because'][0]['path'], options: WhoCanTextOptions, style: Style) {
  const rest = path.slice(1);
  const text = formatPath(rest, options.explain === true, style, options.baseDir);
  return rest.length === 0 ? 'holds it directly' : `via ${text}`;
}
