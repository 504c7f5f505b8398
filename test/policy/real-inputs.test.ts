/**
 * Every published policy under ../shared/real-inputs/policies: the valid ones parse and compile,
 * the broken ones fail with a PermgraphError at a position, never with another exception.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PermgraphError } from '../../src/errors.js';
import { parseSourceText } from '../../src/model/source.js';
import { compileStatement } from '../../src/policy/evaluate.js';
import { parsePolicyDocument, unwrapPolicyDocument } from '../../src/policy/parse.js';
import type { PolicyDocument } from '../../src/policy/types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.resolve(here, '../../../shared/real-inputs/policies');

/** Files that must fail, with the error code and the line and column it points at. */
const expectedFailures: readonly (readonly [string, string, number, number])[] = [
  // `// comment` lines inside the JSON.
  ['huaweicloud-skills/huawei-cloud-ces-ecs-monitoring__iam-policies__b01.json', 'E_PARSE', 7, 9],
  ['huaweicloud-skills/huawei-cloud-ecs-sqlbot-deploy__iam-policies__b01.json', 'E_PARSE', 7, 18],
  // A v1.0 role with a Resource element, which roles do not have.
  [
    'huaweicloud-skills/huawei-cloud-install-openjiuwenswarm__iam-policies__b00.json',
    'E_POLICY',
    10,
    7,
  ],
  ['otc-docs/otc-dli__agency_policies__b02.json', 'E_PARSE', 30, 45],
  ['otc-docs/otc-dli__custom_agency__b00.json', 'E_PARSE', 30, 45],
  // "Effect": " Allow"
  ['otc-docs/otc-dli__custom_policies__b01.json', 'E_POLICY', 5, 13],
  // Missing comma after "Effect": "Allow", trailing comma, unclosed braces.
  ['otc-docs/otc-iam__custom_policy_use_cases__b03.json', 'E_PARSE', 6, 25],
  ['otc-docs/otc-iam__custom_policy_use_cases__b04.json', 'E_PARSE', 18, 9],
  ['otc-docs/otc-iam__custom_policy_use_cases__b05.json', 'E_PARSE', 6, 25],
];

/** Files that parse but carry something the lint rules report. */
const expectedOddities: Record<
  string,
  { malformed?: string[]; unknownOperators?: string[]; wrappedAt?: string[] }
> = {
  'huaweicloud-skills/huawei-cloud-functiongraph-trigger-create__iam-policies__b13.json': {
    malformed: ['functiongraph:*'],
  },
  'otc-docs/otc-obs__iam_permissions__b00.json': { unknownOperators: ['StringEndWithIfExsits'] },
  'otc-docs/otc-obs__iam_policies_mechanism__b00.json': {
    unknownOperators: ['StringEndWithIfExsits'],
  },
  'otc-docs/otc-obs__temporary_access__b00.json': { wrappedAt: ['auth', 'identity', 'policy'] },
  'otc-docs/otc-obs__temporary_access__b01.json': { wrappedAt: ['auth', 'identity', 'policy'] },
};

function listCorpus(): string[] {
  return readdirSync(corpus, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(path.join(corpus, d.name)).map((f) => `${d.name}/${f}`))
    .sort();
}

function load(name: string): { policy: PolicyDocument; wrappedAt: (string | number)[] } {
  const doc = parseSourceText(readFileSync(path.join(corpus, name), 'utf8'), name);
  const found = unwrapPolicyDocument(doc.value);

  return {
    policy: parsePolicyDocument(doc, found?.path ?? []),
    wrappedAt: [...(found?.path ?? [])],
  };
}

function odditiesOf(policy: PolicyDocument, wrappedAt: (string | number)[]) {
  const compiled = policy.statements.map((s) => compileStatement(s, policy.version));
  const malformed = compiled.flatMap((c) =>
    [...(c.actions ?? []), ...(c.resources ?? [])].filter((m) => m.malformed).map((m) => m.pattern),
  );
  const unknownOperators = compiled.flatMap((c) =>
    c.condition.filter((e) => !e.operator.known).map((e) => e.operator.name),
  );
  const found: { malformed?: string[]; unknownOperators?: string[]; wrappedAt?: string[] } = {};
  if (malformed.length > 0) found.malformed = malformed;
  if (unknownOperators.length > 0) found.unknownOperators = [...new Set(unknownOperators)];
  if (wrappedAt.length > 0) found.wrappedAt = wrappedAt.map(String);

  return found;
}

describe('the pinned lists', () => {
  it('name each file once, in order', () => {
    const names = expectedFailures.map(([name]) => name);
    expect(names).toEqual([...new Set(names)].sort());
  });
});

if (!existsSync(corpus)) {
  console.log(`real-inputs: ${corpus} is absent; skipping the published-policy corpus tests`);
} else {
  const files = listCorpus();
  const failures = new Map(
    expectedFailures.map(([name, code, line, column]) => [name, { code, line, column }]),
  );

  describe('real published policies', () => {
    it('still contains every pinned file', () => {
      for (const name of [...failures.keys(), ...Object.keys(expectedOddities)])
        expect(files).toContain(name);
    });

    it.each(files.filter((f) => !failures.has(f)))('%s parses and compiles', (name) => {
      const { policy, wrappedAt } = load(name);
      expect(policy.statements.length).toBeGreaterThan(0);
      expect(odditiesOf(policy, wrappedAt)).toEqual(expectedOddities[name] ?? {});
    });

    it.each(expectedFailures)('%s fails with %s at %i:%i', (name, code, line, column) => {
      let caught: unknown;
      try {
        load(name);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(PermgraphError);
      const error = caught as PermgraphError;
      expect({
        code: error.code,
        line: error.position?.line,
        column: error.position?.column,
      }).toEqual({ code, line, column });
    });
  });
}
