import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { PermgraphError } from '../../src/errors.js';
import {
  ancestors,
  parent,
  parseDliObject,
  printDliObject,
  type DliObject,
} from '../../src/dli/object.js';

describe('parseDliObject and printDliObject', () => {
  const cases: [string, DliObject][] = [
    ['databases.db1', { type: 'database', database: 'db1' }],
    ['databases.db1.tables.tbl', { type: 'table', database: 'db1', table: 'tbl' }],
    [
      'databases.db1.tables.tbl.columns.col',
      { type: 'column', database: 'db1', table: 'tbl', column: 'col' },
    ],
    ['queues.q1', { type: 'queue', name: 'q1' }],
    ['jobs.flink.123', { type: 'flink', name: '123' }],
    ['groups.g', { type: 'group', name: 'g' }],
    ['resources.pkg', { type: 'resource', name: 'pkg' }],
    ['resources.spark-examples.jar', { type: 'resource', name: 'spark-examples.jar' }],
    ['resources.group/pkg', { type: 'resource', group: 'group', name: 'pkg' }],
    [
      'edsconnections.503fc86a-5e60-4349-92c2-7e399404fa8a',
      { type: 'edsconnection', name: '503fc86a-5e60-4349-92c2-7e399404fa8a' },
    ],
    ['datasourceauth.kafka_auth', { type: 'datasourceauth', name: 'kafka_auth' }],
    ['elasticresourcepools.E1', { type: 'elasticresourcepool', name: 'E1' }],
    ['variables.v1', { type: 'variable', name: 'v1' }],
    ['catalogs.lakeformation', { type: 'catalog', name: 'lakeformation' }],
  ];

  test.each(cases)('%s parses and prints back', (text, expected) => {
    const parsed = parseDliObject(text);
    expect(parsed).toEqual(expected);
    expect(printDliObject(parsed)).toBe(text);
  });

  const errors: [string, string][] = [
    ['', 'invalid DLI object "": the object is empty'],
    ['databases', 'invalid DLI object "databases": expected a database name after "databases."'],
    ['databases.', 'invalid DLI object "databases.": expected a database name after "databases."'],
    [
      'databases.db1.table.tbl',
      'invalid DLI object "databases.db1.table.tbl": expected "tables" after the database name, found "table"',
    ],
    [
      'databases.db1.tables',
      'invalid DLI object "databases.db1.tables": expected a table name after "tables."',
    ],
    [
      'databases.db1.tables.t.cols.c',
      'invalid DLI object "databases.db1.tables.t.cols.c": expected "columns" after the table name, found "cols"',
    ],
    [
      'databases.db1.tables.t.columns.c.x',
      'invalid DLI object "databases.db1.tables.t.columns.c.x": unexpected "x" after the column name',
    ],
    [
      'database.db1',
      'invalid DLI object "database.db1": unknown object kind "database" (did you mean "databases"?)',
    ],
    ['tables.t', 'invalid DLI object "tables.t": unknown object kind "tables"'],
    ['databases.db 1', 'invalid DLI object "databases.db 1": it contains white space'],
    [
      'queues.*',
      'invalid DLI object "queues.*": wildcards are IAM resource patterns; a DLI grant names one object',
    ],
    ['queues.a.b', 'invalid DLI object "queues.a.b": "a.b" is not a valid queue name'],
    ['resources.g/', 'invalid DLI object "resources.g/": expected a package name after "/"'],
    ['jobs.flink.', 'invalid DLI object "jobs.flink.": expected a job id after "jobs.flink."'],
    [
      'jobs.spark.1',
      'invalid DLI object "jobs.spark.1": only Flink jobs are grant objects: jobs.flink.<job id>',
    ],
    [
      'resources.a/b/c',
      'invalid DLI object "resources.a/b/c": a package path has at most one "/": resources.<group>/<package>',
    ],
    [
      'elasticresourcepool.E1',
      'invalid DLI object "elasticresourcepool.E1": unknown object kind "elasticresourcepool" (did you mean "elasticresourcepools"?)',
    ],
  ];

  test.each(errors)('%j is rejected', (text, message) => {
    const position = { file: 'model.yaml', line: 7, column: 11 };
    let caught: unknown;
    try {
      parseDliObject(text, position);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PermgraphError);
    expect((caught as PermgraphError).code).toBe('E_DLI');
    expect((caught as PermgraphError).message).toBe(message);
    expect((caught as PermgraphError).position).toEqual(position);
    expect((caught as PermgraphError).hint).toMatch(/^an object is one of databases\.<database>, /);
  });
});

describe('parent and ancestors', () => {
  const cases: [string, string | undefined, string[]][] = [
    [
      'databases.db1.tables.tbl.columns.col',
      'databases.db1.tables.tbl',
      ['databases.db1.tables.tbl', 'databases.db1'],
    ],
    ['databases.db1.tables.tbl', 'databases.db1', ['databases.db1']],
    ['databases.db1', undefined, []],
    ['resources.g/pkg', 'groups.g', ['groups.g']],
    ['resources.pkg', undefined, []],
    ['queues.q1', undefined, []],
    ['jobs.flink.1', undefined, []],
  ];

  test.each(cases)('%s', (text, expectedParent, expectedAncestors) => {
    const object = parseDliObject(text);
    const up = parent(object);
    expect(up === undefined ? undefined : printDliObject(up)).toBe(expectedParent);
    expect(ancestors(object).map(printDliObject)).toEqual(expectedAncestors);
  });
});

describe('round trip property', () => {
  const name = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
  const object: fc.Arbitrary<DliObject> = fc.oneof(
    name.map((database) => ({ type: 'database' as const, database })),
    fc.tuple(name, name).map(([database, table]) => ({ type: 'table' as const, database, table })),
    fc
      .tuple(name, name, name)
      .map(([database, table, column]) => ({ type: 'column' as const, database, table, column })),
    name.map((n) => ({ type: 'queue' as const, name: n })),
    fc
      .tuple(name, name)
      .map(([group, n]) => ({ type: 'resource' as const, group, name: `${n}.jar` })),
  );

  test('printing then parsing gives the object back', () => {
    fc.assert(
      fc.property(object, (o) => {
        expect(parseDliObject(printDliObject(o))).toEqual(o);
      }),
    );
  });
});
