/**
 * The text and Markdown forms of a `diff`: a one-line summary, then access added and access
 * removed, each as groups of principals that share the same change, with the actions
 * compressed to patterns. The Markdown form is a pull-request comment.
 */
import type { ChangeRun, DiffResult, ReviewGroup } from '../engine/diff.js';
import { noStyle, printLines, type Style } from './style.js';

/** One sentence saying what changed, or that nothing did. */
export function diffSummary(result: DiffResult): string {
  const { summary } = result;
  const noun = result.principals === 'groups' ? 'group' : 'user';
  if (summary.added === 0 && summary.removed === 0) return 'no difference in access';
  const parts: string[] = [];
  if (summary.added > 0) {
    const verb = summary.principalsGaining === 1 ? 'gains' : 'gain';
    parts.push(
      `${plural(summary.principalsGaining, noun)} ${verb} access (${plural(summary.added, 'change')})`,
    );
  }
  if (summary.removed > 0) {
    const verb = summary.principalsLosing === 1 ? 'loses' : 'lose';
    parts.push(
      `${plural(summary.principalsLosing, noun)} ${verb} access (${plural(summary.removed, 'change')})`,
    );
  }
  return parts.join('; ');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Renders a diff as text. */
export function formatDiffText(result: DiffResult, style: Style = noStyle): string {
  const lines = [
    style.bold(`access ${result.before} → ${result.after}: ${diffSummary(result)}`),
    style.dim(
      `catalog ${result.catalog.version} (${result.catalog.date}); a change is one ${result.principals === 'groups' ? 'group' : 'user'} × action or privilege × scope`,
    ),
  ];
  for (const direction of ['added', 'removed'] as const) {
    const groups = selected(result.groups, direction);
    if (groups.length === 0) continue;
    lines.push('', style.bold(`access ${direction}`));
    for (const group of groups) lines.push(...groupLines(group, direction, style));
  }
  if (result.uncatalogued.length > 0) {
    lines.push('', style.bold('outside the catalog (statements compared as written)'));
    for (const change of result.uncatalogued) {
      const sign = change.direction === 'added' ? style.green('+') : style.red('-');
      lines.push(`  ${sign} ${change.principal} on ${change.scope}: ${change.statement}`);
    }
  }
  return printLines(lines, style);
}

function selected(groups: readonly ReviewGroup[], direction: ChangeRun['direction']) {
  return groups
    .map((g) => ({
      principals: g.principals,
      runs: g.runs.filter((r) => r.direction === direction),
    }))
    .filter((g) => g.runs.length > 0);
}

function groupLines(group: ReviewGroup, direction: ChangeRun['direction'], style: Style): string[] {
  const sign = direction === 'added' ? style.green('+') : style.red('-');
  const rows = group.runs.map(
    (run) => `    ${sign} ${run.scope}${transition(run)}: ${describeRun(run)}`,
  );
  return [`  ${group.principals.join(', ')}`, ...rows];
}

/** ` (conditional → allow)` unless the change is the plain none ↔ allow. */
function transition(run: ChangeRun): string {
  const plain =
    (run.before === 'none' && run.after === 'allow') ||
    (run.before === 'allow' && run.after === 'none');
  return plain ? '' : ` (${run.before} → ${run.after})`;
}

function describeRun(run: ChangeRun): string {
  return run.patterns.map((p) => describePattern(p, (s) => s)).join(', ');
}

/** `rds:*:* (56 actions except rds:instance:delete)`, or the one action. */
function describePattern(pattern: ChangeRun['patterns'][0], quote: (s: string) => string): string {
  if (pattern.actions.length === 1) return quote(pattern.actions[0] ?? pattern.pattern);
  const except = pattern.except.length > 0 ? ` except ${pattern.except.map(quote).join(', ')}` : '';
  return `${quote(pattern.pattern)} (${pattern.actions.length} actions${except})`;
}

/** Renders a diff as a Markdown pull-request comment. */
export function formatDiffMarkdown(result: DiffResult): string {
  const lines = [`### permgraph: ${diffSummary(result)}`, ''];
  for (const direction of ['added', 'removed'] as const) {
    const groups = selected(result.groups, direction);
    if (groups.length === 0) continue;
    lines.push(
      `**Access ${direction}**`,
      '',
      '| principals | scope | access |',
      '| --- | --- | --- |',
    );
    for (const group of groups) {
      for (const run of group.runs) {
        const access = run.patterns.map((p) => describePattern(p, code)).join(', ');
        lines.push(
          `| ${group.principals.map(code).join(', ')} | ${run.scope}${transition(run)} | ${access} |`,
        );
      }
    }
    lines.push('');
  }
  if (result.uncatalogued.length > 0) {
    lines.push(
      '**Outside the catalog** (statements compared as written)',
      '',
      '| | principal | scope | statement |',
      '| --- | --- | --- | --- |',
    );
    for (const change of result.uncatalogued) {
      const sign = change.direction === 'added' ? '+' : '−';
      lines.push(
        `| ${sign} | ${code(change.principal)} | ${change.scope} | ${code(change.statement)} |`,
      );
    }
    lines.push('');
  }
  lines.push(
    `<sub>${result.before} → ${result.after} · catalog ${result.catalog.version} (${result.catalog.date})</sub>`,
  );
  return printLines(lines, noStyle);
}

function code(text: string): string {
  return `\`${text.replace(/\|/g, '\\|')}\``;
}
