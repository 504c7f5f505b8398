import { describe, expect, test } from 'vitest';
import { PermgraphError } from '../../src/errors.js';
import {
  findOwners,
  inventoryTypeResolver,
  objectExists,
  ownsObject,
} from '../../src/dli/inventory.js';
import { dliObjectsSchema, parseDliModelSection } from '../../src/dli/model.js';
import { parseDliObject } from '../../src/dli/object.js';
import { replayRequests } from '../../src/dli/replay.js';
import { parseSourceText } from '../../src/model/source.js';
import { catalog, summarise, userRequest } from './helpers.js';

const objects = dliObjectsSchema.parse({
  databases: {
    db1: {
      owner: 'alice',
      tables: {
        tbl: { columns: ['column1', 'column2'] },
        v1: { view: true },
        t2: { owner: 'bob' },
      },
    },
    db2: null,
  },
  queues: { q1: { owner: 'carol' } },
  groups: { g: { owner: 'dan', resources: { 'a.jar': null } } },
});

describe('ownsObject', () => {
  const cases: [string, string, string | undefined][] = [
    ['alice', 'databases.db1', 'databases.db1'],
    ['alice', 'databases.db1.tables.tbl.columns.column1', 'databases.db1'],
    ['alice', 'databases.db1.tables.t2', 'databases.db1'],
    ['bob', 'databases.db1.tables.t2', 'databases.db1.tables.t2'],
    ['bob', 'databases.db1.tables.tbl', undefined],
    ['carol', 'queues.q1', 'queues.q1'],
    ['carol', 'queues.q2', undefined],
    ['dan', 'resources.g/a.jar', 'groups.g'],
    ['alice', 'databases.db2', undefined],
  ];

  test.each(cases)('%s on %s', (user, object, owned) => {
    expect(ownsObject(objects, user, object)).toBe(owned);
  });

  test('findOwners lists the nearest owner first', () => {
    expect(findOwners(objects, 'databases.db1.tables.t2.columns.x')).toEqual([
      { owner: 'bob', object: 'databases.db1.tables.t2' },
      { owner: 'alice', object: 'databases.db1' },
    ]);
  });
});

describe('objectExists', () => {
  const cases: [string, boolean | undefined][] = [
    ['databases.db1', true],
    ['databases.db9', false],
    ['databases.db1.tables.tbl', true],
    ['databases.db1.tables.nope', false],
    ['databases.db2.tables.any', undefined],
    ['databases.db1.tables.tbl.columns.column2', true],
    ['databases.db1.tables.tbl.columns.column9', false],
    ['databases.db1.tables.t2.columns.any', undefined],
    ['databases.db9.tables.t.columns.c', false],
    ['queues.q1', true],
    ['queues.q9', false],
    ['jobs.flink.1', undefined],
    ['resources.g/a.jar', true],
    ['resources.h/a.jar', false],
  ];

  test.each(cases)('%s', (object, expected) => {
    expect(objectExists(objects, object)).toBe(expected);
  });
});

describe('views and unknown objects in replay', () => {
  test('a table marked view resolves to the view type', () => {
    const typeOf = inventoryTypeResolver(objects);
    expect(typeOf(parseDliObject('databases.db1.tables.v1'))).toBe('view');
    expect(typeOf(parseDliObject('databases.db1.tables.tbl'))).toBe('table');
  });

  test('grants to objects the inventory lacks are reported and still applied', () => {
    const { diagnostics } = replayRequests(
      [
        userRequest('grant', 'u', [
          ['databases.db1.tables.nope', ['SELECT']],
          ['databases.db1.tables.v1', ['SELECT']],
        ]),
      ],
      catalog,
      { objects },
    );
    expect(summarise(diagnostics)).toEqual([
      ['unknown-object', 0, 0, 'databases.db1.tables.nope', undefined],
    ]);
  });
});

describe('parseDliModelSection', () => {
  const text = [
    'dli:',
    '  objects:',
    '    databases:',
    '      db1: { owner: alice, tables: { tbl: { columns: [column1] } } }',
    '  requests:',
    '    - project: cn-north-1',
    '      action: grant',
    '      user_name: dlitest',
    '      privileges:',
    '        - { object: databases.dbtest, privileges: [SELECT] }',
    '    - action: grant',
    '      projectId: 0732e57c728025922f04c01273686950',
    '      privileges:',
    '        - { object: databases.db1.tables.tbl, privileges: [DROP_TABLE] }',
    '',
  ].join('\n');

  test('objects are validated and requests normalised with positions', () => {
    const doc = parseSourceText(text, 'model.yaml');
    const section = parseDliModelSection((doc.value as { dli: unknown }).dli, doc);
    expect(section.objects?.databases?.db1?.owner).toBe('alice');
    expect(section.requests.map((r) => [r.grantee, r.project, r.position?.line])).toEqual([
      [{ kind: 'user', name: 'dlitest' }, 'cn-north-1', 6],
      [{ kind: 'project', id: '0732e57c728025922f04c01273686950' }, undefined, 11],
    ]);
  });

  test('a bad request names its place in the model', () => {
    const bad = text.replace('action: grant\n      projectId', 'action: share\n      projectId');
    const doc = parseSourceText(bad, 'model.yaml');
    let caught: unknown;
    try {
      parseDliModelSection((doc.value as { dli: unknown }).dli, doc);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PermgraphError);
    expect((caught as PermgraphError).message).toBe(
      'invalid DLI request at dli.requests[1].action: must be one of grant, revoke, update; found "share"',
    );
    expect((caught as PermgraphError).position).toMatchObject({
      file: 'model.yaml',
      line: 11,
      column: 7,
    });
  });

  test('a misspelt inventory key is a schema error', () => {
    const doc = parseSourceText('dli:\n  objects:\n    queue: { q1: {} }\n', 'model.yaml');
    expect(() => parseDliModelSection((doc.value as { dli: unknown }).dli, doc)).toThrow(
      'invalid dli section at dli.objects: Unrecognized key: "queue"',
    );
  });
});
