import { describe, expect, test } from 'vitest';
import { PermgraphError } from '../../src/errors.js';
import { parseSourceText } from '../../src/model/source.js';
import { dliRequestToBody, normaliseDliRequest } from '../../src/dli/request.js';

const seedProjectBody = `{
  "projectId": "0732e57c728025922f04c01273686950",
  "action": "grant",
  "privileges": [
    { "object": "databases.db1.tables.tb2.columns.column1", "privileges": ["SELECT"] },
    { "object": "databases.db1.tables.tbl", "privileges": ["DROP_TABLE"] },
    { "object": "databases.db1", "privileges": ["SELECT"] }
  ]
}`;

function normaliseText(text: string, file = 'body.json') {
  const doc = parseSourceText(text, file);
  return normaliseDliRequest(doc.value, { source: doc, allowProject: file.endsWith('.yaml') });
}

describe('normaliseDliRequest', () => {
  test("the seed's project grant", () => {
    const request = normaliseText(seedProjectBody);
    expect(request.grantee).toEqual({ kind: 'project', id: '0732e57c728025922f04c01273686950' });
    expect(request.action).toBe('grant');
    expect(request.variant).toBe('authorization');
    expect(request.granteeField).toBe('projectId');
    expect(request.privileges.map((e) => [e.object, e.privileges, e.position?.line])).toEqual([
      ['databases.db1.tables.tb2.columns.column1', ['SELECT'], 5],
      ['databases.db1.tables.tbl', ['DROP_TABLE'], 6],
      ['databases.db1', ['SELECT'], 7],
    ]);
    expect(request.privileges[1]!.privilegePositions).toEqual([
      { file: 'body.json', line: 6, column: 60, path: 'privileges[1].privileges[0]' },
    ]);
    expect(request.position).toEqual({ file: 'body.json', line: 1, column: 1, path: '' });
  });

  test("the seed's user grant, in a model file with its project", () => {
    const yaml = [
      'project: cn-north-1',
      'action: grant',
      'privileges:',
      '  - { object: databases.dbtest, privileges: [SELECT] }',
      'user_name: dlitest',
      '',
    ].join('\n');
    const request = normaliseText(yaml, 'model.yaml');
    expect(request.grantee).toEqual({ kind: 'user', name: 'dlitest' });
    expect(request.project).toBe('cn-north-1');
    expect(dliRequestToBody(request)).toEqual({
      project: 'cn-north-1',
      user_name: 'dlitest',
      action: 'grant',
      privileges: [{ object: 'databases.dbtest', privileges: ['SELECT'] }],
    });
  });

  test('the deprecated queue body', () => {
    const request = normaliseDliRequest({
      queue_name: 'queue1',
      user_name: 'tenant2',
      action: 'grant',
      privileges: ['DROP_QUEUE', 'SUBMIT_JOB'],
    });
    expect(request).toEqual({
      grantee: { kind: 'user', name: 'tenant2' },
      action: 'grant',
      privileges: [
        {
          object: 'queues.queue1',
          privileges: ['DROP_QUEUE', 'SUBMIT_JOB'],
          position: undefined,
          privilegePositions: [undefined, undefined],
        },
      ],
      position: undefined,
      variant: 'queue',
      granteeField: 'user_name',
    });
  });

  test('grant_project_id names a project', () => {
    const request = normaliseDliRequest({
      grant_project_id: '330e068af1334c9782f4226acc00a2e2',
      action: 'grant',
      privileges: [{ object: 'edsconnections.c1', privileges: ['BIND_QUEUE'] }],
    });
    expect([request.grantee, request.granteeField]).toEqual([
      { kind: 'project', id: '330e068af1334c9782f4226acc00a2e2' },
      'grant_project_id',
    ]);
  });

  test('update with an empty list is a valid body', () => {
    const request = normaliseDliRequest({
      user_name: 'u',
      action: 'update',
      privileges: [{ object: 'databases.db1', privileges: [] }],
    });
    expect(request.privileges[0]!.privileges).toEqual([]);
  });

  const invalid: [string, string, string, number, number][] = [
    [
      'both grantees',
      '{"user_name": "u", "projectId": "abc", "action": "grant", "privileges": [{"object": "databases.d", "privileges": ["SELECT"]}]}',
      'invalid DLI request at projectId: give exactly one grantee; found user_name and projectId',
      1,
      20,
    ],
    [
      'no grantee',
      '{"action": "grant",\n "privileges": []}',
      'invalid DLI request at request: no grantee: give user_name or projectId',
      1,
      1,
    ],
    [
      'unknown action',
      '{"user_name": "u",\n "action": "give",\n "privileges": [{"object": "databases.d", "privileges": ["SELECT"]}]}',
      'invalid DLI request at action: must be one of grant, revoke, update; found "give"',
      2,
      2,
    ],
    [
      'missing privileges',
      '{"user_name": "u", "action": "grant"}',
      'invalid DLI request at request: missing field "privileges"',
      1,
      1,
    ],
    [
      'item without object',
      '{"user_name": "u", "action": "grant",\n "privileges": [\n  {"privileges": ["SELECT"]}]}',
      'invalid DLI request at privileges[0]: missing field "object"',
      3,
      3,
    ],
    [
      'misspelt field',
      '{"project_id": "abc", "user_name": "u", "action": "grant", "privileges": [{"object": "databases.d", "privileges": ["SELECT"]}]}',
      'invalid DLI request at project_id: unknown field "project_id"',
      1,
      2,
    ],
    [
      'empty list on grant',
      '{"user_name": "u", "action": "grant",\n "privileges": [{"object": "databases.d",\n   "privileges": []}]}',
      'invalid DLI request at privileges[0].privileges: an empty privilege list is allowed only with action update (where it revokes all)',
      3,
      4,
    ],
    [
      'privileges as a string',
      '{"user_name": "u", "action": "grant", "privileges": [{"object": "databases.d", "privileges": "SELECT"}]}',
      'invalid DLI request at privileges[0].privileges: must be a list; found "SELECT"',
      1,
      80,
    ],
    [
      'not a project id',
      '{"projectId": "project one", "action": "grant", "privileges": [{"object": "databases.d", "privileges": ["SELECT"]}]}',
      'invalid DLI request at projectId: "project one" is not a project id (1 to 64 letters and digits)',
      1,
      2,
    ],
    [
      'a list instead of a body',
      '[]',
      'invalid DLI request at request: a request must be an object with action, privileges and user_name or projectId',
      1,
      1,
    ],
    [
      'project outside a model',
      '{"project": "cn-north-1", "user_name": "u", "action": "grant", "privileges": [{"object": "databases.d", "privileges": ["SELECT"]}]}',
      'invalid DLI request at project: unknown field "project"',
      1,
      2,
    ],
  ];

  test.each(invalid)('%s', (_, text, message, line, column) => {
    let caught: unknown;
    try {
      normaliseText(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PermgraphError);
    const error = caught as PermgraphError;
    expect([error.code, error.message]).toEqual(['E_DLI', message]);
    expect([error.position?.file, error.position?.line, error.position?.column]).toEqual([
      'body.json',
      line,
      column,
    ]);
  });
});
