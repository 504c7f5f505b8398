/** `-o FILE`: whole or not at all, through symbolic links, and never replacing a device. */
import { spawn, execFileSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-helper.js';

const lintArgs = ['lint', 'examples/rds-team'];
let report = '';

beforeAll(async () => {
  report = (await runCli(lintArgs)).stdout;
  expect(report.startsWith('examples/rds-team/permgraph.yaml\n')).toBe(true);
});

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'permgraph-output-'));
}

describe('-o FILE through a symbolic link', () => {
  it('replaces the file the link points to and keeps the link', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'reports'));
    writeFileSync(join(dir, 'reports', 'lint.txt'), 'old report\n');
    symlinkSync('reports/lint.txt', join(dir, 'latest.txt'));
    const { code, stderr } = await runCli([...lintArgs, '-o', join(dir, 'latest.txt')]);
    expect([code, stderr]).toEqual([1, '']);
    expect(lstatSync(join(dir, 'latest.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'reports', 'lint.txt'), 'utf8')).toBe(report);
    expect(readdirSync(dir).sort()).toEqual(['latest.txt', 'reports']);
    expect(readdirSync(join(dir, 'reports'))).toEqual(['lint.txt']);
  });

  it('creates the file a dangling link names', async () => {
    const dir = scratch();
    symlinkSync('later.txt', join(dir, 'link.txt'));
    const { code } = await runCli([...lintArgs, '-o', join(dir, 'link.txt')]);
    expect(code).toBe(1);
    expect(lstatSync(join(dir, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'later.txt'), 'utf8')).toBe(report);
  });

  it('keeps the permissions of the file it replaces', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'private.txt'), 'old\n');
    chmodSync(join(dir, 'private.txt'), 0o600);
    await runCli([...lintArgs, '-o', join(dir, 'private.txt')]);
    expect(statSync(join(dir, 'private.txt')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'private.txt'), 'utf8')).toBe(report);
  });
});

describe('-o on something that is not a regular file', () => {
  it('writes to /dev/null in place: it stays a character device', async () => {
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    const { code, stdout, stderr } = await runCli([...lintArgs, '-o', '/dev/null']);
    expect([code, stdout, stderr]).toEqual([1, '', '']);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('reports a full device as an error naming it (exit 2); /dev/full stays a device', async () => {
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
    const { code, stderr } = await runCli([...lintArgs, '-o', '/dev/full']);
    expect(code).toBe(2);
    expect(stderr).toBe('permgraph: cannot write /dev/full: no space left on device (ENOSPC)\n');
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('writes into a FIFO for its reader, and the FIFO stays one', async () => {
    const fifo = join(scratch(), 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    let read = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => (read += chunk));
    const closed = new Promise((done) => reader.on('close', done));
    const { code } = await runCli([...lintArgs, '-o', fifo]);
    await closed;
    expect(code).toBe(1);
    expect(read).toBe(report);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('refuses a directory (exit 2)', async () => {
    const dir = scratch();
    const { code, stderr } = await runCli([...lintArgs, '-o', dir]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `permgraph: cannot write ${dir}: it is a directory\n  hint: give -o the name of a file to write\n`,
    );
  });

  it('names the file when its directory does not exist (exit 2)', async () => {
    const missing = join(scratch(), 'no', 'such.txt');
    const { code, stderr } = await runCli([...lintArgs, '-o', missing]);
    expect(code).toBe(2);
    expect(stderr).toBe(`permgraph: cannot write ${missing}: no such file or directory (ENOENT)\n`);
  });
});

describe('-o ""', () => {
  const fileCommands = [
    ['lint', 'examples/rds-team'],
    ['graph', 'alice', '-m', 'examples/rds-team'],
    ['test', 'examples/rds-team/tests/access.yaml', '-m', 'examples/rds-team'],
    ['import', 'terraform', 'examples/terraform-rds'],
  ];
  it.each(fileCommands)('%s: a usage error (exit 2)', async (...args: string[]) => {
    const { code, stdout, stderr } = await runCli([...args, '-o', '']);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe('permgraph: -o needs a file name\n  hint: for example -o report.txt\n');
  });

  it('suggest-policy: a usage error that asks for a directory (exit 2)', async () => {
    const { code, stderr } = await runCli(['suggest-policy', '-m', 'examples/rds-dba', '-o', '']);
    expect(code).toBe(2);
    expect(stderr).toBe('permgraph: -o needs a directory name\n  hint: for example -o policies\n');
  });
});
