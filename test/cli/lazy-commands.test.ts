/**
 * The CLI loads only the command a line names (start-up time), yet help and "did you mean"
 * still see every command.
 */
import { describe, expect, it } from 'vitest';
import { commandNames, registrarsFor } from '../../src/cli/commands/index.js';
import { run } from '../../src/cli/run.js';

function io() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s) },
      cwd: process.cwd(),
      env: {},
    },
  };
}

describe('command loading', () => {
  it('loads the named command alone, none for --version, all for help or an unknown name', async () => {
    expect(await registrarsFor(['can', 'alice', 'rds:instance:list'])).toHaveLength(1);
    expect(await registrarsFor(['help', 'lint'])).toHaveLength(1);
    expect(await registrarsFor(['--version'])).toHaveLength(0);
    expect(await registrarsFor(['--help'])).toHaveLength(commandNames.length);
    expect(await registrarsFor([])).toHaveLength(commandNames.length);
    expect(await registrarsFor(['cna'])).toHaveLength(commandNames.length);
    expect(commandNames).toHaveLength(14);
  });

  it('still lists every command in --help and suggests the nearest for a typo', async () => {
    const help = io();
    expect(await run(['--help'], help.io)).toBe(0);
    for (const name of commandNames) expect(help.out.stdout).toContain(`  ${name} `);
    const typo = io();
    expect(await run(['who-cna'], typo.io)).toBe(2);
    expect(typo.out.stderr).toContain('(Did you mean who-can?)');
  });
});
