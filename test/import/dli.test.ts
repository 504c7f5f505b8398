import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { importDli } from '../../src/import/dli.js';
import { modelToYaml } from '../../src/import/yaml.js';
import { account, catchPermgraphError } from '../helpers.js';
import { scratchDir } from './helpers.js';

const catalog = loadCatalog();
const realDir = new URL('../../../shared/real-inputs/dli/', import.meta.url).pathname;

/** Imports `path` and returns an account to ask, through the model text the import writes. */
function imported(path: string, project = 'cn-north-4') {
  const result = importDli(path, { project, partial: true });
  const text = modelToYaml(result.file.data);
  return { result, account: account(text, catalog) };
}

if (!existsSync(realDir))
  console.log(`real-inputs: ${realDir} is absent; skipping the DLI import corpus tests`);

describe.runIf(existsSync(realDir))(
  'permgraph import dli on the real request and response files',
  () => {
    it('reads every file of the directory and gives the answers the files describe', () => {
      const { result, account: a } = imported(realDir);
      const on = (object: string) => ({ project: 'cn-north-4', on: object });
      // grant_data_permission_to_users: user2 got SELECT on db1 and DROP_TABLE on db1.tbl.
      expect(a.decision('user2', 'SELECT', on('databases.db1.tables.any'))).toBe('allow');
      expect(a.decision('user2', 'DROP_TABLE', on('databases.db1.tables.tbl'))).toBe('allow');
      expect(a.decision('user2', 'DROP_TABLE', on('databases.db1.tables.other'))).toBe(
        'implicit-deny',
      );
      // query_table_users: tent2 holds SELECT on csv_par_table.
      expect(a.decision('tent2', 'SELECT', on('databases.dsstest.tables.csv_par_table'))).toBe(
        'allow',
      );
      // query_database_users: scuser2 holds CREATE_TABLE on dsstest.
      expect(a.decision('scuser2', 'CREATE_TABLE', on('databases.dsstest'))).toBe('allow');
      // query_queue_users: tenant2 may submit jobs to queue1.
      expect(a.decision('tenant2', 'SUBMIT_JOB', on('queues.queue1'))).toBe('allow');
      // is_admin entries are owners or administrators; the import says it leaves them out.
      expect(
        result.warnings.map((w) => w.message).filter((m) => m.includes('is_admin')),
      ).toHaveLength(4);
    });

    it('every real file is read: none is skipped with a warning other than is_admin entries', () => {
      const files = readdirSync(realDir).filter((f) => f.endsWith('.json'));
      expect(files.length).toBe(10);
      for (const file of files) {
        const { result } = imported(join(realDir, file));
        const other = result.warnings.filter((w) => !w.message.includes('is_admin'));
        expect(other, file).toEqual([]);
      }
    });

    it('a body that is neither a request nor a known response exits with its file and position', () => {
      const dir = new URL('../fixtures/import/', import.meta.url).pathname;
      const bad = join(dir, 'dli-bad.json');
      expect(JSON.parse(readFileSync(bad, 'utf8'))).toBeDefined();
      const error = catchPermgraphError(() => importDli(bad, {}));
      expect(error.code).toBe('E_DLI');
      expect(error.position?.file).toBe(bad);
      expect(error.position?.line).toBeGreaterThan(0);
    });
  },
);

describe('import dli names what a file is when it is not DLI input', () => {
  const write = (name: string, text: string): string => {
    const file = join(scratchDir('dli-foreign'), name);
    writeFileSync(file, text);
    return file;
  };

  it('a DLI error response', () => {
    const file = write('error.json', '{"error_code": "DLI.0001", "error_msg": "no such queue"}');
    const error = catchPermgraphError(() => importDli(file, {}));
    expect([error.code, error.message]).toEqual([
      'E_DLI',
      'the file is a DLI error response (DLI.0001: no such queue), not a grant request or privilege listing',
    ]);
  });

  it('a file of another kind (an IAM listing)', () => {
    const file = write('users.json', '{"users": [{"id": "u1", "name": "alice"}]}');
    const error = catchPermgraphError(() => importDli(file, {}));
    expect([error.code, error.message, error.position?.line]).toEqual([
      'E_DLI',
      'not a DLI grant request or privilege query response: it has the keys users, and a request has user_name or projectId, action and privileges',
      1,
    ]);
  });

  it('an empty list of requests imports nothing, with a warning', () => {
    const result = importDli(write('empty.json', '[]'), {});
    expect(result.file.data.dli).toBeUndefined();
    expect(result.warnings.map((w) => w.message)).toEqual([
      'the file holds an empty list: no DLI grant request',
    ]);
  });
});
