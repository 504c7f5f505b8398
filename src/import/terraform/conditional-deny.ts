/**
 * Policies with values unknown until apply. Leaving out an Allow never adds access; leaving out
 * a Deny does, and turns a denial into a wrong "allowed". So wherever a Deny statement, a
 * policy that holds one, or the grant of such a policy is not fully known, its Deny statements
 * are kept under a condition on a key no query supplies, `permgraph:KnownAfterApply`, which the
 * evaluator answers as unknown: `can` then says `conditional`. What is known stays exact: the
 * known actions of a Deny that certainly applies stay denied without a condition.
 */
import { parseJson } from '../../model/source.js';
import {
  findPending,
  isPending,
  Lazy,
  PartialJson,
  PartialText,
  plainUnknown,
  type Unknown,
  type Ref,
  type Value,
} from './values.js';

/**
 * The condition key of imported statements that may or may not apply. No query supplies it
 * (`--context permgraph:KnownAfterApply=true` asks for the case where every such Deny applies);
 * lint's `policy/unknown-condition-key` checks `g:` keys only, so it is not reported.
 */
export const KNOWN_AFTER_APPLY = 'permgraph:KnownAfterApply';

/** An unknown action may be any action. */
const ANY_ACTION = '*:*:*';
/** Why an Allow with unknown parts may be left out. */
export const ALLOW_NOTE = 'leaving out an Allow never adds access';
const MARK = /@@permgraph-unknown-(\d+)@@/;

type Json = { [key: string]: Value };

/** A policy as far as it can be imported, and what was done, one note per change. */
export interface ConditionalPolicy {
  /** The document to import; undefined when nothing of it is left (no Deny, unknown Allows). */
  document: Json | undefined;
  notes: string[];
}

/**
 * A policy document whose parts may be unknown (pending leaves, or pending as a whole) as it can
 * be imported. `uncertain`: why the policy may not exist; then every Deny is conditional and the
 * Allow statements are left out. `version`: the Version to use when it is unknown.
 */
export function conditionalPolicy(
  tree: Value,
  version: string,
  uncertain?: string,
): ConditionalPolicy {
  const whole = isPending(tree) ? tree : isObject(tree) ? pendingStatements(tree) : undefined;
  if (whole) return anyDeny(plainUnknown(whole).reason, version);
  // Not a document: validation reports it.
  if (!isObject(tree) || !Array.isArray(tree.Statement))
    return { document: tree as Json, notes: [] };
  const splits = tree.Statement.map((statement, i) =>
    splitStatement(statement, `Statement[${i}]`, uncertain),
  );
  const statements = splits.flatMap((s) => s.statements);
  if (statements.length === 0)
    return { document: undefined, notes: [leftOutNote(splits, uncertain)] };
  const notes = splits.flatMap((s) =>
    !s.note ? [] : s.allowLeftOut ? [`${s.note}; the Allow is left out (${ALLOW_NOTE})`] : [s.note],
  );
  if (uncertain !== undefined) notes.unshift(uncertainNote(uncertain, splits));
  const known = Object.entries(tree).filter(([, v]) => pendingIn(v) === undefined);
  const document: Json = { ...Object.fromEntries(known), Statement: statements };
  if (pendingIn(tree.Version)) document.Version = version;

  return { document, notes };
}

/** The document's `Statement` when it is unknown as a whole. */
function pendingStatements(tree: Json): Unknown | Ref | undefined {
  const statements = tree.Statement;
  return statements !== undefined && isPending(statements) ? statements : undefined;
}

/** A document that is unknown as a whole may deny anything. */
function anyDeny(reason: string, version: string): ConditionalPolicy {
  return {
    document: {
      Version: version,
      Statement: [conditioned({ Effect: 'Deny', Action: [ANY_ACTION] })],
    },
    notes: [
      `the Deny is kept as conditional: ${reason}; the document may deny any action, so it is imported as a conditional Deny of ${ANY_ACTION}, and any Allow in it is left out (${ALLOW_NOTE})`,
    ],
  };
}

