/**
 * DLI authorization requests: the bodies of `PUT /v1.0/{project_id}/authorization` and of its
 * deprecated user and queue predecessors, validated against `schemas/dli-authorization-request.json`
 * and normalised into one `DliRequest` shape that replay works on.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { PermgraphError } from '../errors.js';
import type { DliLocator } from './catalog.js';
import {
  formatDocPath,
  readSourceFile,
  type DocPath,
  type SourcePosition,
} from '../model/source.js';

/** Who a request grants to. */
export type DliGrantee = { kind: 'user'; name: string } | { kind: 'project'; id: string };

/** `grant` adds, `revoke` removes, `update` replaces the grantee's privileges on each object. */
export type DliAction = 'grant' | 'revoke' | 'update';

/** One `{object, privileges}` item, with where it and each privilege name were written. */
export interface DliRequestEntry {
  object: string;
  privileges: string[];
  position?: SourcePosition;
  privilegePositions?: (SourcePosition | undefined)[];
}

/** Any request body variant, normalised. */
export interface DliRequest {
  grantee: DliGrantee;
  action: DliAction;
  privileges: DliRequestEntry[];
  position: SourcePosition | undefined;
  /** The project whose DLI received the request (the model's `project:` key), when known. */
  project?: string;
  /** Which body it came from: the (user) authorization body or the deprecated queue body. */
  variant: 'authorization' | 'queue';
  /** The body key that named the grantee. */
  granteeField: 'user_name' | 'projectId' | 'grant_project_id';
}

export type { DliLocator };

/** Where a body sits: its document and its path inside it. */
export interface DliNormaliseOptions {
  source?: DliLocator;
  path?: DocPath;
  /** Accept the model's extra `project:` key (the project the request was sent to). */
  allowProject?: boolean;
}

const schemaId = 'urn:permgraph:dli-authorization-request';
/** The JSON Schema file of request bodies, for editors and `permgraph schema`. */
export const dliRequestSchemaFile = new URL(
  '../../schemas/dli-authorization-request.json',
  import.meta.url,
);

let validators: { authorization: ValidateFunction; queue: ValidateFunction } | undefined;

function getValidators(): { authorization: ValidateFunction; queue: ValidateFunction } {
  if (!validators) {
    const ajv = new Ajv({ allErrors: false });
    ajv.addSchema(JSON.parse(readFileSync(dliRequestSchemaFile, 'utf8')) as object);
    const get = (name: string): ValidateFunction => {
      const validate = ajv.getSchema(`${schemaId}#/definitions/${name}`);
      if (!validate) throw new Error(`schema definition ${name} is missing`);
      return validate;
    };
    validators = { authorization: get('authorizationRequest'), queue: get('queueRequest') };
  }

  return validators;
}

const granteeFields = ['user_name', 'projectId', 'grant_project_id'] as const;

/**
 * Validates one request body and normalises it. Throws `E_DLI` with the position of the
 * offending field and what is wrong with it.
 */
export function normaliseDliRequest(body: unknown, options: DliNormaliseOptions = {}): DliRequest {
  const base = options.path ?? [];
  const at = (path: DocPath): SourcePosition | undefined =>
    options.source?.locate([...base, ...path]);
  const fail = (path: DocPath, reason: string, hint?: string): never => {
    const where = formatDocPath([...base, ...path]) || 'request';
    throw new PermgraphError('E_DLI', `invalid DLI request at ${where}: ${reason}`, {
      position: at(path),
      hint: hint ?? 'see schemas/dli-authorization-request.json',
    });
  };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail(
      [],
      'a request must be an object with action, privileges and user_name or projectId',
    );
  }
  const { project, ...wire } = body as Record<string, unknown>;
  if (project !== undefined && !options.allowProject) fail(['project'], 'unknown field "project"');
  if (project !== undefined && typeof project !== 'string') {
    fail(['project'], 'project must be a string');
  }
  const isQueue = 'queue_name' in wire;
  if (!isQueue) checkGrantee(wire, fail);
  validateBody(wire, isQueue, fail);
  const request = isQueue ? fromQueueBody(wire, at) : fromAuthorizationBody(wire, at);
  if (typeof project === 'string') request.project = project;

  return request;
}

function checkGrantee(body: Record<string, unknown>, fail: Fail): void {
  const present = granteeFields.filter((field) => body[field] !== undefined);
  if (present.length === 1) return;
  const hint = 'user_name names an IAM user; projectId names another project of the same region';
  if (present.length === 0) fail([], 'no grantee: give user_name or projectId', hint);
  fail([present[1] ?? ''], `give exactly one grantee; found ${present.join(' and ')}`, hint);
}

