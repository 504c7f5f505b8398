/**
 * Every valid published policy under ../shared/real-inputs/policies, granted as a custom policy,
 * evaluates against every catalog action without an error; a few are pinned to exact answers.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { can } from '../../src/engine/can.js';
import { Evaluator } from '../../src/engine/evaluator.js';
import { PermgraphError } from '../../src/errors.js';
import { buildGraph } from '../../src/graph/build.js';
import { loadModelText } from '../../src/model/load.js';
import { parseSourceText } from '../../src/model/source.js';
import { unwrapPolicyDocument } from '../../src/policy/parse.js';

const corpus = path.resolve(import.meta.dirname, '../../../shared/real-inputs/policies');
const catalog = loadCatalog();

/** An account where `user` holds the document on all resources, or the parse error. */
function accountWith(file: string): Evaluator | PermgraphError {
  try {
    const found = unwrapPolicyDocument(parseSourceText(readFileSync(file, 'utf8'), file).value);
    const model = JSON.stringify({
      projects: [{ name: 'cn-north-4' }],
      users: [{ name: 'user', groups: ['g'] }],
      groups: [{ name: 'g', grants: [{ permission: 'real', scope: 'all' }] }],
      policies: [{ name: 'real', document: found?.value ?? null }],
    });
    const loaded = loadModelText(model, 'model.json', catalog);
    return new Evaluator(buildGraph(loaded, catalog));
  } catch (error) {
    if (error instanceof PermgraphError) return error;
    throw error;
  }
}

function decide(
  evaluator: Evaluator,
  action: string,
  context: Record<string, string[]> = {},
): string {
  return can(evaluator, 'user', action, {
    project: 'cn-north-4',
    context,
    now: new Date('2026-06-01T00:00:00Z'),
  }).decision;
}

if (!existsSync(corpus)) {
  console.log(`real-inputs: ${corpus} is absent; skipping the evaluation of published policies`);
} else {
  const files = readdirSync(corpus, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(corpus, f));

  describe('published policies evaluate', () => {
    it.each(files.map((f) => [path.relative(corpus, f), f]))('%s', (_name, file) => {
      const evaluator = accountWith(file);
      if (evaluator instanceof PermgraphError) {
        expect(evaluator.position?.line).toBeGreaterThanOrEqual(1);
        return;
      }
      const decisions = catalog.actions.map((a) => decide(evaluator, a.name));
      expect(
        decisions.every((d) => ['allow', 'deny', 'implicit-deny', 'conditional'].includes(d)),
      ).toBe(true);
    });
  });

  describe('pinned answers on published policies', () => {
    const at = (name: string): Evaluator => {
      const evaluator = accountWith(path.join(corpus, name));
      if (evaluator instanceof PermgraphError) throw evaluator;
      return evaluator;
    };

    it('the RDS create-only policy allows creating and nothing else', () => {
      const evaluator = at('otc-docs/otc-rds__custom_policies_mysql__b00.json');
      expect(decide(evaluator, 'rds:instance:create')).toBe('allow');
      expect(decide(evaluator, 'rds:instance:delete')).toBe('implicit-deny');
    });

    it('the RDS deny-delete policy alone allows nothing and denies deletes', () => {
      const evaluator = at('otc-docs/otc-rds__custom_policies_mysql__b01.json');
      expect(decide(evaluator, 'rds:instance:delete')).toBe('deny');
      expect(decide(evaluator, 'rds:instance:create')).toBe('implicit-deny');
    });

    it('the KMS key-creation policy allows kms:cmk:create only', () => {
      const evaluator = at('otc-docs/otc-kms__custom_policy__b00.json');
      expect(decide(evaluator, 'kms:cmk:create')).toBe('allow');
      expect(decide(evaluator, 'rds:instance:create')).toBe('implicit-deny');
    });

    it('a policy with an Effect of " Allow" is refused with its position', () => {
      const error = accountWith(path.join(corpus, 'otc-docs/otc-dli__custom_policies__b01.json'));
      expect(error).toBeInstanceOf(PermgraphError);
      expect((error as PermgraphError).position?.line).toBeGreaterThanOrEqual(1);
    });
  });
}
