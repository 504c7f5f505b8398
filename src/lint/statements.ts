/**
 * Walking a policy document the way document rules need it: every action entry and every
 * condition entry, each with its path inside the document for the finding's position.
 */
import type { DocPath } from '../model/source.js';
import type { PolicyDocument, Statement } from '../policy/types.js';

/** One `Action` or `NotAction` string of one statement. */
export interface ActionEntry {
  statement: Statement;
  key: 'Action' | 'NotAction';
  index: number;
  pattern: string;
  path: DocPath;
}

/** Every action entry, in document order. */
export function actionEntries(document: PolicyDocument): ActionEntry[] {
  return document.statements.flatMap((statement) => statementEntries(statement));
}

/** The action entries of one statement. */
export function statementEntries(statement: Statement): ActionEntry[] {
  const key = statement.action !== undefined ? 'Action' : 'NotAction';
  const patterns = statement.action ?? statement.notAction ?? [];

  return patterns.map((pattern, index) => ({
    statement,
    key,
    index,
    pattern,
    path: ['Statement', statement.index, key, index],
  }));
}

/** One operator/key pair of a statement's `Condition`. */
export interface ConditionEntry {
  statement: Statement;
  operator: string;
  key: string;
  values: string[];
  path: DocPath;
}

/** Every condition entry, in document order. */
export function conditionEntries(document: PolicyDocument): ConditionEntry[] {
  return document.statements.flatMap((statement) =>
    Object.entries(statement.condition ?? {}).flatMap(([operator, keys]) =>
      Object.entries(keys).map(([key, values]) => ({
        statement,
        operator,
        key,
        values,
        path: ['Statement', statement.index, 'Condition', operator, key],
      })),
    ),
  );
}

/** `statement 2`, as messages name statements (1-based, like the console). */
export function statementLabel(statement: Statement): string {
  return `statement ${statement.index + 1}`;
}
