/**
 * Every DLI sample from the real APIs (`../shared/real-inputs/dli`): request bodies normalise
 * and replay; query responses are recognised and import into the same grants; what cannot be
 * used fails with a PermgraphError that has a position.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { PermgraphError } from '../../src/errors.js';
import { readDliFile } from '../../src/dli/file.js';
import { replayRequests } from '../../src/dli/replay.js';
import { catalog, grantLines, summarise } from './helpers.js';

const directory = fileURLToPath(new URL('../../../shared/real-inputs/dli/', import.meta.url));
const files = existsSync(directory)
  ? readdirSync(directory)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];

/** What each file gives: its kind, the grants it replays to, and its administrator entries. */
const expected: Record<string, { kind: string; grants: string[]; administrators: string[] }> = {
  'otc-dli__check_permissions_granted__b00.json': {
    kind: 'object-privileges',
    grants: ['user:user1 jobs.flink.9561 GET'],
    administrators: ['testuser1 jobs.flink.9561'],
  },
  'otc-dli__grant_data_permission_to_users__b00.json': {
    kind: 'requests',
    grants: [
      'user:user2 databases.db1 SELECT',
      'user:user2 databases.db1.tables.tb2.columns.column1 SELECT',
      'user:user2 databases.db1.tables.tbl DROP_TABLE',
    ],
    administrators: [],
  },
  'otc-dli__grant_data_permission_to_users__b01.json': {
    kind: 'ack',
    grants: [],
    administrators: [],
  },
  'otc-dli__grant_queue_permissions__b00.json': {
    kind: 'requests',
    grants: ['user:tenant2 queues.queue1 DROP_QUEUE', 'user:tenant2 queues.queue1 SUBMIT_JOB'],
    administrators: [],
  },
  'otc-dli__grant_queue_permissions__b01.json': { kind: 'ack', grants: [], administrators: [] },
  'otc-dli__query_database_users__b00.json': {
    kind: 'database-users',
    grants: [
      'user:scuser1 databases.dsstest ALTER_TABLE_ADD_PARTITION',
      'user:scuser2 databases.dsstest CREATE_TABLE',
    ],
    administrators: ['test databases.dsstest'],
  },
  'otc-dli__query_datasource_connection_authorization__b00.json': {
    kind: 'connection-privileges',
    grants: [
      'project:330e068af1334c9782f4226acc00a2e2 edsconnections.503fc86a-5e60-4349-92c2-7e399404fa8a BIND_QUEUE',
    ],
    administrators: [],
  },
  'otc-dli__query_queue_users__b00.json': {
    kind: 'queue-users',
    grants: ['user:user2 queues.queue1 SUBMIT_JOB'],
    administrators: ['tenant1 queues.queue1'],
  },
  'otc-dli__query_table_users__b00.json': {
    kind: 'table-users',
    grants: ['user:tent2 databases.dsstest.tables.csv_par_table SELECT'],
    administrators: ['tent4 databases.dsstest.tables.csv_par_table'],
  },
  'otc-dli__query_user_table_permissions__b00.json': {
    kind: 'user-table-privileges',
    grants: [
      'user:scuser1 databases.dsstest.tables.obs_2312 DESCRIBE_TABLE',
      'user:scuser1 databases.dsstest.tables.obs_2312.columns.id SELECT',
    ],
    administrators: [],
  },
};

const absent = files.length === 0;
// Vitest fails a file that registers no test at all, so without the samples the suites are
// registered as skipped rather than left out.
if (absent) console.log(`real DLI inputs not found at ${directory}; their tests are skipped`);

describe.skipIf(absent)('real DLI inputs', () => {
  test('every file has an expectation', () => {
    expect(files).toEqual(Object.keys(expected).sort());
  });

  test.each(files)('%s', (name) => {
    const contents = readDliFile(join(directory, name));
    const { state, diagnostics } = replayRequests(contents.requests, catalog);
    expect({
      kind: contents.kind,
      grants: grantLines(state),
      administrators: contents.administrators.map((a) => `${a.user} ${a.object}`),
    }).toEqual(expected[name]);
    expect(summarise(diagnostics)).toEqual([]);
  });

  test('imported grants point at the response entry they came from', () => {
    const contents = readDliFile(join(directory, 'otc-dli__query_queue_users__b00.json'));
    const { state } = replayRequests(contents.requests, catalog);
    const grant = [...state.scopes.get('')!.get('user:user2')!.get('queues.queue1')!.values()][0]!;
    expect([grant.position?.line, grant.position?.column, grant.position?.path]).toEqual([
      16,
      9,
      'privileges[1].privileges[0]',
    ]);
  });
});

describe.skipIf(absent)('damaged real inputs fail with a position', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'permgraph-dli-real-'));
  const damage: [string, string, (text: string) => string, string, string][] = [
    [
      'truncated',
      'otc-dli__query_queue_users__b00.json',
      (t) => t.slice(0, 120),
      'E_PARSE',
      'invalid JSON: ',
    ],
    [
      'privileges as a string',
      'otc-dli__grant_data_permission_to_users__b00.json',
      (t) => t.replace(/\[\s*"DROP_TABLE"\s*\]/, '"DROP_TABLE"'),
      'E_DLI',
      'invalid DLI request at privileges[1].privileges: must be a list; found "DROP_TABLE"',
    ],
    [
      'a failed query',
      'otc-dli__query_table_users__b00.json',
      (t) => t.replace('"is_success": true', '"is_success": false'),
      'E_DLI',
      'invalid DLI response at is_success: the API reported a failure: ',
    ],
    [
      'a queue body without its user',
      'otc-dli__grant_queue_permissions__b00.json',
      (t) => t.replace('"user_name": "tenant2",', ''),
      'E_DLI',
      'invalid DLI request at request: missing field "user_name"',
    ],
  ];

  test.each(damage)('%s', (_, name, edit, code, message) => {
    const file = join(scratch, name);
    writeFileSync(file, edit(readFileSync(join(directory, name), 'utf8')));
    let caught: unknown;
    try {
      readDliFile(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PermgraphError);
    const error = caught as PermgraphError;
    expect(error.code).toBe(code);
    expect(error.message.startsWith(message)).toBe(true);
    expect(error.position?.file).toBe(file);
    expect(error.position?.line).toBeGreaterThan(0);
  });
});
