/**
 * What queries return: decisions, checks and the explanation paths behind them. Plain data, so
 * formatters, tests and scripts all read the same thing.
 */
import type { SourcePosition } from '../model/source.js';
import type { Effect, Truth } from '../policy/types.js';

/** The four decisions of DESIGN.md §4. Only `allow` is allowed. */
export type Decision = 'allow' | 'deny' | 'implicit-deny' | 'conditional';

/** A principal in a query. `project` principals answer for DLI project grants. */
export type PrincipalRef =
  | { kind: 'user'; name: string }
  | { kind: 'group'; name: string }
  | { kind: 'project'; id: string };

/** Where a request is evaluated: a region project, or global services. */
export type Target = { kind: 'project'; project: string } | { kind: 'global' };

/** One step of an explanation path: principal → group → grant@scope → permission → statement. */
export interface PathStep {
  kind:
    | 'user'
    | 'group'
    | 'grant'
    | 'permission'
    | 'statement'
    | 'pattern'
    | 'dli-grant'
    | 'owner'
    | 'project';
  label: string;
  position?: SourcePosition | undefined;
}

/** A statement that applies to the request, with the path that leads to it. */
export interface StatementMatch {
  effect: Effect;
  /** `true`, or `unknown` when a condition key, the resource, or the scope is not known. */
  truth: Truth;
  permission: string;
  grant: string;
  scope: string;
  pattern?: string | undefined;
  /** Condition keys whose values the query did not supply. */
  unknownKeys: string[];
  path: PathStep[];
}

/** Why something that looks related did not apply: the explanation of a denial. */
export interface NearMiss {
  reason:
    | 'scope'
    | 'global-action-in-project-grant'
    | 'project-action-in-global-grant'
    | 'missing-dependency'
    | 'condition-false'
    | 'resource-mismatch'
    | 'enterprise-project';
  message: string;
  path: PathStep[];
}

/** What a check asks for. */
export type Requirement =
  | { kind: 'action'; action: string }
  | { kind: 'permission'; permission: string }
  | { kind: 'privilege'; privilege: string; object: string };

/** One check of a request: an action, a role to hold, or a DLI privilege. */
export interface Check {
  requirement: Requirement;
  /** Where it was evaluated: `project cn-north-1` or `global services`. */
  scope: string;
  decision: Decision;
  /** Statements or grants that decided it (allowing ones for allow, denying ones for deny). */
  because: StatementMatch[];
  nearMisses: NearMiss[];
  /** Which operation variant added it, and why it is needed. */
  variant?: string | undefined;
  why?: string | undefined;
  /** For conditional decisions: the keys that would settle it. */
  unknownKeys: string[];
  /** Free-text notes (for example, which layer decided a DLI check). */
  notes: string[];
}

/** Something not granted that the request needs. */
export interface Missing {
  requirement: Requirement;
  scope: string;
  why?: string | undefined;
  variant?: string | undefined;
}

/** The answer to `can`. */
export interface CanResult {
  catalog: { version: string; date: string };
  principal: string;
  request: {
    kind: 'action' | 'operation' | 'privilege';
    name: string;
    variants: string[];
    project?: string | undefined;
    on?: string | undefined;
    context: Record<string, string[] | null>;
  };
  decision: Decision;
  allowed: boolean;
  checks: Check[];
  missing: Missing[];
  /** Explicit Deny statements that decided a `deny`. */
  deniedBy: StatementMatch[];
}

/** Options every query accepts. */
export interface QueryOptions {
  project?: string | undefined;
  /** Condition key values from `--context KEY=VALUE`; repeated keys make a list. */
  context?: Record<string, string[] | null> | undefined;
  /** Resource of the request, for statements with `Resource`. */
  resource?: string | undefined;
  /** Operation variants, such as `encrypted` or `prepaid`. */
  variants?: string[] | undefined;
  /** DLI object, for privilege checks. */
  on?: string | undefined;
  /** Current time for `g:CurrentTime`; defaults to now. */
  now?: Date | undefined;
  /** Files named inside messages are shown relative to this directory (the CLI's cwd). */
  baseDir?: string | undefined;
}

/** Combines check decisions: allowed only when every check is; an explicit deny dominates. */
export function combineDecisions(decisions: readonly Decision[]): Decision {
  if (decisions.includes('deny')) return 'deny';
  if (decisions.includes('implicit-deny')) return 'implicit-deny';
  if (decisions.includes('conditional')) return 'conditional';
  return 'allow';
}

/** Renders a principal reference as `user:alice`, `group:dba` or `project:<id>`. */
export function formatPrincipal(principal: PrincipalRef): string {
  return principal.kind === 'project'
    ? `project:${principal.id}`
    : `${principal.kind}:${principal.name}`;
}
