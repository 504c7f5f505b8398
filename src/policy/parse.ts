/**
 * Reading Huawei policy documents: find the document inside an API wrapper, validate it against
 * the schema of its `Version`, and normalise it into one `PolicyDocument` shape with source
 * positions, so every later finding can point at the line that caused it.
 */
import { PermgraphError } from '../errors.js';
import { type DocPath, type SourceDocument, type SourcePosition } from '../model/source.js';
import { checkPolicySchema, describeValue } from './schema.js';
import type {
  ConditionBlock,
  Effect,
  PolicyDocument,
  PolicyVersion,
  RoleDependency,
  Statement,
} from './types.js';

/** Anything with a value and a way to locate paths inside it (a `SourceDocument` will do). */
export type LocatedValue = Pick<SourceDocument, 'value' | 'locate'>;

/** A problem with a policy document, for lint: what, where in the file, and the path. */
export interface PolicyProblem {
  message: string;
  /** Path from the root of the file (the `basePath` included). */
  path: DocPath;
  position: SourcePosition;
}

/** Options for documents that are not user input. */
export interface ParseOptions {
  /** Accept the catalog-only `ExcludeAction` statement field (system permission documents). */
  allowExcludeAction?: boolean;
}

/** A policy document found inside a wrapper, and the path to it. */
export interface FoundPolicy {
  value: unknown;
  path: DocPath;
}

type JsonObject = Record<string, unknown>;

const VERSIONS: readonly PolicyVersion[] = ['1.0', '1.1', '5.0'];
const SCHEMA_HINT =
  'see schemas/policy-v1.0.json, policy-v1.1.json or policy-v5.0.json for the expected shape';
const UNWRAP_DEPTH = 4;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function valueAt(root: unknown, path: DocPath): unknown {
  let node = root;
  for (const part of path)
    node = isObject(node) || Array.isArray(node) ? (node as JsonObject)[part] : undefined;

  return node;
}

/**
 * Finds a policy document (an object with `Version` or `Statement`) in the value itself or
 * inside the objects that wrap it, as the IAM API returns them: `{"role": {"policy": …}}`,
 * `{"policy": …}`, an STS request's `{"auth": {"identity": {"policy": …}}}`. Lists are not
 * searched (a `roles[]` response holds many documents; the importer walks those).
 */
export function unwrapPolicyDocument(value: unknown): FoundPolicy | undefined {
  let level: FoundPolicy[] = [{ value, path: [] }];
  for (let depth = 0; depth <= UNWRAP_DEPTH && level.length > 0; depth++) {
    const hit = level.find((candidate) => isPolicyLike(candidate.value));
    if (hit) return hit;
    level = level.flatMap(({ value: node, path }) =>
      isObject(node)
        ? Object.entries(node).map(([key, child]) => ({ value: child, path: [...path, key] }))
        : [],
    );
  }

  return undefined;
}

function isPolicyLike(value: unknown): boolean {
  return isObject(value) && ('Statement' in value || 'Version' in value);
}

/**
 * Validates the document at `basePath` and returns every problem, sorted by position; never
 * throws for a bad document. This is what the `policy/invalid-document` lint reports.
 */
export function validatePolicyDocument(
  doc: LocatedValue,
  basePath: DocPath = [],
  options: ParseOptions = {},
): PolicyProblem[] {
  const value = valueAt(doc.value, basePath);
  const located = (path: DocPath, message: string): PolicyProblem => {
    const full = [...basePath, ...path];
    return { message, path: full, position: doc.locate(full) };
  };
  const version = readVersion(value);
  if (typeof version !== 'string') return [located(version.path, version.message)];
  const problems = checkPolicySchema(value, version, options.allowExcludeAction ?? false);

  return problems.map((p) => located(p.path, p.message)).sort(byPosition);
}

function byPosition(a: PolicyProblem, b: PolicyProblem): number {
  return a.position.line - b.position.line || a.position.column - b.position.column;
}

