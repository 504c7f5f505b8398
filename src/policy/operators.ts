/**
 * Condition operators: what each one compares and how its name is spelled. Names follow
 * Huawei's operator table (huaweicloudDocs/iam `cn.zh-cn/用户指南/策略语法.md`, table 4, plus
 * `StringMatch`/`StringNotMatch`/`Null` from the current policy-syntax page). Operator names are
 * case-insensitive. String values compare case-insensitively unless Huawei marks the operator
 * "区分大小写" (case-sensitive): the `StringEquals` family and `StringMatch`.
 */
import { compileGlob } from './glob.js';
import { ipInBlock, parseIp, parseIpBlock } from './ip.js';
import { parseBool, parseIsoDate, parseNumber, type ConditionValueType } from './values.js';

/** Operators that test whether a key is present rather than compare values. */
export type PresenceTest = 'null' | 'is-null' | 'is-not-null' | 'is-null-or-empty';

/** What one base operator (no prefix, no `IfExists`) means. */
export interface OperatorSpec {
  readonly name: string;
  /** The type its policy values must have. */
  readonly type: ConditionValueType;
  /** True when the request value must match none of the policy values. */
  readonly negated: boolean;
  /**
   * The positive comparison of one request value with one policy value (for a negated operator,
   * the comparison it negates); undefined when either side does not parse for the type.
   */
  readonly test: (request: string, policy: string) => boolean | undefined;
  /** Set for presence operators, which the evaluator handles before any comparison. */
  readonly presence?: PresenceTest;
}

/** An operator name as written, taken apart. */
export interface ParsedOperator {
  readonly name: string;
  /** The canonical base name when known, otherwise the name without prefix. */
  readonly base: string;
  readonly ifExists: boolean;
  readonly set: 'all' | 'any' | undefined;
  /** False for misspellings and for combinations Huawei does not allow (`NullIfExists`). */
  readonly known: boolean;
  readonly spec: OperatorSpec | undefined;
}

type Test = OperatorSpec['test'];

const exact: Test = (r, p) => r === p;
const folded: Test = (r, p) => r.toLowerCase() === p.toLowerCase();
const startsWith: Test = (r, p) => r.toLowerCase().startsWith(p.toLowerCase());
const endsWith: Test = (r, p) => r.toLowerCase().endsWith(p.toLowerCase());
// Huawei describes StringLike as "请求值包含条件值" (the request value contains the value).
const contains: Test = (r, p) =>
  compileGlob(`*${p}*`, { singleChar: true, ignoreCase: true }).test(r);
const matches: Test = (r, p) => compileGlob(p, { singleChar: true, ignoreCase: false }).test(r);

function compareWith(
  parse: (text: string) => number | undefined,
  accept: (diff: number) => boolean,
): Test {
  return (r, p) => {
    const a = parse(r);
    const b = parse(p);
    return a === undefined || b === undefined ? undefined : accept(a - b);
  };
}

const eq = (d: number): boolean => d === 0;
const lt = (d: number): boolean => d < 0;
const le = (d: number): boolean => d <= 0;
const gt = (d: number): boolean => d > 0;
const ge = (d: number): boolean => d >= 0;

const boolEquals: Test = (r, p) => {
  const a = parseBool(r);
  const b = parseBool(p);
  return a === undefined || b === undefined ? undefined : a === b;
};

const inBlock: Test = (r, p) => {
  const address = parseIp(r.trim());
  const block = parseIpBlock(p.trim());
  return address === undefined || block === undefined ? undefined : ipInBlock(address, block);
};

const never: Test = () => undefined;

function spec(name: string, type: ConditionValueType, test: Test, negated = false): OperatorSpec {
  return { name, type, negated, test };
}

function stringPair(name: string, test: Test, negatedName: string): OperatorSpec[] {
  return [spec(name, 'string', test), spec(negatedName, 'string', test, true)];
}

