/**
 * The text form of a lint result: findings grouped by file, each with its position, level, rule,
 * message and fix, then one summary line. Coloured only through the style it is given.
 */
import type { Finding, Level, LintResult, LintSummary } from '../lint/types.js';
import { noStyle, printLines, type Style } from './style.js';

/** Options of the text formatter. */
export interface LintTextOptions {
  style?: Style;
  /** Also list suppressed and baselined findings (marked as such). */
  showAll?: boolean;
}

/** Renders a lint result as text. */
export function formatLintText(result: LintResult, options: LintTextOptions = {}): string {
  const style = options.style ?? noStyle;
  const shown = result.findings.filter((f) => options.showAll === true || f.status === 'active');
  const lines: string[] = [];
  for (const [file, findings] of groupByFile(shown)) {
    lines.push(style.bold(file));
    for (const f of findings) lines.push(...findingLines(f, style));
    lines.push('');
  }
  lines.push(summaryLine(result.summary, style));
  lines.push(style.dim(`catalog ${result.catalog.version} (${result.catalog.date})`));

  return printLines(lines, style);
}

/** Findings by file, files in the order the sorted findings give them. */
export function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);

  return byFile;
}

function findingLines(f: Finding, style: Style): string[] {
  const where = `${f.line}:${f.column}`.padEnd(7);
  const status = f.status === 'active' ? '' : style.dim(` (${f.status})`);
  const lines = [
    `  ${where} ${colourLevel(f.level, style)} ${style.dim(f.ruleId)}  ${f.message}${status}`,
  ];
  if (f.fix) lines.push(`  ${' '.repeat(7)} ${style.cyan('fix:')} ${f.fix}`);

  return lines;
}

function colourLevel(level: Level, style: Style): string {
  const text = level.padEnd(10);
  if (level === 'error') return style.red(text);
  if (level === 'security') return style.red(style.bold(text));
  if (level === 'warning') return style.yellow(text);

  return style.cyan(text);
}

/** `4 findings: 1 error, 1 security, 2 warnings, 0 suggestions (1 suppressed)`. */
export function summaryLine(summary: LintSummary, style: Style = noStyle): string {
  const total = summary.error + summary.security + summary.warning + summary.suggestion;
  const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [
    count(summary.error, 'error'),
    `${summary.security} security`,
    count(summary.warning, 'warning'),
    count(summary.suggestion, 'suggestion'),
  ];
  const hidden = [
    summary.suppressed > 0 ? `${summary.suppressed} suppressed` : '',
    summary.baseline > 0 ? `${summary.baseline} in baseline` : '',
  ].filter(Boolean);
  const tail = hidden.length > 0 ? ` (${hidden.join(', ')})` : '';
  const head = total === 0 ? style.green('no findings') : style.bold(count(total, 'finding'));

  return `${head}: ${parts.join(', ')}${tail}`;
}