interface Split {
  statements: Json[];
  note?: string;
  allowLeftOut?: boolean;
}

function splitStatement(statement: Value, where: string, uncertain: string | undefined): Split {
  if (isPending(statement)) {
    const reason = plainUnknown(statement).reason;
    const note = `${where}: the Deny is kept as conditional: ${reason}; the statement may deny any action (${ANY_ACTION})`;
    return { statements: [conditioned({ Effect: 'Deny', Action: [ANY_ACTION] })], note };
  }
  // Not a statement: validation reports it.
  if (!isObject(statement)) return { statements: [statement as unknown as Json] };
  const pending = findPending(statement);
  if (statement.Effect === 'Allow') return splitAllow(statement, where, pending, uncertain);
  // An Effect that is neither: validation reports it.
  const effect = statement.Effect;
  if (effect !== 'Deny' && (effect === undefined || !isPending(effect)))
    return { statements: [statement] };
  if (!pending)
    return { statements: [uncertain === undefined ? statement : conditioned(statement)] };
  const certain = uncertain === undefined ? certainPart(statement) : undefined;
  const maybe = conditioned(widened(statement));
  const note = `${where}: the Deny is kept as conditional: ${plainUnknown(pending).reason}${denyDetails(statement, certain)}`;

  return { statements: certain ? [certain, maybe] : [maybe], note };
}

function splitAllow(
  statement: Json,
  where: string,
  pending: Unknown | Ref | undefined,
  uncertain: string | undefined,
): Split {
  if (pending) {
    const note = `${where}: ${plainUnknown(pending).reason}`;
    return { statements: [], note, allowLeftOut: true };
  }

  return uncertain === undefined
    ? { statements: [statement] }
    : { statements: [], allowLeftOut: true };
}

function uncertainNote(reason: string, splits: Split[]): string {
  const allows = splits.some((s) => s.allowLeftOut)
    ? `; its Allow statements are left out (${ALLOW_NOTE})`
    : '';

  return `the Deny is kept as conditional: ${reason}${allows}`;
}

/** Nothing is left: only Allow statements, unknown or of a policy that may not exist. */
function leftOutNote(splits: Split[], uncertain: string | undefined): string {
  const why = uncertain ?? splits.find((s) => s.note)?.note ?? 'nothing is known';

  return `${why}; the policy and its grants are left out (it holds no Deny, and ${ALLOW_NOTE})`;
}

/** What became of a Deny's unknown parts, for its note. */
function denyDetails(statement: Json, certain: Json | undefined): string {
  const details = [
    pendingIn(statement.Effect) ? 'its Effect is unknown, so it counts as a Deny' : '',
    pendingIn(statement.Action) ? `an unknown action counts as any action (${ANY_ACTION})` : '',
    pendingIn(statement.Resource) ? 'an unknown resource counts as any resource' : '',
    certain ? 'the known actions stay denied' : '',
  ].filter(Boolean);

  return details.length > 0 ? `; ${details.join(', ')}` : '';
}

/**
 * The part of a Deny that applies for sure: its known actions on its known resources, when
 * nothing else in it is unknown.
 */
function certainPart(statement: Json): Json | undefined {
  if (statement.Effect !== 'Deny') return undefined;
  const others = Object.entries(statement).filter(([k]) => k !== 'Action' && k !== 'Resource');
  if (others.some(([, v]) => pendingIn(v))) return undefined;
  const action = knownItems(statement.Action);
  const resource = statement.Resource === undefined ? undefined : knownItems(statement.Resource);
  if (action.length === 0 || (statement.Resource !== undefined && resource?.length === 0))
    return undefined;

  return { ...statement, Action: action, ...(resource ? { Resource: resource } : {}) };
}

/**
 * A Deny as wide as its unknown parts may make it: an unknown action is any action, an unknown
 * resource any resource, an unknown exception (NotAction, NotResource) or condition none.
 */
