/**
 * Suppressions: a finding is accepted when a suppression's rule glob matches its rule and its
 * target glob (if any) matches the finding's target or file. A suppression past its expiry date
 * stops applying, and `config/expired-suppression` reports it.
 */
import { compileGlob } from '../policy/glob.js';
import type { LintConfig, Suppression } from './config.js';
import type { SuppressionState } from './rule.js';

/** The part of a finding a suppression is matched against. */
export interface SuppressibleFinding {
  ruleId: string;
  target: string;
  file: string;
}

/** True once the day after `expires` has begun (UTC): the expiry day itself still counts. */
export function isExpired(suppression: Suppression, now: Date): boolean {
  if (suppression.expires === undefined) return false;
  const end = Date.parse(`${suppression.expires}T00:00:00Z`) + 24 * 60 * 60 * 1000;

  return now.getTime() >= end;
}

function globMatches(pattern: string, text: string): boolean {
  return compileGlob(pattern, { singleChar: true, ignoreCase: false }).test(text);
}

/** Whether the suppression covers the finding (expiry aside). */
export function suppressionMatches(
  suppression: Suppression,
  finding: SuppressibleFinding,
): boolean {
  if (!globMatches(suppression.rule, finding.ruleId)) return false;
  const target = suppression.target;

  return (
    target === undefined || globMatches(target, finding.target) || globMatches(target, finding.file)
  );
}

/** The first unexpired suppression that covers the finding. */
export function findSuppression(
  config: LintConfig,
  finding: SuppressibleFinding,
  now: Date,
): Suppression | undefined {
  return config.suppressions.find((s) => !isExpired(s, now) && suppressionMatches(s, finding));
}

/** The suppressions as the configuration rules see them. */
export function suppressionStates(config: LintConfig, now: Date): SuppressionState[] {
  return config.suppressions.map((s) => ({ ...s, expired: isExpired(s, now) }));
}
