/**
 * Helpers for the lint tests: lint a policy document, a model or a configuration written
 * inline with the real catalog, and a table-driven runner for one rule.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import type { Catalog } from '../../src/catalog/catalog.js';
import { parseLintConfig } from '../../src/lint/config.js';
import { modelInput, policyFileInput, type LintInput } from '../../src/lint/inputs.js';
import { allRules } from '../../src/lint/registry.js';
import type { Rule } from '../../src/lint/rule.js';
import { lint, type LintOptions } from '../../src/lint/runner.js';
import type { Finding, LintResult } from '../../src/lint/types.js';
import { validateModelFile } from '../../src/model/load.js';
import { parseSourceText } from '../../src/model/source.js';

/** The catalog shipped in policies/. */
export const catalog: Catalog = loadCatalog([]);

/** A fixed "today" for expiry and time conditions. */
export const today = new Date('2026-06-01T12:00:00Z');

/** What a case is written in: a policy document, a model, or a `.permgraph.yaml`. */
export type CaseFormat = 'json' | 'yaml' | 'config';

/** Lint input from text: `policy.json`, `model.yaml`, or a configuration with an empty model. */
export function inputOf(format: CaseFormat, text: string): LintInput {
  if (format === 'json')
    return { catalog, documents: [policyFileInput(parseSourceText(text, 'policy.json'))] };
  if (format === 'config') return { catalog, documents: [] };
  const file = validateModelFile(parseSourceText(text, 'model.yaml'));

  return { catalog, model: modelInput([file], catalog), documents: [] };
}

/** Lints text with the given rules (all by default). */
export function lintText(format: CaseFormat, text: string, options: LintOptions = {}): LintResult {
  const config =
    format === 'config'
      ? parseLintConfig(parseSourceText(text, '.permgraph.yaml'), allRules)
      : options.config;

  return lint(inputOf(format, text), { now: today, ...options, config });
}

/** The findings of one rule over text. */
export function findingsOf(rule: Rule, format: CaseFormat, text: string): Finding[] {
  return lintText(format, text, { rules: [rule] }).findings;
}

/** An expected finding: message id, position, and optionally data values and the message. */
export interface Expected {
  messageId: string;
  line: number;
  column: number;
  data?: Record<string, string | number>;
  message?: string;
  fix?: string;
}

/** A table of cases for one rule. */
export interface RuleCases {
  format: CaseFormat;
  valid: { name: string; code: string }[];
  invalid: { name: string; code: string; errors: Expected[] }[];
}

/** Runs a rule's table: valid cases report nothing, invalid ones exactly the expected findings. */
export function ruleTester(rule: Rule, cases: RuleCases): void {
  describe(rule.meta.id, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        expect(findingsOf(rule, cases.format, c.code).map(brief)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const found = findingsOf(rule, cases.format, c.code);
        expect(found.map(brief)).toEqual(c.errors.map(expectedBrief));
        c.errors.forEach((e, i) => {
          const f = found[i] as Finding;
          if (e.data) expect(f.data).toMatchObject(e.data);
          if (e.message !== undefined) expect(f.message).toBe(e.message);
          if (e.fix !== undefined) expect(f.fix).toBe(e.fix);
        });
      });
    }
  });
}

function brief(f: Finding): string {
  return `${f.messageId} ${f.line}:${f.column}`;
}

function expectedBrief(e: Expected): string {
  return `${e.messageId} ${e.line}:${e.column}`;
}
