/**
 * `permgraph export-script` prints a script that bash accepts, and that, run against an IAM
 * endpoint (here a local stand-in serving a model's responses), writes exactly the layout
 * `import iam-api` reads, following `links.next` and `page`/`per_page`.
 */
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { exportScript } from '../../src/import/export-script.js';
import { importIamExport } from '../../src/import/iam-api/read.js';
import { writeIamExport } from '../../src/import/iam-api/write.js';
import { readModelFiles } from '../../src/model/load.js';
import { runCli } from '../cli/run-helper.js';
import { root, scratchDir, summary } from './helpers.js';

const catalog = loadCatalog();
const script = exportScript('test');
const hasTools = ['curl', 'jq'].every(
  (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0,
);
if (!hasTools) console.log('curl or jq is missing here: the export script is only syntax-checked');

describe('export-script', () => {
  it('prints the script the library builds', async () => {
    const { code, stdout } = await runCli(['export-script']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('#!/usr/bin/env bash');
    expect(stdout).toContain('X-Auth-Token: $HW_IAM_TOKEN');
  });

  it('is valid bash (bash -n)', () => {
    const file = join(scratchDir('script'), 'export.sh');
    writeFileSync(file, script);
    const result = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe.runIf(hasTools)('export-script against a local IAM stand-in', () => {
  const source = scratchDir('script-source');
  const responses = new Map<string, string>();
  const tokens: string[] = [];
  let server: Server;
  let endpoint = '';

  beforeAll(async () => {
    const model = readModelFiles(join(root, 'test/fixtures/import/round-trip.yaml'))[0];
    for (const entry of writeIamExport(model!.data, catalog, source)) {
      responses.set(
        entry.request.slice('GET '.length),
        readFileSync(join(source, entry.file), 'utf8'),
      );
    }
    server = createServer((request, response) => {
      tokens.push(String(request.headers['x-auth-token']));
      const body = answer(request.url ?? '');
      response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
      response.end(
        body ?? JSON.stringify({ error: { code: 404, title: 'Not Found', message: request.url } }),
      );
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  /** `/v3/users` answers in two pages joined by `links.next`, as Keystone-style lists may. */
  function answer(url: string): string | undefined {
    const users = JSON.parse(responses.get('/v3/users') as string) as { users: unknown[] };
    if (url === '/v3/users')
      return JSON.stringify({
        users: users.users.slice(0, 2),
        links: { next: `${endpoint}/v3/users?marker=2` },
      });
    if (url === '/v3/users?marker=2')
      return JSON.stringify({ users: users.users.slice(2), links: { next: null } });
    return responses.get(url);
  }

  it('exports the layout, and the import gives back the model', async () => {
    const work = scratchDir('script-run');
    writeFileSync(join(work, 'export.sh'), script);
    await promisify(execFile)('bash', ['export.sh', 'out'], {
      cwd: work,
      env: { PATH: process.env.PATH, HW_IAM_TOKEN: 'token-1', HW_IAM_ENDPOINT: endpoint },
    });
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    const manifest = JSON.parse(readFileSync(join(work, 'out/manifest.json'), 'utf8')) as {
      responses: { request: string }[];
    };
    expect(manifest.responses.map((r) => r.request)).toContain('GET /v3/users?marker=2');
    const original = importIamExport(source, catalog);
    const exported = importIamExport(join(work, 'out'), catalog);
    expect(exported.warnings).toEqual([]);
    expect(summary(exported).yaml).toBe(summary(original).yaml);
  });
});
