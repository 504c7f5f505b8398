/**
 * Reading a DLI file whatever it holds: request bodies (one or a list) or a privilege query
 * response. `permgraph import dli` and the tests over real API samples start here.
 */
import { PermgraphError } from '../errors.js';
import { readSourceFile, type SourcePosition } from '../model/source.js';
import { normaliseDliRequest, type DliRequest } from './request.js';
import {
  detectDliResponseKind,
  responseAdministrators,
  responseToRequests,
  type DliResponseAdministrator,
  type DliResponseKind,
} from './response.js';

/** What a file held, as requests to replay. */
export interface DliFileContents {
  kind: 'requests' | DliResponseKind;
  requests: DliRequest[];
  administrators: DliResponseAdministrator[];
}

/** Options for reading: the project the requests were sent to or the response came from. */
export interface DliFileOptions {
  project?: string;
  /** The queried object, for responses that do not name it. */
  object?: string;
}

/**
 * Reads a JSON or YAML file of DLI request bodies or one query response. Throws
 * `PermgraphError` (`E_READ`, `E_PARSE` or `E_DLI`) with a position for anything it cannot use.
 */
export function readDliFile(file: string, options: DliFileOptions = {}): DliFileContents {
  const doc = readSourceFile(file);
  const value = doc.value;
  const responseKind = Array.isArray(value) ? undefined : detectDliResponseKind(value);
  if (responseKind) {
    const context = { source: doc, ...options };
    return {
      kind: responseKind,
      requests: responseToRequests(value, context),
      administrators: responseAdministrators(value, context),
    };
  }
  const bodies = Array.isArray(value) ? value : [value];
  const requests = bodies.map((body, i) => {
    const path = Array.isArray(value) ? [i] : [];
    rejectForeign(body, doc.locate(path));
    const request = normaliseDliRequest(body, {
      source: doc,
      path: Array.isArray(value) ? [i] : [],
      allowProject: true,
    });
    if (request.project === undefined && options.project !== undefined) {
      request.project = options.project;
    }
    return request;
  });

  return { kind: 'requests', requests, administrators: [] };
}

/** The fields a DLI grant request body has; a body with none of them is some other file. */
const requestFields = ['user_name', 'projectId', 'project_id', 'action', 'privileges'];

/**
 * A DLI error response, or a body that is no DLI request at all (an IAM listing, a model file),
 * is named for what it is rather than checked field by field as a request.
 */
function rejectForeign(body: unknown, position: SourcePosition): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return;
  const record = body as Record<string, unknown>;
  if ('error_code' in record || 'error_msg' in record) {
    const said = [record.error_code, record.error_msg].filter((v) => typeof v === 'string' && v);
    const detail = said.length > 0 ? ` (${said.join(': ')})` : '';
    throw new PermgraphError(
      'E_DLI',
      `the file is a DLI error response${detail}, not a grant request or privilege listing`,
      { position, hint: 'export the request bodies or the privilege query responses again' },
    );
  }
  if (!requestFields.some((field) => field in record)) {
    const keys = Object.keys(record).slice(0, 5).join(', ');
    throw new PermgraphError(
      'E_DLI',
      'not a DLI grant request or privilege query response: ' +
        `it has ${keys ? `the keys ${keys}` : 'no keys'}, ` +
        'and a request has user_name or projectId, action and privileges',
      { position, hint: 'give DLI request bodies, or the response of a DLI privilege query' },
    );
  }
}
