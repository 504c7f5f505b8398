/**
 * Lints every published policy under ../shared/real-inputs/policies, one file at a time, the way
 * `permgraph lint FILE` does: no file crashes lint, the files that are not JSON fail with a
 * PermgraphError at a position (exit 2), and the findings per rule are pinned (the README
 * reports them).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PermgraphError } from '../../src/errors.js';
import { readLintInputs } from '../../src/lint/inputs.js';
import { lint } from '../../src/lint/runner.js';
import type { Finding } from '../../src/lint/types.js';
import { catalog, today } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.resolve(here, '../../../shared/real-inputs/policies');

/** Files that are not strict JSON (comments, missing commas): lint exits 2 at the position. */
const unparseable: Record<string, string> = {
  'huaweicloud-skills/huawei-cloud-ces-ecs-monitoring__iam-policies__b01.json': 'E_PARSE',
  'huaweicloud-skills/huawei-cloud-ecs-sqlbot-deploy__iam-policies__b01.json': 'E_PARSE',
  'otc-docs/otc-dli__agency_policies__b02.json': 'E_PARSE',
  'otc-docs/otc-dli__custom_agency__b00.json': 'E_PARSE',
  'otc-docs/otc-iam__custom_policy_use_cases__b03.json': 'E_PARSE',
  'otc-docs/otc-iam__custom_policy_use_cases__b04.json': 'E_PARSE',
  'otc-docs/otc-iam__custom_policy_use_cases__b05.json': 'E_PARSE',
};

/** Findings per rule over the corpus with the catalog of policies/. */
const expectedCounts: Record<string, number> = {
  'policy/duplicate-action': 3,
  'policy/invalid-document': 2,
  'policy/mixed-scope': 3,
  'policy/pattern-matches-nothing': 6,
  'policy/resource-not-supported': 1,
  'policy/unknown-action': 24,
  'policy/unknown-condition-operator': 2,
  'policy/unknown-service': 74,
  'policy/wildcard-allow': 29,
};

function listCorpus(): string[] {
  return readdirSync(corpus, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(path.join(corpus, d.name)).map((f) => `${d.name}/${f}`))
    .sort();
}

interface Outcome {
  findings: Finding[];
  error?: string;
}

function lintFile(file: string): Outcome {
  try {
    const input = readLintInputs([path.join(corpus, file)], catalog);
    return { findings: lint(input, { now: today, baseDir: corpus }).findings };
  } catch (error) {
    if (error instanceof PermgraphError) return { findings: [], error: error.code };
    throw error;
  }
}

// Where ../shared/real-inputs is absent, these corpus tests are left out (see its README).
describe.runIf(existsSync(corpus))('lint over the real policy corpus', () => {
  const files = listCorpus();
  const outcomes = new Map(files.map((f) => [f, lintFile(f)]));

  it('lints every file without a crash; only the unparseable ones stop with exit-2 errors', () => {
    expect(files.length).toBe(104);
    const errors = Object.fromEntries(
      [...outcomes].filter(([, o]) => o.error !== undefined).map(([f, o]) => [f, o.error]),
    );
    expect(errors).toEqual(unparseable);
  });

  it('finds the pinned number of findings per rule', () => {
    const counts: Record<string, number> = {};
    for (const o of outcomes.values())
      for (const f of o.findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
    expect(counts).toEqual(expectedCounts);
  });

  it('reports the quirks the corpus is known for, at their lines', () => {
    const at = (file: string, ruleId: string): string[] =>
      (outcomes.get(file)?.findings ?? [])
        .filter((f) => f.ruleId === ruleId)
        .map((f) => `${f.line}:${f.column} ${f.message}`);
    expect(at('otc-docs/otc-dli__custom_policies__b01.json', 'policy/invalid-document')).toEqual([
      '5:13 Statement[0].Effect must be "Allow" or "Deny", got " Allow"',
    ]);
    expect(
      at('otc-docs/otc-obs__iam_permissions__b00.json', 'policy/unknown-condition-operator'),
    ).toEqual([
      '15:17 unknown condition operator "StringEndWithIfExsits"; did you mean "StringEndWithIfExists"?',
    ]);
    expect(
      at(
        'huaweicloud-skills/huawei-cloud-functiongraph-trigger-create__iam-policies__b13.json',
        'policy/pattern-matches-nothing',
      ),
    ).toEqual([
      '7:17 functiongraph:* is not service:resourceType:operation, so it matches no action',
    ]);
  });
});
