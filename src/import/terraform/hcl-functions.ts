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
  jsondecode: ([v]) => JSON.parse(String(v)) as Value,
  tostring: ([v]) =>
    v === null ? null : typeof v === 'object' ? fail('tostring: not a scalar') : String(v),
  tonumber: ([v]) => (v === null ? null : Number(v)),
  tobool: ([v]) => (v === null ? null : v === true || v === 'true'),
  tolist: ([v]) => listArg(v),
  toset: ([v]) => distinct(listArg(v)),
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
  replace: ([text, from, to]) => String(text).split(String(from)).join(String(to)),
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
  if (name === 'can')
    return tryEach([...argExprs, { k: 'lit', v: false }], scope, evaluate) === false ? false : true;
  const fn = functions[name];
  if (!fn) return new Unknown(`the function ${name}() is not evaluated by permgraph`);
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
