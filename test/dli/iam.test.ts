import { describe, expect, test } from 'vitest';
import { loadDliCatalog } from '../../src/dli/catalog.js';
import { privilegeToIam } from '../../src/dli/iam.js';
import { PermgraphError } from '../../src/errors.js';

const catalog = loadDliCatalog();

describe('privilegeToIam', () => {
  const cases: [string, string, string | undefined, string][] = [
    [
      'SELECT',
      'databases.db1.tables.tbl',
      'dli:table:select',
      'dli:*:*:table:databases.db1.tables.tbl',
    ],
    [
      'DROP_TABLE',
      'databases.db1.tables.tbl',
      'dli:table:dropTable',
      'dli:*:*:table:databases.db1.tables.tbl',
    ],
    [
      'SELECT',
      'databases.db1.tables.tbl.columns.c1',
      'dli:column:select',
      'dli:*:*:column:databases.db1.tables.tbl.columns.c1',
    ],
    ['DROP_TABLE', 'databases.db1', 'dli:table:dropTable', 'dli:*:*:database:databases.db1'],
    [
      'DROP_DATABASE',
      'databases.db1',
      'dli:database:dropDatabase',
      'dli:*:*:database:databases.db1',
    ],
    ['CREATE_TABLE', 'databases.db1', 'dli:database:createTable', 'dli:*:*:database:databases.db1'],
    ['SUBMIT_JOB', 'queues.q1', 'dli:queue:submitJob', 'dli:*:*:queue:queues.q1'],
    ['show_privilege', 'queues.q1', 'dli:queue:showPrivileges', 'dli:*:*:queue:queues.q1'],
    ['GET', 'jobs.flink.123', 'dli:jobs:get', 'dli:*:*:jobs:jobs.flink.123'],
    [
      'GET_RESOURCE',
      'resources.g/pkg',
      'dli:resource:getResource',
      'dli:*:*:resource:resources.g/pkg',
    ],
    ['USE_GROUP', 'groups.g', undefined, 'dli:*:*:group:groups.g'],
    [
      'USE_AUTH',
      'datasourceauth.a1',
      'dli:datasourceauth:useAuth',
      'dli:*:*:datasourceauth:datasourceauth.a1',
    ],
    ['BIND_QUEUE', 'edsconnections.c1', undefined, 'dli:*:*:edsconnection:edsconnections.c1'],
    [
      'RESOURCE_MANAGEMENT',
      'elasticresourcepools.E1',
      'dli:elasticresourcepool:resourceManagement',
      'dli:*:*:elasticresourcepool:elasticresourcepools.E1',
    ],
  ];

  test.each(cases)('%s on %s', (privilege, object, action, resource) => {
    const check = privilegeToIam(catalog, privilege, object);
    expect([check.action, check.resource]).toEqual([action, resource]);
  });

  test('region and domain fill the resource', () => {
    const check = privilegeToIam(catalog, 'SELECT', 'databases.db1.tables.tbl', {
      region: 'cn-north-4',
      domain: 'd0c1',
    });
    expect(check).toEqual({
      privilege: 'SELECT',
      object: 'databases.db1.tables.tbl',
      action: 'dli:table:select',
      resource: 'dli:cn-north-4:d0c1:table:databases.db1.tables.tbl',
      resourceType: 'table',
    });
  });

  const errors: [string, string, string][] = [
    [
      'DROP_TABLE',
      'databases.db1.tables.t.columns.c',
      'DROP_TABLE is a privilege of database, table, view, not of databases.db1.tables.t.columns.c (a column)',
    ],
    [
      'DROP_TABEL',
      'databases.db1.tables.t',
      'unknown DLI privilege DROP_TABEL for databases.db1.tables.t (a table) (did you mean DROP_TABLE?)',
    ],
    ['ALL', 'queues.q1', 'ALL is not one privilege; ask about each privilege it stands for'],
  ];

  test.each(errors)('%s on %s is an E_DLI error', (privilege, object, message) => {
    let caught: unknown;
    try {
      privilegeToIam(catalog, privilege, object);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PermgraphError);
    expect((caught as PermgraphError).code).toBe('E_DLI');
    expect((caught as PermgraphError).message).toBe(message);
  });
});