const specs: OperatorSpec[] = [
  ...stringPair('StringEquals', exact, 'StringNotEquals'),
  ...stringPair('StringEqualsIgnoreCase', folded, 'StringNotEqualsIgnoreCase'),
  ...stringPair('StringLike', contains, 'StringNotLike'),
  ...stringPair('StringMatch', matches, 'StringNotMatch'),
  ...stringPair('StringStartWith', startsWith, 'StringNotStartWith'),
  ...stringPair('StringEndWith', endsWith, 'StringNotEndWith'),
  ...stringPair('StringEqualsAnyOf', exact, 'StringNotEqualsAnyOf'),
  ...stringPair('StringEqualsIgnoreCaseAnyOf', folded, 'StringNotEqualsIgnoreCaseAnyOf'),
  ...stringPair('StringLikeAnyOf', contains, 'StringNotLikeAnyOf'),
  ...stringPair('StringStartWithAnyOf', startsWith, 'StringNotStartWithAnyOf'),
  ...stringPair('StringEndWithAnyOf', endsWith, 'StringNotEndWithAnyOf'),
  spec('NumberEquals', 'number', compareWith(parseNumber, eq)),
  spec('NumberNotEquals', 'number', compareWith(parseNumber, eq), true),
  spec('NumberLessThan', 'number', compareWith(parseNumber, lt)),
  spec('NumberLessThanEquals', 'number', compareWith(parseNumber, le)),
  spec('NumberGreaterThan', 'number', compareWith(parseNumber, gt)),
  spec('NumberGreaterThanEquals', 'number', compareWith(parseNumber, ge)),
  spec('NumberEqualsAnyOf', 'number', compareWith(parseNumber, eq)),
  spec('NumberNotEqualsAnyOf', 'number', compareWith(parseNumber, eq), true),
  spec('DateLessThan', 'date', compareWith(parseIsoDate, lt)),
  spec('DateLessThanEquals', 'date', compareWith(parseIsoDate, le)),
  spec('DateGreaterThan', 'date', compareWith(parseIsoDate, gt)),
  spec('DateGreaterThanEquals', 'date', compareWith(parseIsoDate, ge)),
  spec('Bool', 'bool', boolEquals),
  spec('IpAddress', 'ip', inBlock),
  spec('NotIpAddress', 'ip', inBlock, true),
  { ...spec('Null', 'bool', never), presence: 'null' },
  { ...spec('IsNullOrEmpty', 'string', never), presence: 'is-null-or-empty' },
  { ...spec('IsNull', 'string', never), presence: 'is-null' },
  { ...spec('IsNotNull', 'string', never), presence: 'is-not-null' },
];

const byLowerName = new Map(specs.map((s) => [s.name.toLowerCase(), s]));

/** Every known base operator name, canonical spelling. */
export const knownConditionOperators: readonly string[] = specs.map((s) => s.name);

/** The meaning of a base operator name (any case), if known. */
export function operatorSpec(base: string): OperatorSpec | undefined {
  return byLowerName.get(base.toLowerCase());
}

const SET_PREFIXES: readonly [string, 'all' | 'any'][] = [
  ['forallvalues:', 'all'],
  ['foranyvalue:', 'any'],
];
const IF_EXISTS = 'ifexists';

/**
 * Takes an operator name apart: `ForAllValues:`/`ForAnyValue:` prefix, base operator,
 * `IfExists` suffix. `known` is false for a misspelt name (`StringEndWithIfExsits`), for
 * `NullIfExists` (Huawei allows `IfExists` on every operator except `Null`), and for a set
 * prefix on a presence operator, which has no values to quantify over.
 */
export function parseOperator(name: string): ParsedOperator {
  let rest = name;
  let set: ParsedOperator['set'];
  for (const [prefix, kind] of SET_PREFIXES) {
    if (name.toLowerCase().startsWith(prefix)) {
      rest = name.slice(prefix.length);
      set = kind;
    }
  }
  let found = operatorSpec(rest);
  let ifExists = false;
  if (!found && rest.toLowerCase().endsWith(IF_EXISTS)) {
    found = operatorSpec(rest.slice(0, -IF_EXISTS.length));
    ifExists = found !== undefined;
  }
  const allowed =
    found !== undefined && !(ifExists && found.name === 'Null') && !(set && found.presence);

  return { name, base: found?.name ?? rest, ifExists, set, known: allowed, spec: found };
}
