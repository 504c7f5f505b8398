/**
 * The intents of the model, evaluated once per lint run: each intended operation or action is
 * asked of `can` for the intent's principal and project, and the intent rules read the answers.
 */
import { can } from '../engine/can.js';
import type { Evaluator } from '../engine/evaluator.js';
import type { CanResult } from '../engine/types.js';
import { PermgraphError } from '../errors.js';
import type { SourcePosition } from '../model/source.js';
import type { Intent } from '../model/types.js';
import type { ModelContext } from './rule.js';
import { holderText } from './grants.js';

/** One intended operation or action and what `can` answered. */
export interface IntentCheck {
  intent: Intent;
  principal: string;
  /** What was asked: `rds.instance.create+encrypted` or an action name. */
  what: string;
  project: string | undefined;
  position: SourcePosition;
  /** The answer; undefined when the question could not be asked (see `error`). */
  result: CanResult | undefined;
  error: string | undefined;
}

/** Every intended operation and action, evaluated (shared between the intent rules). */
export function intentChecks(context: ModelContext<unknown>): IntentCheck[] {
  return context.memo('intent-checks', () =>
    context.model.intents.flatMap((intent) => checksOf(context, intent)),
  );
}

function checksOf(context: ModelContext<unknown>, intent: Intent): IntentCheck[] {
  const principal = holderText(intent.principal);
  const project = intent.project?.name;
  const asked = [
    ...intent.operations.map((what, i) => ({ what, path: ['operations', i] })),
    ...intent.actions.map((what, i) => ({ what, path: ['actions', i] })),
  ];

  return asked.map(({ what, path }) => {
    const position = context.locate(intent.position, path);
    const base = { intent, principal, what, project, position };
    try {
      const result = ask(context.evaluator, principal, what, project, context.now);
      return { ...base, result, error: undefined };
    } catch (error) {
      if (!(error instanceof PermgraphError)) throw error;
      return { ...base, result: undefined, error: error.message };
    }
  });
}

function ask(
  evaluator: Evaluator,
  principal: string,
  what: string,
  project: string | undefined,
  now: Date,
): CanResult {
  return can(evaluator, principal, what, { project, now });
}
