/**
 * Responses of DLI's privilege query APIs, recognised by shape and turned into grant requests
 * that replay to the same state. This is what `permgraph import dli` builds a model from.
 * Entries marked `is_admin` are owners or administrators: their access comes from no grant, so
 * they are returned apart, by `responseAdministrators`.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { PermgraphError } from '../errors.js';
import { formatDocPath, type DocPath, type SourcePosition } from '../model/source.js';
import { parseDliObject, printDliObject } from './object.js';
import type { DliGrantee, DliLocator, DliRequest } from './request.js';

/** The response shapes permgraph knows. */
export type DliResponseKind =
  | 'ack'
  | 'object-privileges'
  | 'queue-users'
  | 'database-users'
  | 'table-users'
  | 'user-table-privileges'
  | 'connection-privileges';

/** Where a response came from and what the query asked, for what the body leaves out. */
export interface DliResponseContext {
  source?: DliLocator;
  path?: DocPath;
  /** The project whose DLI answered; set on every produced request. */
  project?: string;
  /** The `object` query parameter, for responses that do not repeat it. */
  object?: string;
}

/** An owner or administrator entry (`is_admin: true`). */
export interface DliResponseAdministrator {
  user: string;
  object: string;
  position: SourcePosition | undefined;
}

const definitionOf: Readonly<Record<DliResponseKind, string>> = {
  ack: 'ack',
  'object-privileges': 'objectPrivileges',
  'queue-users': 'queueUsers',
  'database-users': 'databaseUsers',
  'table-users': 'tableUsers',
  'user-table-privileges': 'userTablePrivileges',
  'connection-privileges': 'connectionPrivileges',
};

/** The JSON Schema file of the responses. */
export const dliResponseSchemaFile = new URL(
  '../../schemas/dli-privileges-response.json',
  import.meta.url,
);

let ajv: Ajv | undefined;

function validatorFor(kind: DliResponseKind): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv({ allErrors: false });
    ajv.addSchema(JSON.parse(readFileSync(dliResponseSchemaFile, 'utf8')) as object);
  }
  const validate = ajv.getSchema(
    `urn:permgraph:dli-privileges-response#/definitions/${definitionOf[kind]}`,
  );
  if (!validate) throw new Error(`response schema definition for ${kind} is missing`);

  return validate;
}

type Body = Record<string, unknown>;
type Item = Record<string, unknown>;

function isObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Recognises a response by its keys; undefined for anything else (including request bodies,
 * which have an `action`).
 */
export function detectDliResponseKind(value: unknown): DliResponseKind | undefined {
  if (!isObject(value) || 'action' in value) return undefined;
  if ('connection_id' in value) return 'connection-privileges';
  if ('queue_name' in value) return 'queue-users';
  if ('database_name' in value) return 'database-users';
  if ('object_type' in value || 'object_name' in value) return 'object-privileges';
  const items = value.privileges;
  if (Array.isArray(items) && 'user_name' in value) return 'user-table-privileges';
  if (Array.isArray(items)) {
    const named = items.every((i) => isObject(i) && 'object' in i && 'user_name' in i);
    return named && items.length > 0 ? 'table-users' : 'object-privileges';
  }

  return 'is_success' in value ? 'ack' : undefined;
}

/**
 * Turns a response into one grant request per non-administrator entry. Throws `E_DLI` with a
 * position when the value is not a known response, does not match its shape, reports a
 * failure, or does not say which object it is about.
 */
export function responseToRequests(value: unknown, context: DliResponseContext = {}): DliRequest[] {
  const kind = checkResponse(value, context);
  if (kind === 'ack') return [];
  const body = value as Body;

  return itemsOf(body).flatMap((item, i) => {
    const empty = (item.privileges as string[]).length === 0;
    return item.is_admin === true || empty ? [] : [entryToRequest(kind, body, item, i, context)];
  });
}