/** The document's version, or the problem that keeps it from having one. */
function readVersion(value: unknown): PolicyVersion | { path: DocPath; message: string } {
  if (!isObject(value)) {
    return {
      path: [],
      message: `a policy document must be an object with "Version" and "Statement", got ${describeValue(value)}`,
    };
  }
  const version = value.Version;
  if (version === undefined) {
    return {
      path: [],
      message: 'the policy document is missing "Version"; expected "1.0", "1.1" or "5.0"',
    };
  }
  if (typeof version === 'string' && (VERSIONS as readonly string[]).includes(version))
    return version as PolicyVersion;
  if (typeof version === 'number') {
    const asString = version.toFixed(1);
    const quoted = VERSIONS.includes(asString as PolicyVersion)
      ? `; quote it: "Version": "${asString}"`
      : '';
    return {
      path: ['Version'],
      message: `Version must be a string, got the number ${version}${quoted}`,
    };
  }

  return {
    path: ['Version'],
    message: `Version must be "1.0", "1.1" or "5.0", got ${describeValue(version)}`,
  };
}

/**
 * Parses and normalises the policy document at `basePath` inside `doc`. Throws
 * `PermgraphError('E_POLICY')` at the first problem (by position), naming what was expected and
 * what was given.
 */
export function parsePolicyDocument(
  doc: LocatedValue,
  basePath: DocPath = [],
  options: ParseOptions = {},
): PolicyDocument {
  const problems = validatePolicyDocument(doc, basePath, options);
  const first = problems[0];
  if (first) {
    const more =
      problems.length > 1
        ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})`
        : '';
    throw new PermgraphError('E_POLICY', `${first.message}${more}`, {
      position: first.position,
      hint: SCHEMA_HINT,
    });
  }

  return normaliseDocument(valueAt(doc.value, basePath) as JsonObject, doc, basePath, options);
}

function normaliseDocument(
  raw: JsonObject,
  doc: LocatedValue,
  basePath: DocPath,
  options: ParseOptions,
): PolicyDocument {
  const version = raw.Version as PolicyVersion;
  const statements = (raw.Statement as JsonObject[]).map((statement, index) =>
    normaliseStatement(statement, index, doc.locate([...basePath, 'Statement', index]), options),
  );
  const depends = ((raw.Depends as RoleDependency[] | undefined) ?? []).map((d) => ({
    catalog: d.catalog,
    display_name: d.display_name,
  }));

  return { version, statements, depends };
}

function normaliseStatement(
  raw: JsonObject,
  index: number,
  position: SourcePosition,
  options: ParseOptions,
): Statement {
  const statement: Statement = { effect: raw.Effect as Effect, index, position };
  if (typeof raw.Sid === 'string') statement.sid = raw.Sid;
  if (raw.Action !== undefined) statement.action = toStrings(raw.Action);
  if (raw.NotAction !== undefined) statement.notAction = toStrings(raw.NotAction);
  if (raw.Resource !== undefined) statement.resource = resourceList(raw.Resource);
  if (raw.Condition !== undefined)
    statement.condition = normaliseCondition(raw.Condition as JsonObject);
  if (options.allowExcludeAction && raw.ExcludeAction !== undefined)
    statement.excludeAction = toStrings(raw.ExcludeAction);

  return statement;
}

function toStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => String(v)) : [String(value)];
}

/** Agency policies give `{"uri": [...]}`; the URIs are kept as written. */
function resourceList(value: unknown): string[] {
  return isObject(value) ? toStrings(value.uri) : toStrings(value);
}

function normaliseCondition(raw: JsonObject): ConditionBlock {
  const block: ConditionBlock = {};
  for (const [operator, keys] of Object.entries(raw)) {
    const entry: Record<string, string[]> = {};
    for (const [key, values] of Object.entries(keys as JsonObject)) entry[key] = toStrings(values);
    block[operator] = entry;
  }

  return block;
}
