/**
 * The Terraform functions permgraph evaluates: the ones IAM configurations use to pick, count
 * and encode values. Any other function makes its result unknown, with the function named.
 */
import type { Expr } from './hcl-expr.js';
import {
  EvalError,
  findPending,
  isPending,
  Lazy,
  PartialJson,
  plainUnknown,
  Unknown,
  toPlain,
  type Value,
} from './values.js';

type Evaluate = (expr: Expr, scope: (name: string) => Value) => Value;
type Fn = (args: Value[]) => Value;

const functions: Record<string, Fn> = {
  length: ([v]) =>
    Array.isArray(v)
      ? v.length
      : typeof v === 'string'
        ? [...v].length
        : Object.keys(objectArg(v)).length,
  lookup: ([map, key, fallback]) => {
    const object = objectArg(map);
    const name = String(key);
    if (name in object) return object[name] as Value;
    if (fallback === undefined) throw new EvalError(`lookup: no key "${name}" and no default`);
    return fallback;
  },
  jsonencode: ([v]) => JSON.stringify(toPlain(v as Value)),
  jsondecode: ([v]) => {
    try {
      return JSON.parse(String(v)) as Value;
    } catch (error) {
      throw new EvalError(`jsondecode: not JSON (${(error as Error).message})`);
    }
  },
  tostring: ([v]) =>
    v === null ? null : typeof v === 'object' ? fail('tostring: not a scalar') : String(v),
  tonumber: ([v]) => (v === null ? null : Number(v)),
  tobool: ([v]) => (v === null ? null : v === true || v === 'true'),
  tolist: ([v]) => listArg(v),
  toset: ([v]) => setOf(listArg(v)),
  tomap: ([v]) => objectArg(v),
  concat: (args) => args.flatMap((a) => listArg(a)),
  element: ([list, index]) => {
    const items = listArg(list);
    return items.length === 0
      ? fail('element: empty list')
      : (items[Number(index) % items.length] as Value);
  },
  merge: (args) => Object.assign({}, ...args.filter((a) => a !== null).map(objectArg)) as Value,
  coalesce: (args) =>
    args.find((a) => a !== null && a !== '') ?? fail('coalesce: no non-empty argument'),
  compact: ([v]) => listArg(v).filter((item) => item !== null && item !== ''),
  flatten: ([v]) =>
    listArg(v).flatMap((item) =>
      Array.isArray(item) ? ((functions.flatten as Fn)([item]) as Value[]) : [item],
    ),
  distinct: ([v]) => distinct(listArg(v)),
  keys: ([v]) => Object.keys(objectArg(v)).sort(),
  values: ([v]) =>
    Object.keys(objectArg(v))
      .sort()
      .map((k) => objectArg(v)[k] as Value),
  contains: ([list, v]) => listArg(list).some((item) => JSON.stringify(item) === JSON.stringify(v)),
  join: ([sep, list]) => listArg(list).map(String).join(String(sep)),
  split: ([sep, text]) => String(text).split(String(sep)),
  lower: ([v]) => String(v).toLowerCase(),
  upper: ([v]) => String(v).toUpperCase(),
  trimspace: ([v]) => String(v).trim(),
  replace: ([text, from, to]) =>
    // `/…/` is a regular expression in Terraform: not evaluated here (never a guessed value).
    /^\/.*\/$/s.test(String(from))
      ? new Unknown('replace() with a regular expression is not evaluated by permgraph')
      : String(text).split(String(from)).join(String(to)),
  format: ([spec, ...args]) => {
    let i = 0;
    return String(spec).replace(/%[sdv%]/g, (m) => (m === '%%' ? '%' : String(args[i++])));
  },
};

/**
 * Calls a function by name. `try` and `can` see the errors of their arguments; every other
 * function gets evaluated arguments, and an unknown argument makes the result unknown.
 */