type Fail = (path: DocPath, reason: string, hint?: string) => never;

function validateBody(body: Record<string, unknown>, isQueue: boolean, fail: Fail): void {
  const validate = isQueue ? getValidators().queue : getValidators().authorization;
  if (validate(body)) return;
  const error = pickError(validate.errors ?? []);
  fail(...describeAjvError(error, pointerToPath(error.instancePath), body));
}

function pickError(errors: ErrorObject[]): ErrorObject {
  // `if`/`oneOf` wrappers only say "a sub-schema failed"; the specific error is more useful.
  const specific = errors.find((e) => e.keyword !== 'if' && e.keyword !== 'oneOf');

  return specific ?? (errors[0] as ErrorObject);
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];

  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function valueAt(root: unknown, path: DocPath): unknown {
  let value = root;
  for (const part of path) value = (value as Record<string | number, unknown> | undefined)?.[part];

  return value;
}

function describeAjvError(
  error: ErrorObject,
  path: DocPath,
  body: unknown,
): [DocPath, string, string?] {
  const found = JSON.stringify(valueAt(body, path));
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return [path, `missing field "${String(params.missingProperty)}"`];
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      return [[...path, extra], `unknown field "${extra}"`, allowedFieldsHint(path)];
    }
    case 'enum':
      return [
        path,
        `must be one of ${(params.allowedValues as string[]).join(', ')}; found ${found}`,
      ];
    case 'type':
      return [
        path,
        `must be ${String(params.type) === 'array' ? 'a list' : `a ${String(params.type)}`}; found ${found}`,
      ];
    case 'minItems':
      return path.length === 1
        ? [path, 'the request lists no objects']
        : [
            path,
            'an empty privilege list is allowed only with action update (where it revokes all)',
          ];
    case 'pattern':
      return [path, `${found} is not a project id (1 to 64 letters and digits)`];
    case 'minLength':
      return [path, 'must not be empty'];
    case 'maxLength':
      return [path, `is longer than ${String(params.limit)} characters`];
    default:
      return [path, error.message ?? 'invalid value'];
  }
}

function allowedFieldsHint(path: DocPath): string {
  return path.length === 0
    ? 'a request has action, privileges and one of user_name, projectId (or the queue form: queue_name, user_name, action, privileges)'
    : 'each privileges item has exactly object and privileges';
}

type At = (path: DocPath) => SourcePosition | undefined;

function fromAuthorizationBody(body: Record<string, unknown>, at: At): DliRequest {
  const field = granteeFields.find((f) => body[f] !== undefined) ?? 'user_name';
  const value = String(body[field]);
  const items = body.privileges as { object: string; privileges: string[] }[];

  return {
    grantee: field === 'user_name' ? { kind: 'user', name: value } : { kind: 'project', id: value },
    action: body.action as DliAction,
    privileges: items.map((item, i) => ({
      object: item.object,
      privileges: [...item.privileges],
      position: at(['privileges', i, 'object']),
      privilegePositions: item.privileges.map((_, j) => at(['privileges', i, 'privileges', j])),
    })),
    position: at([]),
    variant: 'authorization',
    granteeField: field,
  };
}

function fromQueueBody(body: Record<string, unknown>, at: At): DliRequest {
  const names = body.privileges as string[];

  return {
    grantee: { kind: 'user', name: String(body.user_name) },
    action: body.action as DliAction,
    privileges: [
      {
        object: `queues.${String(body.queue_name)}`,
        privileges: [...names],
        position: at(['queue_name']),
        privilegePositions: names.map((_, j) => at(['privileges', j])),
      },
    ],
    position: at([]),
    variant: 'queue',
    granteeField: 'user_name',
  };
}

/**
 * Reads a file holding one request body or a list of them (JSON or YAML). Model-style
 * `project:` keys are accepted.
 */
export function readDliRequestFile(file: string): DliRequest[] {
  const doc = readSourceFile(file);
  const bodies = Array.isArray(doc.value) ? doc.value : [doc.value];

  return bodies.map((body, i) =>
    normaliseDliRequest(body, {
      source: doc,
      path: Array.isArray(doc.value) ? [i] : [],
      allowProject: true,
    }),
  );
}

/** The body, in the current API's form plus `project`, that a normalised request came from. */
export function dliRequestToBody(request: DliRequest): Record<string, unknown> {
  const grantee =
    request.grantee.kind === 'user'
      ? { user_name: request.grantee.name }
      : { projectId: request.grantee.id };

  return {
    ...(request.project === undefined ? {} : { project: request.project }),
    ...grantee,
    action: request.action,
    privileges: request.privileges.map((entry) => ({
      object: entry.object,
      privileges: [...entry.privileges],
    })),
  };
}
