/**
 * Evaluates parsed HCL expressions the way `terraform plan` would before anything exists:
 * literals, variables, locals, `count.index`/`each`, references, operators, conditionals,
 * `for`, splats and the common functions. What depends on the cloud stays a `Ref`; what
 * cannot be decided stays `Unknown` with its reason, and propagates through every operation.
 */
import { callFunction } from './hcl-functions.js';
import type { Expr } from './hcl-expr.js';
import {
  EvalError,
  isPending,
  Lazy,
  PartialText,
  plainUnknown,
  Ref,
  Unknown,
  type Value,
} from './values.js';

/** Where names are looked up: `var`, `local`, `count`, `each`, `data`, resource types. */
export type Scope = (name: string) => Value;

/** Evaluates an expression in a scope. Throws `EvalError` where Terraform would fail. */
export function evaluate(expr: Expr, scope: Scope): Value {
  switch (expr.k) {
    case 'lit':
      return expr.v as Value;
    case 'tmpl':
      return template(expr.parts, scope);
    case 'name':
      return scope(expr.name);
    case 'item':
      return scope('\u0000item');
    case 'get':
      return getAttr(evaluate(expr.obj, scope), expr.attr);
    case 'index':
      return getIndex(evaluate(expr.obj, scope), evaluate(expr.key, scope));
    case 'splat':
      return splat(evaluate(expr.obj, scope), expr.each, scope);
    case 'call':
      return callFunction(expr.fn, expr.args, scope, evaluate);
    case 'tuple':
      return expr.items.map((item) => evaluate(item, scope));
    case 'object':
      return objectOf(expr.items, scope);
    case 'unary':
      return unary(expr.op, evaluate(expr.x, scope));
    case 'bin':
      return binary(expr.op, expr.l, expr.r, scope);
    case 'cond':
      return conditional(expr, scope);
    case 'for':
      return forExpr(expr, scope);
    case 'unsupported':
      return new Unknown(`${expr.what} is not evaluated by permgraph`);
  }
}

/** A template's text; with parts unknown until apply, the text and those parts (a heredoc policy). */
function template(parts: (string | Expr)[], scope: Scope): Value {
  const out: (string | Unknown | Ref)[] = [];
  for (const part of parts) {
    const value = typeof part === 'string' ? part : evaluate(part, scope);
    out.push(isPending(value) ? value : typeof value === 'string' ? value : stringOf(value));
  }
  const pending = out.find(isPending);
  if (pending) return new PartialText(pendingOf(pending).reason, out);

  return out.join('');
}

function pendingOf(value: Unknown | Ref): Unknown {
  return plainUnknown(value);
}

/**
 * Attribute or index access on an unknown value: when it stands for an instance whose count is
 * unknown, the same access on that instance, still unknown; otherwise just unknown.
 */
function followMaybe(value: Unknown, access: (maybe: Value) => Value): Value {
  if (value.maybe === undefined) return pendingOf(value);
  let inner: Value;
  try {
    inner = access(value.maybe);
  } catch (error) {
    if (error instanceof EvalError) return pendingOf(value);
    throw error;
  }
  if (inner instanceof Unknown) return inner;

  return new Unknown(value.reason, inner);
}

/** A scalar as a string, as Terraform converts numbers and booleans. */
export function stringOf(value: Value): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  throw new EvalError(`cannot use ${describe(value)} as a string`);
}

/** A value's kind, for messages. */
export function describe(value: Value): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Lazy) return value.describe;
  return typeof value === 'object' ? 'an object' : `the ${typeof value} ${JSON.stringify(value)}`;
}

/** `value.attr`. */
export function getAttr(value: Value, attr: string): Value {
  if (value instanceof Unknown) return followMaybe(value, (maybe) => getAttr(maybe, attr));
  if (value instanceof Ref) return new Ref(value.address, [...value.path, attr]);
  if (value instanceof Lazy) return value.read(attr);
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && attr in value)
    return value[attr] as Value;
  throw new EvalError(`${describe(value)} has no attribute "${attr}"`);
}

/** `value[key]`. */
export function getIndex(value: Value, key: Value): Value {
  if (key instanceof Unknown || key instanceof Ref)
    return value instanceof Unknown ? pendingOf(value) : pendingOf(key);
  if (value instanceof Unknown) return followMaybe(value, (maybe) => getIndex(maybe, key));
  if (value instanceof Ref) return new Ref(value.address, [...value.path, key as string | number]);
  if (Array.isArray(value)) {
    const item = typeof key === 'number' ? value[key] : undefined;
    if (item === undefined)
      throw new EvalError(
        `index ${String(key)} is out of range (the list has ${value.length} items)`,
      );
    return item;
  }
  return getAttr(value, stringOf(key));
}

