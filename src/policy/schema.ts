/**
 * The JSON Schemas of Huawei's policy documents (`schemas/policy-v*.json`, files a user can
 * point an editor at) compiled with ajv, and ajv's errors turned into sentences that say what
 * was expected and what was given.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { formatDocPath, type DocPath } from '../model/source.js';
import type { PolicyVersion } from './types.js';

/** One schema violation: where (relative to the policy document) and what. */
export interface SchemaProblem {
  path: DocPath;
  message: string;
}

type JsonObject = Record<string, unknown>;

const ajv = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, logger: false });
const validators = new Map<string, ValidateFunction>();

/** Where the schema file of a version lives (next to `src/` and `dist/` alike). */
export function policySchemaUrl(version: PolicyVersion): URL {
  return new URL(`../../schemas/policy-v${version}.json`, import.meta.url);
}

/** The schema of a version as a plain object, read once. */
export function loadPolicySchema(version: PolicyVersion): JsonObject {
  return JSON.parse(readFileSync(policySchemaUrl(version), 'utf8')) as JsonObject;
}

/**
 * The compiled validator of a version. With `excludeAction`, statements may also carry the
 * catalog-only `ExcludeAction` list (see `Statement.excludeAction`).
 */
function validatorFor(version: PolicyVersion, excludeAction: boolean): ValidateFunction {
  const cacheKey = `${version}:${excludeAction}`;
  let validate = validators.get(cacheKey);
  if (!validate) {
    const schema = loadPolicySchema(version);
    // The ExcludeAction variant is a second schema from the same file; ajv refuses two schemas
    // with one $id, and nothing refers to them by id.
    delete schema.$id;
    if (excludeAction) addExcludeAction(schema);
    validate = ajv.compile(schema);
    validators.set(cacheKey, validate);
  }

  return validate;
}

function addExcludeAction(schema: JsonObject): void {
  const definitions = schema.definitions as Record<string, JsonObject>;
  const statement = definitions.statement as { properties: JsonObject };
  statement.properties.ExcludeAction = { $ref: '#/definitions/actions' };
}

/** Validates a policy document against the schema of its version. */
export function checkPolicySchema(
  value: unknown,
  version: PolicyVersion,
  excludeAction = false,
): SchemaProblem[] {
  const validate = validatorFor(version, excludeAction);
  if (validate(value)) return [];

  return withoutBranchNoise(validate.errors ?? []).map((error) => describeError(error, value));
}

/** Drops the per-branch errors under an `anyOf`; the `anyOf` error itself says it better. */
function withoutBranchNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const branches = errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`);

  return errors.filter((e) => !branches.some((prefix) => e.schemaPath.startsWith(prefix)));
}

/** Turns ajv's `/Statement/0/Effect` into `['Statement', 0, 'Effect']`. */
export function instancePathToDocPath(instancePath: string, root: unknown): DocPath {
  const path: (string | number)[] = [];
  let node = root;
  for (const raw of instancePath.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const step = Array.isArray(node) && /^\d+$/.test(part) ? Number(part) : part;
    path.push(step);
    node = node !== null && typeof node === 'object' ? (node as JsonObject)[step] : undefined;
  }

  return path;
}

function describeError(error: ErrorObject, root: unknown): SchemaProblem {
  const path = instancePathToDocPath(error.instancePath, root);
  const where = formatDocPath(path) || 'the policy document';
  const params = error.params as JsonObject;
  switch (error.keyword) {
    case 'enum':
      return {
        path,
        message: `${where} must be ${listQuoted(params.allowedValues as unknown[])}, got ${show(error.data)}`,
      };
    case 'const':
      return {
        path,
        message: `${where} must be ${show(params.allowedValue)}, got ${show(error.data)}`,
      };
    case 'type':
      return {
        path,
        message: `${where} must be ${typeWords(params.type)}, got ${describeValue(error.data)}`,
      };
    case 'required':
      return { path, message: `${where} is missing "${String(params.missingProperty)}"` };
    case 'additionalProperties':
      return unexpectedProperty(path, where, String(params.additionalProperty), error.parentSchema);
    case 'minItems':
      return { path, message: `${where} must not be an empty list` };
    case 'minLength':
      return { path, message: `${where} must not be an empty string` };
    case 'anyOf':
      return {
        path,
        message: `${where} must have ${listQuoted(branchRequirements(error.schema), 'or')}`,
      };
    case 'not':
      return {
        path,
        message: `${where} must not have both ${listQuoted(notRequirements(error.schema), 'and')}`,
      };
    default:
      return { path, message: `${where} ${error.message ?? 'is invalid'}` };
  }
}

function unexpectedProperty(
  path: DocPath,
  where: string,
  name: string,
  parentSchema: unknown,
): SchemaProblem {
  const allowed = Object.keys(
    ((parentSchema as JsonObject | undefined)?.properties as JsonObject) ?? {},
  );
  const hint = allowed.length > 0 ? `; allowed: ${listQuoted(allowed, 'and')}` : '';

  return { path: [...path, name], message: `${where} has an unexpected property "${name}"${hint}` };
}

function branchRequirements(schema: unknown): string[] {
  const branches = Array.isArray(schema) ? (schema as JsonObject[]) : [];

  return branches.flatMap((b) => (Array.isArray(b.required) ? (b.required as string[]) : []));
}

function notRequirements(schema: unknown): string[] {
  const required = (schema as JsonObject | undefined)?.required;

  return Array.isArray(required) ? (required as string[]) : [];
}

function listQuoted(values: readonly unknown[], joiner = 'or'): string {
  const quoted = values.map((v) => JSON.stringify(v));
  if (quoted.length <= 1) return quoted.join('');

  return `${quoted.slice(0, -1).join(', ')} ${joiner} ${quoted[quoted.length - 1]}`;
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  array: 'a list',
  object: 'an object',
  boolean: 'a boolean',
  number: 'a number',
  integer: 'an integer',
  null: 'null',
};

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? (type as string[]) : [String(type)];
  const words = types.map((t) => TYPE_WORDS[t] ?? t);
  if (words.length <= 1) return words.join('');

  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** Describes a given value for a message: its kind, and the value when it is short. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const kind = typeof value === 'string' ? 'the string' : `the ${typeof value}`;

  return `${kind} ${JSON.stringify(value)}`;
}
