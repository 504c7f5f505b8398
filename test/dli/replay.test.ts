import { describe, expect, test } from 'vitest';
import { formatDliDiagnostic } from '../../src/dli/diagnostics.js';
import { replayRequests } from '../../src/dli/replay.js';
import { normaliseDliRequest } from '../../src/dli/request.js';
import { parseSourceText } from '../../src/model/source.js';
import { catalog, grantLines, projectRequest, summarise, userRequest } from './helpers.js';

const P = '0732e57c728025922f04c01273686950';
const TBL = 'databases.db1.tables.tbl';

describe('replayRequests: grant, revoke, update', () => {
  test('revoke at the level of the grant removes it', () => {
    const { state, diagnostics } = replayRequests(
      [
        userRequest('grant', 'u', [[TBL, ['SELECT', 'DROP_TABLE']]]),
        userRequest('revoke', 'u', [[TBL, ['SELECT']]]),
      ],
      catalog,
    );
    expect(grantLines(state)).toEqual([`user:u ${TBL} DROP_TABLE`]);
    expect(diagnostics).toEqual([]);
  });

  test('revoke on a table of a privilege granted on the database changes nothing', () => {
    const { state, diagnostics } = replayRequests(
      [
        userRequest('grant', 'u', [['databases.db1', ['SELECT']]]),
        userRequest('revoke', 'u', [[TBL, ['SELECT']]]),
      ],
      catalog,
    );
    expect(grantLines(state)).toEqual(['user:u databases.db1 SELECT']);
    expect(summarise(diagnostics)).toEqual([['revoke-wrong-level', 1, 0, TBL, 'SELECT']]);
    expect(diagnostics[0]!.data).toEqual({
      reason: 'inherited',
      grantedAt: 'databases.db1',
      grantedPrivilege: 'SELECT',
      grantedBy: 'request 0',
    });
    expect(formatDliDiagnostic(diagnostics[0]!)).toBe(
      'revoking SELECT on databases.db1.tables.tbl changes nothing: user u holds it through SELECT granted on databases.db1 (request 0); revoke it there',
    );
  });

  test('revoking what was never granted is a no-op', () => {
    const { diagnostics } = replayRequests(
      [userRequest('revoke', 'u', [[TBL, ['SELECT']]])],
      catalog,
    );
    expect(summarise(diagnostics)).toEqual([['noop-revoke', 0, 0, TBL, 'SELECT']]);
    expect(formatDliDiagnostic(diagnostics[0]!)).toBe(
      'revoking SELECT on databases.db1.tables.tbl changes nothing: user u has no such grant there',
    );
  });

  test('update replaces the set on the object', () => {
    const { state, diagnostics } = replayRequests(
      [
        userRequest('grant', 'u', [
          [TBL, ['SELECT', 'DROP_TABLE']],
          ['databases.db1', ['SELECT']],
        ]),
        userRequest('update', 'u', [[TBL, ['INSERT_INTO_TABLE', 'DESCRIBE_TABLE']]]),
      ],
      catalog,
    );
    expect(grantLines(state)).toEqual([
      'user:u databases.db1 SELECT',
      `user:u ${TBL} DESCRIBE_TABLE`,
      `user:u ${TBL} INSERT_INTO_TABLE`,
    ]);
    expect(diagnostics).toEqual([]);
  });

  test('update with an empty list revokes all on that object', () => {
    const { state, diagnostics } = replayRequests(
      [
        userRequest('grant', 'u', [
          [TBL, ['SELECT', 'DROP_TABLE']],
          ['databases.db1', ['SELECT']],
        ]),
        userRequest('update', 'u', [[TBL, []]]),
      ],
      catalog,
    );
    expect(grantLines(state)).toEqual(['user:u databases.db1 SELECT']);
    expect(summarise(diagnostics)).toEqual([['update-revokes-all', 1, 0, TBL, undefined]]);
    expect(formatDliDiagnostic(diagnostics[0]!)).toBe(
      'update with an empty list revokes all privileges of user u on databases.db1.tables.tbl (SELECT, DROP_TABLE)',
    );
  });

  test('a grant already held is redundant, whether granted there or inherited', () => {
    const { state, diagnostics } = replayRequests(
      [
        userRequest('grant', 'u', [['databases.db1', ['SELECT']]]),
        userRequest('grant', 'u', [[TBL, ['SELECT']]]),
        userRequest('grant', 'u', [[TBL, ['SELECT']]]),
      ],
      catalog,
    );
    expect(grantLines(state)).toEqual(['user:u databases.db1 SELECT', `user:u ${TBL} SELECT`]);
    expect(summarise(diagnostics)).toEqual([
      ['redundant-grant', 1, 0, TBL, 'SELECT'],
      ['redundant-grant', 2, 0, TBL, 'SELECT'],
    ]);
    expect(diagnostics.map((d) => [d.data.reason, d.data.grantedAt])).toEqual([
      ['inherited', 'databases.db1'],
      ['already-granted', TBL],
    ]);
  });
});

