/**
 * Values of evaluated Terraform expressions. Besides plain JSON values there are three kinds
 * that exist only before `apply`: an unknown value (with the reason it is unknown), a reference
 * to an attribute of a resource or data source whose value the cloud decides (`…group.dba.id`),
 * and a lazily evaluated object (a resource instance, `var`, `local`).
 */

/**
 * A value permgraph cannot know from the input, and why. `maybe` is what the value is if an
 * instance whose `count` or `for_each` is unknown exists: attribute and index access follow
 * it, so a role assignment can still name that role; every other operation drops it.
 */
export class Unknown {
  constructor(
    readonly reason: string,
    readonly maybe?: Value,
  ) {}
}

/**
 * Not a value unknown until apply but a reference to something permgraph does not import (a
 * resource left out, a data source it does not read, a system permission the catalog lacks):
 * what it names is fixed, so it cannot be any object, and the relation is left out.
 */
export class NotImported extends Unknown {}

/** A value known only after apply that is one of the instances `candidates` refer to. */
export class OneOf extends Unknown {
  constructor(
    reason: string,
    readonly candidates: readonly Ref[],
  ) {
    super(reason);
  }
}

/**
 * A string written as JSON text (`jsonencode(…)`, a heredoc) with parts unknown until apply:
 * `structure` is the JSON value with those parts as pending leaves, so a policy's known
 * statements can still be read.
 */
export class PartialJson extends Unknown {
  constructor(
    reason: string,
    readonly structure: Value,
  ) {
    super(reason);
  }
}

/** A template with parts unknown until apply, kept as its text and pending parts. */
export class PartialText extends Unknown {
  constructor(
    reason: string,
    readonly parts: readonly (string | Unknown | Ref)[],
  ) {
    super(reason);
  }
}

/** An attribute of a resource or data source instance that is known only to the cloud. */
export class Ref {
  constructor(
    /** The instance address, such as `huaweicloud_identity_group.dba` or `data.x.y[0]`. */
    readonly address: string,
    readonly path: readonly (string | number)[],
  ) {}

  /** `address.path`, as Terraform prints a reference. */
  toString(): string {
    return (
      this.address + this.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')
    );
  }
}

/** An object whose attributes are evaluated when read. */
export class Lazy {
  constructor(
    readonly describe: string,
    readonly read: (key: string) => Value,
    readonly keys: () => string[] = () => [],
  ) {}
}

/** Any evaluated value. */
export type Value =
  null | boolean | number | string | Value[] | { [key: string]: Value } | Unknown | Ref | Lazy;

/** An expression that cannot be evaluated as written (a type error, a missing key). */
export class EvalError extends Error {}

/** True for the values that are not known yet. */
export function isPending(value: Value): value is Unknown | Ref {
  return value instanceof Unknown || value instanceof Ref;
}

/** The first pending value inside a (possibly nested) value, if any. */
export function findPending(value: Value): Unknown | Ref | undefined {
  if (isPending(value)) return value;
  if (value instanceof Lazy) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const pending = findPending(item);
      if (pending) return pending;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') return findPending(Object.values(value));
  return undefined;
}

/**
 * The same reason as a plain unknown, without what the value may be or its known structure:
 * the result of any operation on it other than attribute and index access.
 */
export function plainUnknown(value: Unknown | Ref): Unknown {
  if (value instanceof Ref) return new Unknown(`${value.toString()} is known only after apply`);

  return value.constructor === Unknown && value.maybe === undefined
    ? value
    : new Unknown(value.reason);
}

/** Why a pending value is unknown, in a message's words. */
export function pendingReason(value: Unknown | Ref): string {
  return value instanceof Unknown ? value.reason : `${value.toString()} is known only after apply`;
}

/** Plain JSON of a value without pending parts (lazy objects are read whole). */
export function toPlain(value: Value): unknown {
  if (value instanceof Lazy)
    return Object.fromEntries(value.keys().map((k) => [k, toPlain(value.read(k))]));
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object' && !isPending(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}
