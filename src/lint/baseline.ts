/**
 * Baselines: the findings accepted at one point in time, so that CI fails only on new ones.
 * Findings are matched by fingerprint (rule, file, target and the data that identifies the
 * finding), never by line, so moving a grant does not make its finding new.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PermgraphError } from '../errors.js';
import type { SourceDocument } from '../model/source.js';
import type { Finding, FindingData, LintResult } from './types.js';

const entrySchema = z.strictObject({
  ruleId: z.string().min(1),
  target: z.string(),
  file: z.string(),
  fingerprint: z.string().min(1),
  message: z.string(),
});

/** The baseline file. */
export const baselineSchema = z.strictObject({
  version: z.literal(1),
  tool: z.literal('permgraph'),
  findings: z.array(entrySchema),
});

/** A parsed baseline. */
export type Baseline = z.infer<typeof baselineSchema>;

/** What a fingerprint is computed from. */
export interface FingerprintParts {
  ruleId: string;
  file: string;
  target: string;
  messageId: string;
  data: FindingData;
  /** Data keys that identify the finding; all keys when undefined. */
  identity?: readonly string[] | undefined;
}

/**
 * A short stable hash. Values that carry a source position (`file:12:3`) are left out, so a
 * finding that mentions where something else was granted survives that line moving.
 */
export function fingerprintOf(parts: FingerprintParts): string {
  const keys = (parts.identity ?? Object.keys(parts.data)).slice().sort();
  const values = keys
    .map((key) => [key, String(parts.data[key] ?? '')])
    .filter(([, value]) => !/:\d+:\d+/.test(value ?? ''));
  const text = [parts.ruleId, parts.file, parts.target, parts.messageId, JSON.stringify(values)];

  return createHash('sha256').update(text.join('\u0000')).digest('hex').slice(0, 16);
}

/** The baseline of a result: every finding not suppressed, sorted by fingerprint. */
export function createBaseline(result: LintResult): Baseline {
  const findings = result.findings
    .filter((f) => f.status !== 'suppressed')
    .map((f) => ({
      ruleId: f.ruleId,
      target: f.target,
      file: f.file,
      fingerprint: f.fingerprint,
      message: f.message,
    }))
    .sort(
      (a, b) => a.fingerprint.localeCompare(b.fingerprint) || a.message.localeCompare(b.message),
    );

  return { version: 1, tool: 'permgraph', findings };
}

/** Validates a parsed baseline file. */
export function parseBaseline(source: SourceDocument): Baseline {
  const result = baselineSchema.safeParse(source.value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = (issue?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol');

  throw new PermgraphError('E_SCHEMA', `invalid baseline: ${issue?.message ?? 'invalid value'}`, {
    position: source.locate(path),
    hint: 'write a baseline with `permgraph lint --write-baseline FILE`',
  });
}

/**
 * Marks active findings that the baseline holds as `baseline`. Each baseline entry accepts one
 * finding, so a second identical finding is new.
 */
export function applyBaseline(findings: Finding[], baseline: Baseline): void {
  const remaining = new Map<string, number>();
  for (const entry of baseline.findings) {
    remaining.set(entry.fingerprint, (remaining.get(entry.fingerprint) ?? 0) + 1);
  }
  for (const finding of findings) {
    const left = remaining.get(finding.fingerprint) ?? 0;
    if (finding.status !== 'active' || left === 0) continue;
    finding.status = 'baseline';
    remaining.set(finding.fingerprint, left - 1);
  }
}
