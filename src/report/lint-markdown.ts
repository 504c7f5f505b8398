/**
 * A Markdown summary of a lint result, fit for a pull-request comment: the counts, then a table
 * of the active findings (riskiest levels first), then the suppressed and baselined ones folded.
 */
import { levels, type Finding, type LintResult } from '../lint/types.js';
import { summaryLine } from './lint-text.js';

const maxRows = 100;

/** Renders a lint result as Markdown. */
export function formatLintMarkdown(result: LintResult): string {
  const active = byLevel(result.findings.filter((f) => f.status === 'active'));
  const hidden = result.findings.filter((f) => f.status !== 'active');
  const lines = [
    '## permgraph lint',
    '',
    `**${summaryLine(result.summary)}** · catalog ${result.catalog.version} (${result.catalog.date})`,
    '',
  ];
  if (active.length > 0) lines.push(...table(active), '');
  if (hidden.length > 0) {
    lines.push(`<details><summary>${hidden.length} suppressed or baselined</summary>`, '');
    lines.push(...table(hidden), '', '</details>', '');
  }

  return `${lines.join('\n')}\n`.replace(/\n\n\n+/g, '\n\n');
}

function byLevel(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => levels.indexOf(a.level) - levels.indexOf(b.level));
}

function table(findings: readonly Finding[]): string[] {
  const rows = findings.slice(0, maxRows).map((f) => {
    const fix = f.fix ? `<br>**Fix:** ${cell(f.fix)}` : '';
    return `| ${f.level} | \`${f.ruleId}\` | \`${cell(f.file)}:${f.line}\` | ${cell(f.message)}${fix} |`;
  });
  const more =
    findings.length > maxRows ? [`| | | | …and ${findings.length - maxRows} more |`] : [];

  return ['| Level | Rule | Location | Finding |', '| --- | --- | --- | --- |', ...rows, ...more];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}