function splat(value: Value, each: Expr, scope: Scope): Value {
  if (isPending(value))
    return value instanceof Ref
      ? new Unknown(`${value.toString()}[*] is known only after apply`)
      : pendingOf(value);
  const items = Array.isArray(value) ? value : value === null ? [] : [value];
  return items.map((item) =>
    evaluate(each, (name) => (name === '\u0000item' ? item : scope(name))),
  );
}

function objectOf(items: [Expr, Expr][], scope: Scope): Value {
  const out: Record<string, Value> = {};
  for (const [keyExpr, valueExpr] of items) {
    const key = keyExpr.k === 'name' ? keyExpr.name : evaluate(keyExpr, scope);
    if (isPending(key)) return pendingOf(key);
    out[stringOf(key)] = evaluate(valueExpr, scope);
  }
  return out;
}

function unary(op: string, value: Value): Value {
  const x = op === '!' ? boolOf(value) : value;
  if (isPending(x)) return pendingOf(x);
  if (op === '!' && typeof x === 'boolean') return !x;
  if (op === '-' && typeof x === 'number') return -x;
  throw new EvalError(`cannot apply "${op}" to ${describe(x)}`);
}

function binary(op: string, lExpr: Expr, rExpr: Expr, scope: Scope): Value {
  const logical = op === '&&' || op === '||';
  const operand = (expr: Expr): Value =>
    logical ? boolOf(evaluate(expr, scope)) : evaluate(expr, scope);
  const l = operand(lExpr);
  // A known operand that decides the result makes the other one irrelevant.
  if (op === '&&' && l === false) return false;
  if (op === '||' && l === true) return true;
  const r = operand(rExpr);
  if (op === '&&' && r === false) return false;
  if (op === '||' && r === true) return true;
  if (op === '==' || op === '!=') return equality(op, l, r);
  if (isPending(l)) return pendingOf(l);
  if (isPending(r)) return pendingOf(r);
  if (logical) return booleans(op, l, r);
  if (typeof l !== 'number' || typeof r !== 'number')
    throw new EvalError(`"${op}" needs numbers, got ${describe(l)} and ${describe(r)}`);
  const results: Record<string, number | boolean> = {
    '+': l + r,
    '-': l - r,
    '*': l * r,
    '/': l / r,
    '%': l % r,
    '<': l < r,
    '>': l > r,
    '<=': l <= r,
    '>=': l >= r,
  };
  return results[op] as number | boolean;
}

/** Terraform converts the strings "true" and "false" where a bool is expected (a `--var`). */
function boolOf(value: Value): Value {
  return value === 'true' ? true : value === 'false' ? false : value;
}

function booleans(op: string, l: Value, r: Value): Value {
  if (typeof l !== 'boolean' || typeof r !== 'boolean')
    throw new EvalError(`"${op}" needs booleans`);
  return op === '&&' ? l && r : l || r;
}

function equality(op: string, l: Value, r: Value): Value {
  // An id decided by the cloud is a string, never null.
  if ((l instanceof Ref && r === null) || (r instanceof Ref && l === null)) return op === '!=';
  if (isPending(l)) return pendingOf(l);
  if (isPending(r)) return pendingOf(r);
  const same = JSON.stringify(l) === JSON.stringify(r);
  return op === '==' ? same : !same;
}

function conditional(expr: Extract<Expr, { k: 'cond' }>, scope: Scope): Value {
  const c = boolOf(evaluate(expr.c, scope));
  if (isPending(c)) return pendingOf(c);
  if (typeof c !== 'boolean')
    throw new EvalError(`a condition must be a boolean, got ${describe(c)}`);
  return evaluate(c ? expr.t : expr.f, scope);
}

function forExpr(expr: Extract<Expr, { k: 'for' }>, scope: Scope): Value {
  const coll = evaluate(expr.coll, scope);
  if (isPending(coll)) return pendingOf(coll);
  const entries: [Value, Value][] = Array.isArray(coll)
    ? coll.map((v, i) => [i, v])
    : coll instanceof Lazy
      ? coll.keys().map((k) => [k, coll.read(k)])
      : Object.entries(coll as Record<string, Value>);
  const keys: Value[] = [];
  const values: Value[] = [];
  for (const [k, v] of entries) {
    const inner: Scope = (name) =>
      name === expr.valVar ? v : name === expr.keyVar ? k : scope(name);
    const keep = expr.cond ? evaluate(expr.cond, inner) : true;
    if (isPending(keep)) return pendingOf(keep);
    if (keep !== true) continue;
    if (expr.key) keys.push(evaluate(expr.key, inner));
    values.push(evaluate(expr.val, inner));
  }
  if (!expr.object) return values;
  return Object.fromEntries(keys.map((k, i) => [stringOf(k), values[i] as Value]));
}
