/**
 * The CI gate: which findings fail a run at a given `--fail-on` level. Suppressed and baselined
 * findings never fail it.
 */
import type { FailOn, Finding, Level, LintResult } from './types.js';

const rank: Readonly<Record<Level, number>> = { suggestion: 0, warning: 1, security: 2, error: 3 };

/** Whether a level is at or above the threshold. */
export function atOrAbove(level: Level, failOn: FailOn): boolean {
  return failOn !== 'none' && rank[level] >= rank[failOn];
}

/** The active findings at or above the threshold. */
export function failingFindings(result: LintResult, failOn: FailOn): Finding[] {
  return result.findings.filter((f) => f.status === 'active' && atOrAbove(f.level, failOn));
}
