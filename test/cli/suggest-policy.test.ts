import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-helper.js';

const root = join(import.meta.dirname, '../..');
const dba = join(root, 'examples', 'rds-dba');

describe('permgraph suggest-policy', () => {
  it('writes the documents to -o DIR and says where (exit 0 when checked and clean)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'permgraph-suggest-'));
    const { code, stdout } = await runCli(['suggest-policy', '-o', join(dir, 'out')], dba);
    expect(code).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toEqual(['dba-least-privilege.json']);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'dba-least-privilege.json'), 'utf8'))).toEqual({
      Version: '1.1',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['rds:backup:create', 'rds:instance:delete', 'rds:instance:restart'],
        },
      ],
    });
    expect(stdout).toContain('  written to ');
    expect(stdout).toContain('lint: clean');
  });

  it('writes nothing when the output directory cannot be made (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'permgraph-suggest-'));
    writeFileSync(join(dir, 'taken'), 'a file, not a directory');
    const { code, stderr } = await runCli(['suggest-policy', '-o', join(dir, 'taken')], dba);
    expect(code).toBe(2);
    expect(stderr).toContain('nothing was written');
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  it('prints JSON documents as the JSON to create', async () => {
    const { code, stdout } = await runCli(['suggest-policy', 'group:dba', '-f', 'json'], dba);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      suggestions: { principal: string; documents: { name: string; type: string }[] }[];
    };
    expect(
      result.suggestions.map((s) => [s.principal, s.documents.map((d) => [d.name, d.type])]),
    ).toEqual([['group:dba', [['dba-least-privilege', 'XA']]]]);
    expect(existsSync(join(dba, 'dba-least-privilege.json'))).toBe(false);
  });

  it('rejects an intent number the model does not have (exit 2)', async () => {
    const { code, stderr } = await runCli(['suggest-policy', '--intent', '7'], dba);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'permgraph: no intent "7"\n  hint: the model has 1 intent: give a number from 1 to 1, or intents[0]…\n',
    );
  });
});
