/**
 * The Huawei policy language as permgraph holds it after parsing: v1.0 roles, v1.1 policies and
 * v5.0 identity policies share one normalised shape, so the evaluator has one code path.
 */
import type { SourcePosition } from '../model/source.js';

/** The three generations of Huawei permission documents. */
export type PolicyVersion = '1.0' | '1.1' | '5.0';

/** `Allow` or `Deny`, exactly as Huawei spells them. */
export type Effect = 'Allow' | 'Deny';

/** A `Depends` entry of a v1.0 role: the role that must be granted in the same project. */
export interface RoleDependency {
  catalog: string;
  display_name: string;
}

/**
 * Conditions as written: operator (possibly with `ForAllValues:`/`ForAnyValue:` prefix and
 * `IfExists` suffix) → condition key → values.
 */
export type ConditionBlock = Record<string, Record<string, string[]>>;

/** A statement after normalisation: single strings became arrays. */
export interface Statement {
  sid?: string;
  effect: Effect;
  /** Exactly one of `action` and `notAction` is set. */
  action?: string[];
  notAction?: string[];
  /**
   * Resource patterns; undefined means every resource. Agency policies use an object
   * (`{"uri": [...]}`); its URIs are kept here as written.
   */
  resource?: string[];
  condition?: ConditionBlock;
  /**
   * Catalog-only extension for derived system permissions: actions removed from what the
   * statement grants (Huawei states "all services except IAM" for Tenant Administrator, which
   * no Allow/Deny pair expresses without also blocking IAM granted by another permission).
   * Never accepted in user documents.
   */
  excludeAction?: string[];
  /** Where the statement starts, when it came from a file. */
  position?: SourcePosition;
  /** Index in the document's `Statement` array. */
  index: number;
}

/** A whole normalised document. */
export interface PolicyDocument {
  version: PolicyVersion;
  statements: Statement[];
  depends: RoleDependency[];
}

/** Three-valued truth: a condition on a key the query did not supply is `unknown`. */
export type Truth = 'true' | 'false' | 'unknown';

/**
 * Values known about a request's condition keys. Keys are matched case-insensitively (stored
 * lower-case). A key mapped to `null` is known to be absent; a key not in the map is unknown.
 */
export type RequestContext = ReadonlyMap<string, readonly string[] | null>;