export function callFunction(
  name: string,
  argExprs: Expr[],
  scope: (name: string) => Value,
  evaluate: Evaluate,
): Value {
  if (name === 'try') return tryEach(argExprs, scope, evaluate);
  if (name === 'can') return canEvaluate(argExprs, scope, evaluate);
  const fn = functions[name];
  if (!fn) return new Unknown(`the function ${name}() is not evaluated by permgraph`);
  checkArity(name, argExprs.length);
  const args = argExprs.map((a) => evaluate(a, scope));
  const pending =
    name === 'lookup' || name === 'length'
      ? args.find(isPending)
      : args.map(findPending).find(Boolean);
  // jsonencode keeps the known structure, so a policy's known statements can still be read.
  if (pending && name === 'jsonencode')
    return new PartialJson(plainUnknown(pending).reason, toPlain(args[0] as Value) as Value);
  if (pending) return plainUnknown(pending);
  return fn(args.map((a) => (a instanceof Lazy ? (toPlain(a) as Value) : a)));
}

function tryEach(argExprs: Expr[], scope: (name: string) => Value, evaluate: Evaluate): Value {
  let last: unknown;
  for (const expr of argExprs) {
    try {
      return evaluate(expr, scope);
    } catch (error) {
      if (!(error instanceof EvalError)) throw error;
      last = error;
    }
  }
  throw last instanceof EvalError ? last : new EvalError('try: no argument could be evaluated');
}

/**
 * `can(x)`: true when `x` evaluates, whatever its value (false included), false when it fails,
 * unknown when `x` is unknown until apply.
 */
function canEvaluate(argExprs: Expr[], scope: (name: string) => Value, evaluate: Evaluate): Value {
  if (argExprs.length !== 1) fail(`can takes 1 argument, got ${argExprs.length}`);
  try {
    const value = evaluate(argExprs[0] as Expr, scope);
    const pending = findPending(value);
    return pending ? plainUnknown(pending) : true;
  } catch (error) {
    if (!(error instanceof EvalError)) throw error;
    return false;
  }
}

/** How many arguments each function takes: [least, most]. */
const arity: Record<string, [number, number]> = {
  length: [1, 1],
  lookup: [2, 3],
  jsonencode: [1, 1],
  jsondecode: [1, 1],
  tostring: [1, 1],
  tonumber: [1, 1],
  tobool: [1, 1],
  tolist: [1, 1],
  toset: [1, 1],
  tomap: [1, 1],
  concat: [1, Infinity],
  element: [2, 2],
  merge: [0, Infinity],
  coalesce: [1, Infinity],
  compact: [1, 1],
  flatten: [1, 1],
  distinct: [1, 1],
  keys: [1, 1],
  values: [1, 1],
  contains: [2, 2],
  join: [2, 2],
  split: [2, 2],
  lower: [1, 1],
  upper: [1, 1],
  trimspace: [1, 1],
  replace: [3, 3],
  format: [1, Infinity],
};

function checkArity(name: string, count: number): void {
  const [least, most] = arity[name] ?? [0, Infinity];
  if (count >= least && count <= most) return;
  const takes =
    least === most ? `${least}` : most === Infinity ? `at least ${least}` : `${least} to ${most}`;
  fail(`${name} takes ${takes} argument${least === 1 && most === 1 ? '' : 's'}, got ${count}`);
}

/**
 * `toset`: a set of strings or of numbers is ordered by value, as Terraform orders it when it
 * becomes a list again (`tolist(toset(…))[0]`); mixed primitives become strings first.
 */
function setOf(items: Value[]): Value[] {
  const unique = distinct(items);
  const primitive = unique.every((v) => ['string', 'number', 'boolean'].includes(typeof v));
  if (!primitive || unique.length < 2) return unique;
  if (unique.every((v) => typeof v === 'number'))
    return [...unique].sort((a, b) => (a as number) - (b as number));
  const strings = distinct(unique.map(String));
  return strings.sort((a, b) => ((a as string) < (b as string) ? -1 : a === b ? 0 : 1));
}

function fail(message: string): never {
  throw new EvalError(message);
}

function listArg(v: Value | undefined): Value[] {
  if (Array.isArray(v)) return v;
  throw new EvalError('expected a list');
}

function objectArg(v: Value | undefined): Record<string, Value> {
  if (v instanceof Lazy) return toPlain(v) as Record<string, Value>;
  if (v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v) && !isPending(v))
    return v as Record<string, Value>;
  throw new EvalError('expected an object or map');
}

function distinct(items: Value[]): Value[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