describe('replayRequests: what cannot be granted', () => {
  const cases: [string, ReturnType<typeof userRequest>, (string | number | undefined)[][]][] = [
    [
      'user-only privileges given to a project',
      projectRequest('grant', P, [
        [TBL, ['DISPLAY_TABLE']],
        ['databases.db1', ['GRANT_PRIVILEGE']],
      ]),
      [
        ['privilege-not-for-project', 0, 0, TBL, 'DISPLAY_TABLE'],
        ['privilege-not-for-project', 0, 1, 'databases.db1', 'GRANT_PRIVILEGE'],
      ],
    ],
    [
      'privileges of another object type',
      userRequest('grant', 'u', [
        [`${TBL}.columns.c`, ['DROP_TABLE']],
        ['databases.db1', ['SUBMIT_JOB']],
      ]),
      [
        ['privilege-not-applicable', 0, 0, `${TBL}.columns.c`, 'DROP_TABLE'],
        ['privilege-not-applicable', 0, 1, 'databases.db1', 'SUBMIT_JOB'],
      ],
    ],
    [
      'a misspelt privilege',
      userRequest('grant', 'u', [[TBL, ['DROP_TABEL']]]),
      [['unknown-privilege', 0, 0, TBL, 'DROP_TABEL']],
    ],
    [
      'an invalid object path',
      userRequest('grant', 'u', [['databases.db1.table.t', ['SELECT']]]),
      [['invalid-object', 0, 0, 'databases.db1.table.t', undefined]],
    ],
    [
      'a privilege that exists only at all resources',
      userRequest('grant', 'u', [
        ['databases.db1', ['CREATE_DATABASE']],
        ['queues.q1', ['CREATE_QUEUE']],
      ]),
      [
        ['all-resources-only', 0, 0, 'databases.db1', 'CREATE_DATABASE'],
        ['all-resources-only', 0, 1, 'queues.q1', 'CREATE_QUEUE'],
      ],
    ],
    [
      'a project-only privilege given to a user',
      userRequest('grant', 'u', [['edsconnections.c1', ['BIND_QUEUE']]]),
      [['privilege-not-for-user', 0, 0, 'edsconnections.c1', 'BIND_QUEUE']],
    ],
  ];

  test.each(cases)('%s', (_, request, expected) => {
    const { state, diagnostics } = replayRequests([request], catalog);
    expect(summarise(diagnostics)).toEqual(expected);
    expect(grantLines(state)).toEqual([]);
  });

  test('messages', () => {
    const { diagnostics } = replayRequests(
      [
        userRequest('grant', 'u', [
          [TBL, ['DROP_TABEL']],
          [`${TBL}.columns.c`, ['DROP_TABLE']],
        ]),
        projectRequest('grant', P, [['databases.db1', ['GRANT_PRIVILEGE']]]),
      ],
      catalog,
    );
    expect(diagnostics.map(formatDliDiagnostic)).toEqual([
      'DROP_TABEL is not a DLI privilege of a table (did you mean DROP_TABLE?)',
      'DROP_TABLE does not apply to a column; it is a privilege of database, table, view',
      'GRANT_PRIVILEGE on a database can be granted to IAM users only, not to project 0732e57c728025922f04c01273686950',
    ]);
  });
});

describe('replayRequests: risky grants', () => {
  test('grant option and destructive privileges to a project', () => {
    const { state, diagnostics } = replayRequests(
      [
        userRequest('grant', 'u', [[TBL, ['GRANT_PRIVILEGE']]]),
        projectRequest('grant', P, [[TBL, ['DROP_TABLE', 'SELECT', 'INSERT_OVERWRITE_TABLE']]]),
        projectRequest('grant', P, [['databases.db2', ['ALL']]]),
      ],
      catalog,
    );
    expect(summarise(diagnostics)).toEqual([
      ['grant-option-shared', 0, 0, TBL, 'GRANT_PRIVILEGE'],
      ['destructive-to-project', 1, 0, TBL, 'DROP_TABLE'],
      ['destructive-to-project', 1, 0, TBL, 'INSERT_OVERWRITE_TABLE'],
      ['grant-option-shared', 2, 0, 'databases.db2', 'ALL'],
      ['destructive-to-project', 2, 0, 'databases.db2', 'ALL'],
    ]);
    expect(grantLines(state)).toHaveLength(5);
  });

  test('diagnostics point at the privilege name in the file', () => {
    const text = `{"projectId": "${P}", "action": "grant",\n "privileges": [{"object": "databases.db1",\n   "privileges": ["SELECT", "DISPLAY_DATABASE"]}]}`;
    const doc = parseSourceText(text, 'grant.json');
    const request = normaliseDliRequest(doc.value, { source: doc });
    const { diagnostics } = replayRequests([request], catalog);
    expect(summarise(diagnostics)).toEqual([
      ['privilege-not-for-project', 0, 0, 'databases.db1', 'DISPLAY_DATABASE'],
    ]);
    expect(diagnostics[0]!.position).toEqual({
      file: 'grant.json',
      line: 3,
      column: 29,
      path: 'privileges[0].privileges[1]',
    });
  });
});
