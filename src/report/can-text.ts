/**
 * The text form of a `can` answer: the decision first, then each check with the path that
 * explains it, then what is missing. Readable at a glance; `explain` adds every path and
 * the file positions behind each step.
 */
import { formatPosition } from '../errors.js';
import type { CanResult, Check, Decision, PathStep, StatementMatch } from '../engine/types.js';
import { noStyle, printLines, type Style } from './style.js';

const headline: Record<Decision, string> = {
  allow: 'ALLOWED',
  deny: 'DENIED (explicit deny)',
  'implicit-deny': 'DENIED (not granted)',
  conditional: 'CONDITIONAL',
};

/** Renders a `can` result as text. */
export function formatCanText(
  result: CanResult,
  options: { explain?: boolean; style?: Style; baseDir?: string } = {},
): string {
  const style = options.style ?? noStyle;
  const base = options.baseDir;
  const lines = [
    header(result, style),
    style.dim(`catalog ${result.catalog.version} (${result.catalog.date})`),
    '',
  ];
  lines.push(style.bold('checks'));
  const width = Math.max(...result.checks.map((c) => describeRequirement(c.requirement).length));
  for (const check of result.checks)
    lines.push(...formatCheck(check, width, options.explain === true, style, base));
  if (result.missing.length > 0) {
    lines.push('', style.bold('missing'));
    for (const m of result.missing) {
      const name = describeRequirement(m.requirement);
      const variant = m.variant ? ` [${m.variant}]` : '';
      lines.push(`  - ${name} in ${m.scope}${variant}`);
    }
  }
  if (result.deniedBy.length > 0) {
    lines.push('', style.bold('denied by'));
    for (const match of result.deniedBy)
      lines.push(`  - ${formatPath(match.path, true, style, base)}`);
  }
  return printLines(lines, style);
}

function header(result: CanResult, style: Style): string {
  const colour =
    result.decision === 'allow'
      ? style.green
      : result.decision === 'conditional'
        ? style.yellow
        : style.red;
  const variants =
    result.request.variants.length > 0 ? `+${result.request.variants.join('+')}` : '';
  const where = result.request.project ? ` in project ${result.request.project}` : '';
  const on = result.request.on ? ` on ${result.request.on}` : '';
  return `${style.bold(colour(headline[result.decision]))}  ${result.principal} → ${result.request.name}${variants}${on}${where}`;
}

function mark(decision: Decision, style: Style): string {
  if (decision === 'allow') return style.green('✔ allow        ');
  if (decision === 'conditional') return style.yellow('? conditional  ');
  if (decision === 'deny') return style.red('✘ deny         ');
  return style.red('✘ implicit-deny');
}

/** A requirement as one phrase: the action, `hold <permission>`, or `<PRIVILEGE> on <object>`. */
export function describeRequirement(requirement: Check['requirement']): string {
  if (requirement.kind === 'action') return requirement.action;
  if (requirement.kind === 'permission') return `hold ${requirement.permission}`;
  return `${requirement.privilege} on ${requirement.object}`;
}

function formatCheck(
  check: Check,
  width: number,
  explain: boolean,
  style: Style,
  base: string | undefined,
): string[] {
  const variant = check.variant ? style.cyan(` [${check.variant}]`) : '';
  const name = describeRequirement(check.requirement).padEnd(width);
  const lines = [`  ${mark(check.decision, style)}  ${name}  ${style.dim(check.scope)}${variant}`];
  const indent = '      ';
  if (check.why && check.decision !== 'allow')
    lines.push(`${indent}${style.dim(`needed: ${check.why}`)}`);
  const paths = explain ? check.because : check.because.slice(0, 1);
  for (const match of paths)
    lines.push(
      `${indent}${matchPrefix(match, style)}via ${formatPath(match.path, explain, style, base)}`,
    );
  if (!explain && check.because.length > 1)
    lines.push(`${indent}${style.dim(`(+${check.because.length - 1} more; --explain shows all)`)}`);
  for (const note of check.notes) lines.push(`${indent}${note}`);
  if (check.unknownKeys.length > 0)
    lines.push(`${indent}depends on: ${unknownHint(check.unknownKeys)}`);
  for (const miss of explain ? check.nearMisses : uniqueByMessage(check.nearMisses).slice(0, 3)) {
    lines.push(`${indent}${style.yellow('near miss:')} ${miss.message}`);
    if (explain) lines.push(`${indent}  ${formatPath(miss.path, true, style, base)}`);
  }
  if (
    check.decision === 'implicit-deny' &&
    check.nearMisses.length === 0 &&
    check.notes.length === 0
  ) {
    lines.push(`${indent}${style.dim('no grant of this principal has a statement matching it')}`);
  }
  return lines;
}

function uniqueByMessage<T extends { message: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.message) && seen.add(item.message));
}

function matchPrefix(match: StatementMatch, style: Style): string {
  if (match.truth === 'unknown')
    return style.yellow(
      `${match.effect} if ${match.unknownKeys.join(', ') || 'conditions hold'}: `,
    );
  return match.effect === 'Deny' ? style.red('Deny: ') : '';
}

/** Renders an explanation path: steps joined by arrows, with positions when `withPositions`. */
export function formatPath(
  path: readonly PathStep[],
  withPositions: boolean,
  style: Style = noStyle,
  baseDir?: string,
): string {
  return path
    .map((step) => {
      const where =
        withPositions && step.position
          ? style.dim(` (${formatPosition(step.position, baseDir)})`)
          : '';
      return `${step.label}${where}`;
    })
    .join(' → ');
}

/** What the answer waits for, and how to supply each: context keys, the resource, the account id. */
function unknownHint(keys: readonly string[]): string {
  const context = keys.filter((k) => k !== 'resource' && k !== 'domainId');
  return [
    ...(context.length > 0 ? [`${context.join(', ')} (supply with --context KEY=VALUE)`] : []),
    ...(keys.includes('resource') ? ['the resource (supply with --resource URN)'] : []),
    ...(keys.includes('domainId') ? ['the account id (set domainId in the model)'] : []),
  ].join('; ');
}
