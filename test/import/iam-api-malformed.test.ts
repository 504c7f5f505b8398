/**
 * Malformed and partial IAM API exports: without `--partial` the import stops at the first
 * problem (exit 2) naming the file, line, column and JSON path; with `--partial` it imports
 * what is valid and warns once per skipped item.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { importIamExport } from '../../src/import/iam-api/read.js';
import { catchPermgraphError } from '../helpers.js';
import { runCli } from '../cli/run-helper.js';
import { scratchDir, summary, writeExport, type ExportEntry } from './helpers.js';

const catalog = loadCatalog();

const groups: ExportEntry = {
  request: 'GET /v3/groups',
  body: {
    groups: [
      { id: 'g1', name: 'dba' },
      { id: 'g2', description: 'no name' },
    ],
  },
};
const roles: ExportEntry = {
  request: 'GET /v3/roles',
  body: {
    roles: [
      {
        id: 'r1',
        display_name: 'RDS FullAccess',
        name: 'system_all_14',
        catalog: 'RDS',
        type: 'XA',
      },
    ],
  },
};
const assignments: ExportEntry = {
  request: 'GET /v3.0/OS-PERMISSION/role-assignments?domain_id=d1',
  body: {
    role_assignments: [
      {
        group: { id: 'g1' },
        role: { id: 'r1' },
        scope: { domain: { id: 'd1' } },
        is_inherited: true,
      },
      { group: { id: 'g1' }, scope: { domain: { id: 'd1' } } },
      { group: { id: 'g9' }, role: { id: 'r1' }, scope: { project: { id: 'p9' } } },
      { user: { id: 'u1' }, role: { id: 'r1' }, scope: {} },
    ],
  },
};
const custom: ExportEntry = {
  request: 'GET /v3.0/OS-ROLE/roles',
  body: {
    roles: [
      {
        id: 'c1',
        display_name: 'rds-read',
        type: 'XA',
        policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['rds:*:list*'] }] },
      },
      {
        id: 'c2',
        display_name: 'rds-typo',
        type: 'XA',
        policy: { Version: '1.1', Statement: [{ Effect: 'Permit', Action: ['rds:*:*'] }] },
      },
    ],
  },
};
const users: ExportEntry = {
  request: 'GET /v3/users',
  body: { users: [{ id: 'u1', name: 'alice' }] },
};

function exportOf(...entries: ExportEntry[]): string {
  return writeExport(scratchDir('iam-bad'), entries);
}

/** `file:line:column` (file name only) and message of the error an import throws. */
function failure(dir: string): string {
  const error = catchPermgraphError(() => importIamExport(dir, catalog));
  const at = error.position;
  return `${error.code} ${at ? `${at.file.split('/').pop()}:${at.line}:${at.column}` : '-'} ${error.message}`;
}

describe('malformed IAM API exports', () => {
  it('an item without a name: exit 2 at the item, with its JSON path', () => {
    expect(failure(exportOf(groups))).toBe(
      'E_SCHEMA response-0.json:7:5 GET /v3/groups: an item without "name" (at groups[1])',
    );
  });

  it('a role assignment without role.id: at the record', () => {
    const dir = exportOf({ ...groups, body: { groups: [{ id: 'g1', name: 'dba' }] } }, roles, {
      ...assignments,
      body: {
        role_assignments: [
          (assignments as { body: { role_assignments: unknown[] } }).body.role_assignments[1],
        ],
      },
    });
    expect(failure(dir)).toBe(
      'E_SCHEMA response-2.json:3:5 a role assignment without role.id (at role_assignments[0].role)',
    );
  });

  it('a record naming a group the export does not list: at the id in the record', () => {
    const dir = exportOf({ ...groups, body: { groups: [{ id: 'g1', name: 'dba' }] } }, roles, {
      ...assignments,
      body: {
        role_assignments: [
          (assignments as { body: { role_assignments: unknown[] } }).body.role_assignments[2],
        ],
      },
    });
    expect(failure(dir)).toBe(
      "E_REFERENCE response-2.json:5:9 GET /v3.0/OS-PERMISSION/role-assignments?domain_id=d1: group g9 is not in the export's group list (at role_assignments[0].group.id)",
    );
  });

  it('a custom policy whose document is invalid: at the statement field', () => {
    expect(failure(exportOf(custom))).toBe(
      'E_POLICY response-0.json:27:13 policy "rds-typo": Statement[0].Effect must be "Allow" or "Deny", got "Permit" (at roles[1].policy.Statement[0].Effect)',
    );
  });

  it('a response file the manifest lists but the export lacks: at the manifest entry', () => {
    const dir = exportOf(users);
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        format: 'permgraph-iam-export',
        version: 1,
        responses: [{ request: 'GET /v3/users', file: 'users.json' }],
      }),
    );
    expect(failure(dir)).toBe(
      'E_READ manifest.json:1:86 manifest.json: GET /v3/users was saved in users.json, which is missing (at responses[0].file)',
    );
  });

  it('a manifest of another format: at its "format"', () => {
    const dir = exportOf(users);
    writeFileSync(join(dir, 'manifest.json'), '{"format": "other", "version": 1, "responses": []}');
    expect(failure(dir)).toBe(
      'E_SCHEMA manifest.json:1:2 manifest.json: "format" must be "permgraph-iam-export"',
    );
  });

  it('a response that is a list, not an object: at the file', () => {
    expect(failure(exportOf({ request: 'GET /v3/users', body: [] }))).toBe(
      'E_SCHEMA response-0.json:1:1 GET /v3/users: the response is not a JSON object',
    );
  });
});

