import { describe, expect, test } from 'vitest';
import {
  effectivePrivileges,
  grantedPrivileges,
  type DliGrantMatch,
} from '../../src/dli/grants.js';
import { replayRequests } from '../../src/dli/replay.js';
import { normaliseDliRequest } from '../../src/dli/request.js';
import { parseSourceText } from '../../src/model/source.js';
import { catalog, summarise, userRequest } from './helpers.js';

const P = '0732e57c728025922f04c01273686950';
const project = { kind: 'project', id: P } as const;
const user = { kind: 'user', name: 'u' } as const;

/** Matches as `object privilege inherited|direct [all]` strings. */
function describeMatches(matches: DliGrantMatch[]): string[] {
  return matches.map(
    (m) =>
      `${m.grant.object} ${m.grant.privilege} ${m.inherited ? 'inherited' : 'direct'}${m.viaAll ? ' all' : ''}`,
  );
}

describe("the seed's project grant", () => {
  const text = `{
  "projectId": "${P}",
  "action": "grant",
  "privileges": [
    { "object": "databases.db1.tables.tb2.columns.column1", "privileges": ["SELECT"] },
    { "object": "databases.db1.tables.tbl", "privileges": ["DROP_TABLE"] },
    { "object": "databases.db1", "privileges": ["SELECT"] }
  ]
}`;
  const doc = parseSourceText(text, 'seed.json');
  const { state, diagnostics } = replayRequests(
    [normaliseDliRequest(doc.value, { source: doc })],
    catalog,
  );

  test('SELECT on another table of db1 comes from the database grant, with its position', () => {
    const matches = grantedPrivileges(state, project, 'databases.db1.tables.other', 'SELECT');
    expect(describeMatches(matches)).toEqual(['databases.db1 SELECT inherited']);
    expect(matches[0]!.grant.position).toEqual({
      file: 'seed.json',
      line: 7,
      column: 49,
      path: 'privileges[2].privileges[0]',
    });
  });

  test('DROP_TABLE on another table is not granted', () => {
    expect(grantedPrivileges(state, project, 'databases.db1.tables.other', 'DROP_TABLE')).toEqual(
      [],
    );
  });

  test('DROP_TABLE on tbl is granted there', () => {
    expect(
      describeMatches(grantedPrivileges(state, project, 'databases.db1.tables.tbl', 'DROP_TABLE')),
    ).toEqual(['databases.db1.tables.tbl DROP_TABLE direct']);
  });

  test('the column grant and the database grant both give SELECT on column1', () => {
    const matches = grantedPrivileges(
      state,
      project,
      'databases.db1.tables.tb2.columns.column1',
      'SELECT',
    );
    expect(describeMatches(matches)).toEqual([
      'databases.db1.tables.tb2.columns.column1 SELECT direct',
      'databases.db1 SELECT inherited',
    ]);
  });

  test('a user holds nothing from a project grant', () => {
    expect(grantedPrivileges(state, user, 'databases.db1.tables.other', 'SELECT')).toEqual([]);
  });

  test('the only diagnostic is the destructive privilege shared with the project', () => {
    expect(summarise(diagnostics)).toEqual([
      ['destructive-to-project', 0, 1, 'databases.db1.tables.tbl', 'DROP_TABLE'],
    ]);
  });
});

describe('inheritance', () => {
  const { state } = replayRequests(
    [
      userRequest('grant', 'u', [['databases.db1', ['SELECT', 'DROP_TABLE', 'CREATE_TABLE']]]),
      userRequest('grant', 'u', [['databases.db2.tables.t', ['SELECT', 'DESCRIBE_TABLE']]]),
      userRequest('grant', 'u', [['groups.g', ['USE_GROUP', 'GET_GROUP']]]),
      userRequest('grant', 'u', [['databases.db3', ['ALL']]]),
    ],
    catalog,
  );

  const cases: [string, string, string[]][] = [
    ['SELECT', 'databases.db1.tables.t', ['databases.db1 SELECT inherited']],
    ['SELECT', 'databases.db1.tables.t.columns.c', ['databases.db1 SELECT inherited']],
    ['DROP_TABLE', 'databases.db1.tables.t', ['databases.db1 DROP_TABLE inherited']],
    ['DROP_TABLE', 'databases.db1.tables.t.columns.c', []],
    ['CREATE_TABLE', 'databases.db1', ['databases.db1 CREATE_TABLE direct']],
    ['CREATE_TABLE', 'databases.db1.tables.t', []],
    ['SELECT', 'databases.db2.tables.t.columns.c', ['databases.db2.tables.t SELECT inherited']],
    ['DESCRIBE_TABLE', 'databases.db2.tables.t.columns.c', []],
    ['SELECT', 'databases.db2.tables.other', []],
    ['USE_RESOURCE', 'resources.g/pkg', ['groups.g USE_GROUP inherited']],
    ['GET_RESOURCE', 'resources.g/pkg', ['groups.g GET_GROUP inherited']],
    ['UPDATE_RESOURCE', 'resources.g/pkg', []],
    ['USE_RESOURCE', 'resources.pkg', []],
    ['DROP_DATABASE', 'databases.db3', ['databases.db3 ALL direct all']],
    ['SELECT', 'databases.db3.tables.t.columns.c', ['databases.db3 ALL inherited all']],
    ['CREATE_TABLE', 'databases.db3.tables.t', []],
  ];

  test.each(cases)('%s on %s', (privilege, object, expected) => {
    expect(describeMatches(grantedPrivileges(state, user, object, privilege))).toEqual(expected);
  });

  test('effective privileges of a column', () => {
    const effective = effectivePrivileges(state, user, 'databases.db1.tables.t.columns.c');
    expect([...effective.keys()]).toEqual(['SELECT']);
  });

  test('effective privileges of a table under a database grant', () => {
    const effective = effectivePrivileges(state, user, 'databases.db1.tables.t');
    expect([...effective.keys()]).toEqual(['SELECT', 'DROP_TABLE']);
  });
});

describe('projects', () => {
  const { state } = replayRequests(
    [
      userRequest('grant', 'u', [['databases.db1', ['SELECT']]], 'cn-north-1'),
      userRequest('grant', 'u', [['queues.q1', ['SUBMIT_JOB']]]),
    ],
    catalog,
  );

  const cases: [string, string, string | undefined, number][] = [
    ['SELECT', 'databases.db1.tables.t', 'cn-north-1', 1],
    ['SELECT', 'databases.db1.tables.t', 'cn-north-4', 0],
    ['SELECT', 'databases.db1.tables.t', undefined, 1],
    ['SUBMIT_JOB', 'queues.q1', 'cn-north-4', 1],
  ];

  test.each(cases)('%s on %s in %s', (privilege, object, projectName, count) => {
    expect(
      grantedPrivileges(state, user, object, privilege, { project: projectName }),
    ).toHaveLength(count);
  });
});
