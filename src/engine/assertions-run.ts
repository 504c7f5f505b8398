/**
 * Runs an assertions file against a model: each assertion is asked exactly as `permgraph can`
 * asks it, and its decision compared with the expected one. A mismatch is a result (exit 1); an
 * assertion that cannot be asked (unknown principal, action or project) is bad input, reported at
 * the assertion's line.
 */
import { PermgraphError } from '../errors.js';
import type { Assertion, ExpectedDecision } from './assertions.js';
import { can } from './can.js';
import type { Evaluator } from './evaluator.js';
import type { CanResult, Decision } from './types.js';

/** One assertion and what the model answered. */
export interface AssertionOutcome {
  assertion: Assertion;
  decision: Decision;
  passed: boolean;
  result: CanResult;
}

/** The answer to `permgraph test`. */
export interface TestRun {
  catalog: { version: string; date: string };
  /** The assertions file, as the report names it. */
  file: string;
  total: number;
  passed: number;
  failed: number;
  outcomes: AssertionOutcome[];
}

/** Options of a run. */
export interface TestRunOptions {
  file: string;
  /** Current time for `g:CurrentTime`; defaults to now. */
  now?: Date | undefined;
}

/** Whether a decision meets an expectation; `denied` accepts both kinds of denial. */
export function meetsExpectation(decision: Decision, expected: ExpectedDecision): boolean {
  if (expected === 'denied') return decision === 'deny' || decision === 'implicit-deny';
  return decision === expected;
}

/** Asks every assertion and compares. */
export function runAssertions(
  evaluator: Evaluator,
  assertions: readonly Assertion[],
  options: TestRunOptions,
): TestRun {
  const outcomes = assertions.map((assertion) => {
    const result = ask(evaluator, assertion, options.now);
    const passed = meetsExpectation(result.decision, assertion.expect);
    return { assertion, decision: result.decision, passed, result };
  });
  const passed = outcomes.filter((o) => o.passed).length;
  const { info } = evaluator.pg.catalog;
  return {
    catalog: { version: info.version, date: info.date },
    file: options.file,
    total: outcomes.length,
    passed,
    failed: outcomes.length - passed,
    outcomes,
  };
}

function ask(evaluator: Evaluator, assertion: Assertion, now: Date | undefined): CanResult {
  checkKind(evaluator, assertion);
  try {
    return can(evaluator, assertion.principal, assertion.what, {
      project: assertion.project,
      context: assertion.context,
      variants: assertion.variants,
      resource: assertion.resource,
      on: assertion.object,
      now,
    });
  } catch (error) {
    if (!(error instanceof PermgraphError)) throw error;
    // The same errors `can` raises, worded for a file: its options are keys here.
    const message = error.message.replace(/with --project\b/, 'with project:');
    throw new PermgraphError(error.code, `assertion ${assertion.index}: ${message}`, {
      position: assertion.position,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
    });
  }
}

/** An `action:` must name an action and an `operation:` an operation, as the author meant. */
function checkKind(evaluator: Evaluator, assertion: Assertion): void {
  const { catalog } = evaluator.pg;
  const isAction = catalog.findAction(assertion.what) !== undefined;
  if (assertion.kind === 'action' && !isAction && catalog.operations.has(assertion.what)) {
    throw kindError(assertion, `"${assertion.what}" is an operation: write operation: instead`);
  }
  if (assertion.kind === 'operation' && isAction) {
    throw kindError(assertion, `"${assertion.what}" is an action: write action: instead`);
  }
  if (assertion.kind === 'privilege' && assertion.object === undefined) {
    throw kindError(assertion, `privilege ${assertion.what} needs the object it is asked on`);
  }
}

function kindError(assertion: Assertion, message: string): PermgraphError {
  return new PermgraphError('E_SCHEMA', `assertion ${assertion.index}: ${message}`, {
    position: assertion.position,
    hint: 'run `permgraph schema assertions` for the format',
  });
}
