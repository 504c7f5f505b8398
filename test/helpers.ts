/** Shared test helpers: a small catalog and models written inline. */
import { fileURLToPath } from 'node:url';
import { loadCatalogFrom } from '../src/catalog/load.js';
import type { Catalog } from '../src/catalog/catalog.js';
import { can } from '../src/engine/can.js';
import { Evaluator } from '../src/engine/evaluator.js';
import type { CanResult, QueryOptions } from '../src/engine/types.js';
import { buildGraph } from '../src/graph/build.js';
import { loadModelText } from '../src/model/load.js';
import { PermgraphError } from '../src/errors.js';

/** The minimal catalog in test/fixtures/catalog-min. */
export const minCatalog: Catalog = loadCatalogFrom([
  fileURLToPath(new URL('./fixtures/catalog-min', import.meta.url)),
]);

/** Builds an evaluator from model YAML text over a catalog (the minimal one by default). */
export function evaluatorFor(yaml: string, catalog: Catalog = minCatalog): Evaluator {
  return new Evaluator(buildGraph(loadModelText(yaml, 'model.yaml', catalog), catalog));
}

/** An account to ask questions of. */
export function account(yaml: string, catalog: Catalog = minCatalog) {
  const evaluator = evaluatorFor(yaml, catalog);
  const fixedNow = new Date('2026-06-01T00:00:00Z');
  return {
    evaluator,
    ask(principal: string, what: string, options: QueryOptions = {}): CanResult {
      return can(evaluator, principal, what, { now: fixedNow, ...options });
    },
    decision(principal: string, what: string, options: QueryOptions = {}): string {
      return can(evaluator, principal, what, { now: fixedNow, ...options }).decision;
    },
  };
}

/** Runs `fn` and returns the PermgraphError it throws; fails if it throws nothing or another error. */
export function catchPermgraphError(fn: () => unknown): PermgraphError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PermgraphError) return error;
    throw error;
  }
  throw new Error('expected a PermgraphError');
}
