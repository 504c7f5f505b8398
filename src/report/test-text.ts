/**
 * The text form of a `permgraph test` run: a summary line, one line per assertion, and for each
 * mismatch what was expected, what the model answered and the `can` explanation behind it.
 */
import type { AssertionOutcome, TestRun } from '../engine/assertions-run.js';
import { formatPosition } from '../errors.js';
import { formatCanText } from './can-text.js';
import { noStyle, printLines, type Style } from './style.js';

/** Options of the text form. */
export interface TestTextOptions {
  style?: Style;
  /** File positions are shown relative to this directory. */
  baseDir?: string;
}

/** One sentence: how many assertions ran and how many failed. */
export function testSummary(run: TestRun): string {
  const noun = run.total === 1 ? 'assertion' : 'assertions';
  const verdict = run.failed === 0 ? 'all passed' : `${run.passed} passed, ${run.failed} failed`;
  return `${run.total} ${noun}, ${verdict}`;
}

/** Renders a test run as text. */
export function formatTestText(run: TestRun, options: TestTextOptions = {}): string {
  const style = options.style ?? noStyle;
  const lines = [
    style.bold(`permgraph test ${run.file}: ${testSummary(run)}`),
    style.dim(`catalog ${run.catalog.version} (${run.catalog.date})`),
    '',
    ...run.outcomes.map((o) => outcomeLine(o, style)),
  ];
  const failures = run.outcomes.filter((o) => !o.passed);
  for (const failure of failures) lines.push('', ...failureLines(failure, style, options.baseDir));
  return printLines(lines, style);
}

function outcomeLine(outcome: AssertionOutcome, style: Style): string {
  const mark = outcome.passed ? style.green('✔') : style.red('✘');
  const got = outcome.passed
    ? style.dim(outcome.decision)
    : style.red(`expected ${outcome.assertion.expect}, got ${outcome.decision}`);
  return `  ${mark} ${outcome.assertion.name}  ${got}`;
}

/** The mismatch and the explanation of the decision the model gave. */
export function failureLines(
  outcome: AssertionOutcome,
  style: Style = noStyle,
  baseDir?: string,
): string[] {
  const { assertion } = outcome;
  const where = formatPosition(assertion.position, baseDir);
  const explanation = formatCanText(outcome.result, { style, baseDir }).trimEnd().split('\n');
  return [
    style.bold(
      `${where}: ${assertion.name}: expected ${assertion.expect}, got ${outcome.decision}`,
    ),
    ...explanation.map((line) => (line === '' ? '' : `    ${line}`)),
  ];
}
