/** A reader that closes early (`permgraph lint | head -c 0`): permgraph stops quietly. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/bin.js');

/** Runs the built CLI with its stdout piped to a reader that closes before anything arrives. */
function runIntoClosedPipe(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn('node', [bin, ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stderr }));
  });
}

describe('stdout closed by the reader', () => {
  it('lint -f sarif: no EPIPE and no stack trace, exit 141 as for SIGPIPE', async () => {
    const { status, stderr } = await runIntoClosedPipe([
      'lint',
      'examples/rds-team',
      '-f',
      'sarif',
    ]);
    expect(stderr).toBe('');
    expect(status).toBe(141);
  });

  it('graph -f html: no EPIPE and no stack trace', async () => {
    const { status, stderr } = await runIntoClosedPipe([
      'graph',
      'frank',
      '-f',
      'html',
      '-m',
      'examples/rds-custom-deny',
    ]);
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).toBe('');
    expect(status).toBe(141);
  });
});
