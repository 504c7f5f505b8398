/**
 * Three-valued evaluation of `Condition` blocks. A key the query did not supply is `unknown`
 * rather than false, so the engine can answer "allowed if g:MFAPresent is true" instead of a
 * flat denial. Combination rules (reference §1.1): several values of one key OR together (a
 * negated operator needs the request value to match none); keys under one operator and
 * operators in one block AND together.
 */
import { parseOperator, type OperatorSpec, type ParsedOperator } from './operators.js';
import type { ConditionBlock, RequestContext, Truth } from './types.js';
import { describeValueType, isValidValue, parseBool } from './values.js';

/** A condition that evaluated false: operator and key as written, and the policy values. */
export interface FailedCondition {
  operator: string;
  key: string;
  values: string[];
}

/** The outcome of a whole block. */
export interface ConditionResult {
  truth: Truth;
  /** Keys (as written) whose value the context does not say. */
  unknownKeys: string[];
  failed: FailedCondition[];
  /** Operator names permgraph does not know; their conditions count as unknown. */
  unknownOperators: string[];
}

/** One operator/key/values entry of a block, prepared for evaluation. */
export interface CompiledCondition {
  readonly operator: ParsedOperator;
  readonly key: string;
  readonly values: readonly string[];
}

/** A policy value that does not parse for its operator's type. */
export interface ConditionValueProblem {
  operator: string;
  key: string;
  value: string;
  /** Position of the value in the key's list. */
  index: number;
  message: string;
}

/** AND over three-valued truths: any false wins, then any unknown. */
export function andTruth(...values: readonly Truth[]): Truth {
  if (values.includes('false')) return 'false';

  return values.includes('unknown') ? 'unknown' : 'true';
}

/** Flattens a block into its entries, parsing each operator name once. */
export function compileConditionBlock(block: ConditionBlock): CompiledCondition[] {
  return Object.entries(block).flatMap(([operator, keys]) => {
    const parsed = parseOperator(operator);
    return Object.entries(keys).map(([key, values]) => ({ operator: parsed, key, values }));
  });
}

/** Evaluates a whole block against what is known about the request. */
export function evaluateConditionBlock(
  block: ConditionBlock | readonly CompiledCondition[],
  context: RequestContext,
): ConditionResult {
  const entries = Array.isArray(block) ? block : compileConditionBlock(block as ConditionBlock);
  const result: ConditionResult = {
    truth: 'true',
    unknownKeys: [],
    failed: [],
    unknownOperators: [],
  };
  const truths = entries.map((entry: CompiledCondition) => {
    const truth = evaluateCompiledCondition(entry, context);
    record(result, entry, truth);
    return truth;
  });
  result.truth = andTruth(...truths);

  return result;
}

/** Notes why an entry was not true: an unknown operator, an unknown key, or a failure. */
function record(result: ConditionResult, entry: CompiledCondition, truth: Truth): void {
  const { operator, key, values } = entry;
  if (!operator.known) pushOnce(result.unknownOperators, operator.name);
  else if (truth === 'unknown') pushOnce(result.unknownKeys, key);
  if (truth === 'false') result.failed.push({ operator: operator.name, key, values: [...values] });
}

function pushOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

/** Evaluates one operator/key/values entry. */
export function evaluateCondition(
  operator: string,
  key: string,
  values: readonly string[],
  context: RequestContext,
): Truth {
  return evaluateCompiledCondition({ operator: parseOperator(operator), key, values }, context);
}

function evaluateCompiledCondition(entry: CompiledCondition, context: RequestContext): Truth {
  if (!entry.operator.known) return 'unknown';
  const request = context.get(entry.key.toLowerCase());
  if (request === undefined) return 'unknown';

  return applyOperator(entry.operator, request, entry.values) ? 'true' : 'false';
}

/**
 * The two-valued core, once the request's values for the key are known: `null` means the key is
 * absent; an empty list is treated the same way. Absent keys: `…IfExists` holds, `ForAllValues`
 * holds (vacuously), everything else fails. Without a set prefix a multi-valued request matches
 * when any of its values does (every value, for a negated operator).
 */
export function applyOperator(
  operator: ParsedOperator,
  request: readonly string[] | null,
  values: readonly string[],
): boolean {
  const spec = operator.spec;
  if (!spec || !operator.known) return false;
  if (spec.presence) return applyPresence(spec, request, values, operator.ifExists);
  if (request === null || request.length === 0) return operator.ifExists || operator.set === 'all';
  const holds = (r: string): boolean => satisfies(spec, r, values);
  if (operator.set === 'all') return request.every(holds);
  if (operator.set === 'any') return request.some(holds);

  return spec.negated ? request.every(holds) : request.some(holds);
}

/** One request value against all policy values: OR, or for a negated operator, none matches. */
function satisfies(spec: OperatorSpec, request: string, values: readonly string[]): boolean {
  // A value that does not parse makes its comparison false, negated or not.
  if (spec.negated) return values.every((v) => spec.test(request, v) === false);

  return values.some((v) => spec.test(request, v) === true);
}

function applyPresence(
  spec: OperatorSpec,
  request: readonly string[] | null,
  values: readonly string[],
  ifExists: boolean,
): boolean {
  const absent = request === null || request.length === 0;
  if (absent && ifExists) return true;
  switch (spec.presence) {
    case 'null':
      return values.some((v) => parseBool(v) === absent);
    case 'is-null':
      return absent;
    case 'is-not-null':
      return !absent;
    default:
      return absent || request.every((r) => r === '');
  }
}

/**
 * Policy values that do not parse for their operator's type (a `Bool` value that is not
 * true/false, a date that is not ISO 8601, a number that is not numeric, a bad CIDR block).
 * Unknown operators are left to the `policy/unknown-condition-operator` lint.
 */
export function checkConditionValues(block: ConditionBlock): ConditionValueProblem[] {
  return compileConditionBlock(block).flatMap(({ operator, key, values }) => {
    const spec = operator.spec;
    if (!spec || !operator.known) return [];
    return values.flatMap((value, index) =>
      isValidValue(spec.type, value)
        ? []
        : [
            {
              operator: operator.name,
              key,
              value,
              index,
              message: valueMessage(operator.name, key, value, spec),
            },
          ],
    );
  });
}

function valueMessage(operator: string, key: string, value: string, spec: OperatorSpec): string {
  return `${operator} value for ${key} must be ${describeValueType(spec.type)}, got ${JSON.stringify(value)}`;
}