function entryToRequest(
  kind: DliResponseKind,
  body: Body,
  item: Item,
  i: number,
  context: DliResponseContext,
): DliRequest {
  const privileges = item.privileges as string[];
  const at = (p: DocPath): SourcePosition | undefined => locate(context, ['privileges', i, ...p]);
  const request: DliRequest = {
    grantee: granteeOf(kind, body, item),
    action: 'grant',
    privileges: [
      {
        object: objectOf(kind, body, item, context, i),
        privileges: [...privileges],
        position: at([]),
        privilegePositions: privileges.map((_, j) => at(['privileges', j])),
      },
    ],
    position: at([]),
    variant: 'authorization',
    granteeField: kind === 'connection-privileges' ? 'projectId' : 'user_name',
  };
  if (context.project !== undefined) request.project = context.project;

  return request;
}

/** The `is_admin` entries of a response: owners and administrators of the object. */
export function responseAdministrators(
  value: unknown,
  context: DliResponseContext = {},
): DliResponseAdministrator[] {
  const kind = checkResponse(value, context);
  if (kind === 'ack') return [];
  const body = value as Body;

  return itemsOf(body).flatMap((item, i) =>
    item.is_admin === true
      ? [
          {
            user: String(item.user_name),
            object: objectOf(kind, body, item, context, i),
            position: locate(context, ['privileges', i]),
          },
        ]
      : [],
  );
}

function locate(context: DliResponseContext, path: DocPath): SourcePosition | undefined {
  return context.source?.locate([...(context.path ?? []), ...path]);
}

function fail(context: DliResponseContext, path: DocPath, reason: string): never {
  const where = formatDocPath([...(context.path ?? []), ...path]) || 'response';
  throw new PermgraphError('E_DLI', `invalid DLI response at ${where}: ${reason}`, {
    position: locate(context, path),
    hint: 'see schemas/dli-privileges-response.json for the response shapes permgraph reads',
  });
}

function checkResponse(value: unknown, context: DliResponseContext): DliResponseKind {
  const kind = detectDliResponseKind(value);
  if (!kind) return fail(context, [], 'not a DLI privilege query response');
  const validate = validatorFor(kind);
  if (!validate(value)) {
    const error = validate.errors?.[0];
    const path = (error?.instancePath ?? '')
      .split('/')
      .slice(1)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    fail(context, path, `${kind} response: ${error?.message ?? 'invalid'}`);
  }
  const body = value as Body;
  if (body.is_success === false) {
    fail(context, ['is_success'], `the API reported a failure: ${String(body.message ?? '')}`);
  }

  return kind;
}

function itemsOf(body: Body): Item[] {
  return (body.privileges as Item[] | undefined) ?? [];
}

function granteeOf(kind: DliResponseKind, body: Body, item: Item): DliGrantee {
  if (kind === 'connection-privileges') {
    return { kind: 'project', id: String(item.applicant_project_id) };
  }
  const name = kind === 'user-table-privileges' ? body.user_name : item.user_name;

  return { kind: 'user', name: String(name) };
}

/** Prefixes that turn a response's `object_type` and `object_name` into an object path. */
const prefixByType: Readonly<Record<string, string>> = {
  database: 'databases.',
  queue: 'queues.',
  flink: 'jobs.flink.',
  resource: 'resources.',
  group: 'groups.',
  datasourceauth: 'datasourceauth.',
  elasticresourcepool: 'elasticresourcepools.',
  variable: 'variables.',
  edsconnection: 'edsconnections.',
};

function objectOf(
  kind: DliResponseKind,
  body: Body,
  item: Item,
  context: DliResponseContext,
  i: number,
): string {
  if (typeof item.object === 'string') return item.object;
  if (kind === 'queue-users') return `queues.${String(body.queue_name)}`;
  if (kind === 'database-users') return `databases.${String(body.database_name)}`;
  if (context.object !== undefined) return context.object;
  const named = objectFromName(body.object_type, body.object_name);

  return (
    named ??
    fail(
      context,
      ['privileges', i],
      'the response does not say which object it is about; give the queried object',
    )
  );
}

function objectFromName(type: unknown, name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return undefined;
  try {
    return printDliObject(parseDliObject(name));
  } catch (error) {
    if (!(error instanceof PermgraphError)) throw error;
    const prefix = typeof type === 'string' ? prefixByType[type] : undefined;
    return prefix === undefined ? undefined : `${prefix}${name}`;
  }
}
