import { describe, expect, test } from 'vitest';
import { PermgraphError } from '../../src/errors.js';
import { parseSourceText } from '../../src/model/source.js';
import {
  detectDliResponseKind,
  responseAdministrators,
  responseToRequests,
  type DliResponseContext,
} from '../../src/dli/response.js';

describe('detectDliResponseKind', () => {
  const cases: [string, unknown, string | undefined][] = [
    ['ack', { is_success: true, message: '' }, 'ack'],
    [
      'object query',
      { is_success: true, object_name: '9561', object_type: 'flink', privileges: [] },
      'object-privileges',
    ],
    ['queue users', { queue_name: 'q', privileges: [] }, 'queue-users'],
    ['database users', { database_name: 'd', privileges: [] }, 'database-users'],
    [
      'table users',
      { privileges: [{ object: 'databases.d.tables.t', user_name: 'u', privileges: [] }] },
      'table-users',
    ],
    [
      'user table privileges',
      { user_name: 'u', privileges: [{ object: 'databases.d.tables.t', privileges: [] }] },
      'user-table-privileges',
    ],
    ['connection', { connection_id: 'c', privileges: [] }, 'connection-privileges'],
    [
      'entries without objects',
      { is_success: true, privileges: [{ user_name: 'u', privileges: ['GET'] }] },
      'object-privileges',
    ],
    ['a request body', { user_name: 'u', action: 'grant', privileges: [] }, undefined],
    ['a string', 'databases.db1', undefined],
    ['an unrelated object', { kind: 'job' }, undefined],
  ];

  test.each(cases)('%s', (_, value, kind) => {
    expect(detectDliResponseKind(value)).toBe(kind);
  });
});

describe('responseToRequests', () => {
  const grants = (value: unknown, context: DliResponseContext = {}) =>
    responseToRequests(value, context).map((r) => {
      const who = r.grantee.kind === 'user' ? r.grantee.name : `project:${r.grantee.id}`;
      return `${who} ${r.privileges[0]!.object} ${r.privileges[0]!.privileges.join(',')}${r.project ? ` @${r.project}` : ''}`;
    });

  const cases: [string, unknown, DliResponseContext, string[]][] = [
    [
      'object type and name build the path',
      {
        is_success: true,
        object_type: 'database',
        object_name: 'db1',
        privileges: [{ user_name: 'u', is_admin: false, privileges: ['SELECT'] }],
      },
      {},
      ['u databases.db1 SELECT'],
    ],
    [
      'an object name that is already a path is kept',
      {
        is_success: true,
        object_type: 'table',
        object_name: 'databases.db1.tables.t',
        privileges: [{ user_name: 'u', privileges: ['SELECT'] }],
      },
      {},
      ['u databases.db1.tables.t SELECT'],
    ],
    [
      'the queried object fills what the response leaves out',
      { is_success: true, privileges: [{ user_name: 'u', privileges: ['USE_RESOURCE'] }] },
      { object: 'resources.g/pkg', project: 'cn-north-1' },
      ['u resources.g/pkg USE_RESOURCE @cn-north-1'],
    ],
    [
      'administrators and empty entries give no request',
      {
        queue_name: 'q',
        privileges: [
          { user_name: 'a', is_admin: true, privileges: ['ALL'] },
          { user_name: 'b', privileges: [] },
        ],
      },
      {},
      [],
    ],
  ];

  test.each(cases)('%s', (_, value, context, expected) => {
    expect(grants(value, context)).toEqual(expected);
  });

  test('administrators are listed apart', () => {
    const value = {
      is_success: true,
      object_type: 'flink',
      object_name: '9561',
      privileges: [{ user_name: 'a', is_admin: true, privileges: ['ALL'] }],
    };
    expect(responseAdministrators(value)).toEqual([
      { user: 'a', object: 'jobs.flink.9561', position: undefined },
    ]);
  });

  const errors: [string, string, string, number, number][] = [
    [
      'not a response',
      '{"kind": "job"}',
      'invalid DLI response at response: not a DLI privilege query response',
      1,
      1,
    ],
    [
      'an entry without a user',
      '{"queue_name": "q",\n "privileges": [\n  {"privileges": ["SUBMIT_JOB"]}]}',
      "invalid DLI response at privileges[0]: queue-users response: must have required property 'user_name'",
      3,
      3,
    ],
    [
      'a failed call',
      '{"is_success": false, "message": "DLI.0001 no such queue", "queue_name": "q", "privileges": []}',
      'invalid DLI response at is_success: the API reported a failure: DLI.0001 no such queue',
      1,
      2,
    ],
    [
      'no way to tell the object',
      '{"is_success": true,\n "privileges": [{"user_name": "u", "privileges": ["GET"]}]}',
      'invalid DLI response at privileges[0]: the response does not say which object it is about; give the queried object',
      2,
      17,
    ],
  ];

  test.each(errors)('%s', (_, text, message, line, column) => {
    const doc = parseSourceText(text, 'response.json');
    let caught: unknown;
    try {
      responseToRequests(doc.value, { source: doc });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PermgraphError);
    const error = caught as PermgraphError;
    expect([error.code, error.message, error.position?.line, error.position?.column]).toEqual([
      'E_DLI',
      message,
      line,
      column,
    ]);
  });
});
