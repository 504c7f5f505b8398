/**
 * Reading a DLI file whatever it holds: request bodies (one or a list) or a privilege query
 * response. `permgraph import dli` and the tests over real API samples start here.
 */
import { readSourceFile } from '../model/source.js';
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
