/**
 * `.permgraph.yaml`, suppressions and baselines: validation errors at file:line:column, rules
 * turned off and re-levelled, options checked against the rule's schema, expiry, and baselines
 * that survive line moves but count each finding once.
 */
import { describe, expect, it } from 'vitest';
import {
  applyBaseline,
  createBaseline,
  fingerprintOf,
  parseBaseline,
} from '../../src/lint/baseline.js';
import { parseLintConfig } from '../../src/lint/config.js';
import { allRules } from '../../src/lint/registry.js';
import { isExpired } from '../../src/lint/suppress.js';
import { parseSourceText } from '../../src/model/source.js';
import { catchPermgraphError } from '../helpers.js';
import { lintText } from './helpers.js';

const config = (text: string) =>
  parseLintConfig(parseSourceText(text, '.permgraph.yaml'), allRules);

const wide = `{
  "Version": "1.1",
  "Statement": [{ "Effect": "Allow", "Action": ["rds:*:*", "rds:instance:list"] }]
}`;

describe('.permgraph.yaml', () => {
  it('rejects unknown keys at their position', () => {
    const error = catchPermgraphError(() => config('rules: {}\nsupressions: []'));
    expect(error.code).toBe('E_SCHEMA');
    expect(error.message).toBe('invalid lint configuration: unknown key "supressions"');
  });

  it('rejects unknown rules with the nearest id, at the key', () => {
    const error = catchPermgraphError(() => config('rules:\n  policy/wildcard-alow: off'));
    expect(error.message).toBe('unknown lint rule "policy/wildcard-alow"');
    expect(error.position).toMatchObject({ line: 2, column: 3 });
    expect(error.hint).toBe('did you mean "policy/wildcard-allow"?');
  });

  it('checks rule options against the rule schema', () => {
    const error = catchPermgraphError(() =>
      config('rules:\n  policy/over-limits:\n    options: { maxStatement: 20 }'),
    );
    expect(error.message).toBe('options of policy/over-limits: unknown key "maxStatement"');
    expect(error.position?.line).toBe(3);
  });

  it('requires a reason for every suppression', () => {
    const error = catchPermgraphError(() => config('suppressions:\n  - rule: grant/*'));
    expect(error.message).toMatch(/^invalid lint configuration: suppressions\[0\]/);
  });

  it('rejects an expiry that is no day of the calendar, at its position', () => {
    for (const day of ['2099-13-45', '2026-02-30']) {
      const error = catchPermgraphError(() =>
        config(`suppressions:\n  - { rule: grant/*, reason: r, expires: ${day} }`),
      );
      expect(error.message).toContain('a day of the calendar');
      expect(error.position).toMatchObject({ line: 2, column: 33 });
    }
    expect(
      config('suppressions:\n  - { rule: grant/*, reason: r, expires: 2028-02-29 }'),
    ).toBeDefined();
  });

  it('turns rules off, re-levels them (globs too) and passes options', () => {
    const parsed = config(
      'rules:\n  policy/duplicate-action: off\n  policy/wildcard-*: error\n  policy/over-limits: { options: { maxStatements: 20 } }',
    );
    const result = lintText('json', wide, { config: parsed });
    expect(result.findings.map((f) => `${f.ruleId} ${f.level}`)).toEqual([
      'policy/wildcard-allow error',
    ]);
    expect(parsed.rules.get('policy/over-limits')?.options).toMatchObject({
      maxStatements: 20,
      maxActionsPerStatement: 100,
    });
    expect(result.rules.map((r) => r.id)).not.toContain('policy/duplicate-action');
  });
});

describe('suppressions', () => {
  it('apply until the end of the expiry day (UTC), then stop', () => {
    const s = {
      rule: 'x',
      reason: 'r',
      expires: '2026-05-31',
      position: { file: 'f', line: 1, column: 1 },
    };
    expect(isExpired(s, new Date('2026-05-31T23:59:59Z'))).toBe(false);
    expect(isExpired(s, new Date('2026-06-01T00:00:00Z'))).toBe(true);
  });

  it('match by rule and by target or file glob; suppressed findings do not count', () => {
    const parsed = config(
      'suppressions:\n  - rule: policy/wildcard-allow\n    target: "*.json"\n    reason: the console role',
    );
    const result = lintText('json', wide, { config: parsed });
    const wildcard = result.findings.find((f) => f.ruleId === 'policy/wildcard-allow');
    expect(wildcard?.status).toBe('suppressed');
    expect(wildcard?.suppression).toEqual({ reason: 'the console role', expires: undefined });
    expect(result.summary).toMatchObject({ security: 0, suggestion: 1, suppressed: 1 });
  });
});

describe('baselines', () => {
  it('fingerprint findings without their line, so moving a grant keeps them', () => {
    const before = lintText('json', wide).findings;
    const after = lintText('json', `\n\n${wide}`).findings;
    expect(after.map((f) => f.line)).toEqual(before.map((f) => f.line + 2));
    expect(after.map((f) => f.fingerprint)).toEqual(before.map((f) => f.fingerprint));
    const data = { pattern: 'rds:*:*', grantedBy: 'model.yaml:12:3' };
    const base = { ruleId: 'r', file: 'f', target: 't', messageId: 'm' };
    expect(fingerprintOf({ ...base, data })).toBe(
      fingerprintOf({ ...base, data: { ...data, grantedBy: 'model.yaml:40:3' } }),
    );
  });

  it('accept each recorded finding once: a second identical finding is new', () => {
    const result = lintText('json', wide);
    const baseline = createBaseline(result);
    expect(baseline.findings.map((f) => f.ruleId)).toEqual(
      [...baseline.findings]
        .sort((a, b) => a.fingerprint.localeCompare(b.fingerprint))
        .map((f) => f.ruleId),
    );
    const twice = [...lintText('json', wide).findings, ...lintText('json', wide).findings];
    applyBaseline(twice, baseline);
    expect(twice.map((f) => f.status)).toEqual(['baseline', 'baseline', 'active', 'active']);
  });

  it('are validated, with the position of the problem', () => {
    const error = catchPermgraphError(() =>
      parseBaseline(
        parseSourceText('{ "version": 2, "tool": "permgraph", "findings": [] }', 'b.json'),
      ),
    );
    expect(error.code).toBe('E_SCHEMA');
    expect(error.position).toMatchObject({ line: 1, column: 3 });
  });
});