describe('exports with pages missing', () => {
  const dba = { request: 'GET /v3/groups', body: { groups: [{ id: 'g1', name: 'dba' }] } };

  it('a links.next no saved request follows: exit 2 at the link', () => {
    const dir = exportOf({
      request: 'GET /v3/users',
      body: {
        users: [{ id: 'u1', name: 'alice' }],
        links: { next: 'https://iam.myhuaweicloud.com/v3/users?marker=u1' },
      },
    });
    expect(failure(dir)).toBe(
      'E_READ response-0.json:9:5 GET /v3/users: the next page (/v3/users?marker=u1) is not in the export; the list is incomplete (at links.next)',
    );
  });

  it('the next page saved: imported whole', () => {
    const dir = exportOf(
      {
        request: 'GET /v3/users',
        body: {
          users: [{ id: 'u1', name: 'alice' }],
          links: { next: 'https://iam.myhuaweicloud.com/v3/users?marker=u1' },
        },
      },
      {
        request: 'GET /v3/users?marker=u1',
        body: { users: [{ id: 'u2', name: 'bob' }], links: { next: null } },
      },
    );
    const result = importIamExport(dir, catalog);
    expect(result.file.data.users.map((u) => u.name)).toEqual(['alice', 'bob']);
    expect(result.warnings).toEqual([]);
  });

  it('fewer role assignments than total_num: exit 2, or a warning with --partial', () => {
    const page = (n: number, records: unknown[]): ExportEntry => ({
      request: `GET /v3.0/OS-PERMISSION/role-assignments?domain_id=d1&page=${n}&per_page=1`,
      body: { role_assignments: records, total_num: 3 },
    });
    const record = { group: { id: 'g1' }, role: { id: 'r1' }, scope: { domain: { id: 'd1' } } };
    const dir = exportOf(
      dba,
      roles,
      page(1, [record]),
      page(2, [{ ...record, is_inherited: true }]),
    );
    expect(failure(dir)).toBe(
      'E_READ response-2.json:1:1 /v3.0/OS-PERMISSION/role-assignments: the export holds 2 of the 3 items the API counts; pages are missing',
    );
    const partial = importIamExport(dir, catalog, { partial: true });
    expect(summary(partial).warnings).toEqual([
      'skipped: response-2.json:1: /v3.0/OS-PERMISSION/role-assignments: the export holds 2 of the 3 items the API counts; pages are missing',
    ]);
    expect(partial.file.data.groups[0]?.grants).toEqual([
      { permission: 'RDS FullAccess', scope: 'global' },
      { permission: 'RDS FullAccess', scope: 'all' },
    ]);
  });
});

describe('--partial', () => {
  const dir = exportOf(users, groups, roles, custom, assignments);

  it('imports what is valid, one warning per skipped item', () => {
    const result = importIamExport(dir, catalog, { partial: true });
    expect(summary(result).warnings).toEqual([
      'skipped: response-1.json:7: GET /v3/groups: an item without "name" (at groups[1])',
      'skipped: response-3.json:27: policy "rds-typo": Statement[0].Effect must be "Allow" or "Deny", got "Permit" (at roles[1].policy.Statement[0].Effect)',
      'skipped: response-4.json:17: a role assignment without role.id (at role_assignments[1].role)',
      "skipped: response-4.json:29: GET /v3.0/OS-PERMISSION/role-assignments?domain_id=d1: group g9 is not in the export's group list (at role_assignments[2].group.id)",
      'skipped: response-4.json:47: a role assignment without scope.project, scope.domain or scope.enterprise_project (at role_assignments[3].scope)',
    ]);
    expect(summary(result).yaml).toBe(`version: 1
users:
  - name: alice
    id: u1
groups:
  - name: dba
    id: g1
    grants:
      - permission: RDS FullAccess
        scope: all
policies:
  - name: rds-read
    type: XA
    document:
      Version: "1.1"
      Statement:
        - Effect: Allow
          Action:
            - rds:*:list*
`);
  });

  it('the command line: exit 2 without --partial, 0 with it and the warnings on stderr', async () => {
    const strict = await runCli(['import', 'iam-api', dir], dir);
    expect(strict.code).toBe(2);
    expect(strict.stdout).toBe('');
    expect(strict.stderr.split('\n')[0]).toBe(
      'permgraph: response-1.json:7:5: GET /v3/groups: an item without "name" (at groups[1])',
    );
    const partial = await runCli(['import', 'iam-api', '.', '--partial'], dir);
    expect(partial.code).toBe(0);
    expect(partial.stdout).toContain('permission: RDS FullAccess');
    expect(partial.stderr.trim().split('\n')).toHaveLength(5);
    expect(partial.stderr.split('\n')[0]).toBe(
      'permgraph: warning: response-1.json:7:5: skipped: GET /v3/groups: an item without "name" (at groups[1])',
    );
  });

  it('-m iam-api:DIR stops at bad input with exit 2 (can has no --partial)', async () => {
    const outcome = await runCli(['can', 'alice', 'rds:instance:list', '-m', `iam-api:${dir}`]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('an item without "name" (at groups[1])');
  });
});
