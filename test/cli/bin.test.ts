/** The built executable, as a user runs it: `npm test` builds dist/ first (pretest). */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/bin.js');

describe('the permgraph executable', () => {
  it('prints its version', () => {
    const version = (
      JSON.parse(
        execFileSync(
          'node',
          ['-e', 'process.stdout.write(require("fs").readFileSync("package.json","utf8"))'],
          { cwd: root, encoding: 'utf8' },
        ),
      ) as { version: string }
    ).version;
    expect(execFileSync('node', [bin, '--version'], { encoding: 'utf8' })).toBe(`${version}\n`);
  });

  it('sets the exit code: 1 for a denial, with the answer on stdout', () => {
    const run = spawnSync(
      'node',
      [
        bin,
        'can',
        'alice',
        'rds.instance.create',
        '--with',
        'encrypted',
        '--project',
        'cn-north-1',
        '-m',
        'examples/rds-team',
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe(
      'DENIED (not granted)  user:alice → rds.instance.create+encrypted in project cn-north-1',
    );
    expect(run.stderr).toBe('');
  });

  it('exits 2 on bad input without a stack trace', () => {
    const run = spawnSync(
      'node',
      [bin, 'can', 'alice', 'rds:instance:list', '-m', 'test/fixtures/bad/syntax.yaml'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^permgraph: test\/fixtures\/bad\/syntax\.yaml:4:1: invalid YAML/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