function widened(statement: Json): Json {
  const out: Json = { Effect: 'Deny' };
  for (const [field, value] of Object.entries(statement)) {
    if (field === 'Effect') continue;
    if (findPending(value) === undefined) out[field] = value;
    else if (field === 'Action') out.Action = [ANY_ACTION];
    else if (field === 'NotAction' || field === 'NotResource') widenException(out, field, value);
    else if (field === 'Condition') {
      const condition = knownCondition(value);
      if (condition) out.Condition = condition;
    }
    // Resource, Sid or any other field unknown: left out (without Resource, every resource).
  }

  return out;
}

function widenException(out: Json, field: 'NotAction' | 'NotResource', value: Value): void {
  const known = knownItems(value);
  if (known.length > 0) out[field] = known;
  else if (field === 'NotAction') out.Action = [ANY_ACTION];
}

/** A condition block without its unknown operators and keys (the added condition stands for them). */
function knownCondition(value: Value): Json | undefined {
  if (!isObject(value)) return undefined;
  const operators = Object.entries(value).flatMap(([operator, keys]) => {
    if (!isObject(keys)) return [];
    const known = Object.entries(keys).filter(([, v]) => findPending(v) === undefined);
    return known.length > 0 ? [[operator, Object.fromEntries(known)] as const] : [];
  });

  return operators.length > 0 ? Object.fromEntries(operators) : undefined;
}

/** A statement that applies only "maybe": under the condition no query supplies. */
function conditioned(statement: Json): Json {
  const condition = isObject(statement.Condition) ? statement.Condition : {};
  const bool = isObject(condition.Bool) ? condition.Bool : {};

  return {
    ...statement,
    Condition: { ...condition, Bool: { ...bool, [KNOWN_AFTER_APPLY]: ['true'] } },
  };
}

function knownItems(value: Value | undefined): Value[] {
  if (value === undefined || isPending(value)) return [];

  return (Array.isArray(value) ? value : [value]).filter((v) => findPending(v) === undefined);
}

/** The first pending part of a value, if any. */
function pendingIn(value: Value | undefined): Unknown | Ref | undefined {
  return value === undefined ? undefined : findPending(value);
}

function isObject(value: Value | undefined): value is Json {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !isPending(value) &&
    !(value instanceof Lazy)
  );
}

/**
 * A pending policy value as far as its structure is known: `jsonencode(…)` with unknown
 * parts keeps its structure; a heredoc with unknown interpolations is parsed with a mark in
 * their place (inside a string, or standing for a whole value), so the statements around them
 * are read. Anything else is unknown as a whole.
 */
export function knownStructure(value: Value): Value {
  if (value instanceof PartialJson) return value.structure;
  if (!(value instanceof PartialText)) return value;
  for (const quoted of [false, true]) {
    const text = value.parts
      .map((p, i) =>
        typeof p === 'string'
          ? p
          : quoted
            ? `"@@permgraph-unknown-${i}@@"`
            : `@@permgraph-unknown-${i}@@`,
      )
      .join('');
    try {
      return restoreUnknowns(parseJson(text, 'policy').value, value.parts);
    } catch {
      // Not JSON with the marks in this form: try the other, then give up.
    }
  }

  return plainUnknown(value);
}

function restoreUnknowns(node: unknown, parts: PartialText['parts']): Value {
  if (typeof node === 'string') {
    const mark = MARK.exec(node);
    return mark ? plainUnknown(parts[Number(mark[1])] as Unknown | Ref) : node;
  }
  if (Array.isArray(node)) return node.map((item) => restoreUnknowns(item, parts));
  if (node === null || typeof node !== 'object') return node as Value;
  const entries = Object.entries(node);
  const key = entries.find(([k]) => MARK.test(k));
  if (key) return plainUnknown(parts[Number(MARK.exec(key[0])?.[1])] as Unknown | Ref);

  return Object.fromEntries(entries.map(([k, v]) => [k, restoreUnknowns(v, parts)]));
}
