/** Bad input exits 2 with file:line:column and a hint, never a stack trace. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-helper.js';

const bad = join(import.meta.dirname, '../fixtures/bad');

async function fails(args: string[]) {
  const outcome = await runCli(args, bad);
  expect(outcome.code).toBe(2);
  expect(outcome.stdout).toBe('');
  expect(outcome.stderr).not.toMatch(/\n\s+at /);
  return outcome.stderr;
}

describe('bad input', () => {
  it('a DLI request with two grantees names the field, whatever is asked', async () => {
    expect(
      await fails([
        'can',
        'dlitest',
        'rds:instance:list',
        '-p',
        'cn-north-4',
        '-m',
        'dli-two-grantees.yaml',
      ]),
    ).toBe(
      'permgraph: dli-two-grantees.yaml:8:7: invalid DLI request at dli.requests[0].projectId: give exactly one grantee; found user_name and projectId\n  hint: user_name names an IAM user; projectId names another project of the same region\n',
    );
  });

  it('a DLI request with an unknown action says which actions exist', async () => {
    expect(
      await fails([
        'can',
        'dlitest',
        'SELECT',
        '--on',
        'databases.db1',
        '-p',
        'cn-north-4',
        '-m',
        'dli-action.yaml',
      ]),
    ).toBe(
      'permgraph: dli-action.yaml:6:7: invalid DLI request at dli.requests[0].action: must be one of grant, revoke, update; found "give"\n  hint: see schemas/dli-authorization-request.json\n',
    );
  });

  it('a YAML syntax error names file, line and column', async () => {
    expect(await fails(['can', 'alice', 'rds:instance:list', '-m', 'syntax.yaml'])).toMatch(
      /^permgraph: syntax\.yaml:4:1: invalid YAML: .+\n  hint: check indentation and quoting near this line\n$/,
    );
  });

  it('a JSON syntax error names file, line and column', async () => {
    expect(await fails(['can', 'alice', 'rds:instance:list', '-m', 'syntax.json'])).toBe(
      'permgraph: syntax.json:3:22: invalid JSON: property name expected\n  hint: the file must be strict JSON: double-quoted keys and strings, no comments, no trailing commas\n',
    );
  });

  it('a wrong type names the path', async () => {
    expect(await fails(['can', 'alice', 'rds:instance:list', '-m', 'type.yaml'])).toBe(
      'permgraph: type.yaml:3:5: users[0].groups: Invalid input: expected array, received string\n  hint: run `permgraph schema model` for the model format\n',
    );
  });

  it('an unknown reference names the nearest known name', async () => {
    expect(await fails(['can', 'alice', 'rds:instance:list', '-m', 'reference.yaml'])).toBe(
      'permgraph: reference.yaml:3:29: user "alice" is in group "dab", which is not declared\n  hint: did you mean "dba"?\n',
    );
  });

  it('an unknown action exits 2 with a suggestion', async () => {
    expect(await fails(['can', 'alice', 'rds:instance:lst', '-m', 'good.yaml'])).toBe(
      'permgraph: unknown action "rds:instance:lst" (catalog 2026.12.0 (2026-12-03))\n  hint: did you mean "rds:instance:list"?\n',
    );
  });

  it('an unknown principal exits 2', async () => {
    expect(await fails(['can', 'bob', 'rds:instance:list', '-m', 'good.yaml'])).toMatch(
      /^permgraph: unknown user "bob"/,
    );
  });

  it('a missing model file exits 2', async () => {
    expect(await fails(['can', 'alice', 'rds:instance:list', '-m', 'nope.yaml'])).toMatch(
      /^permgraph: cannot read model .*nope\.yaml/,
    );
  });

  it('no model and no default file exits 2 with a hint', async () => {
    expect(await fails(['can', 'alice', 'rds:instance:list'])).toBe(
      'permgraph: no model given and no permgraph/ or permgraph.yaml here\n  hint: pass the model with -m PATH (a file or a directory of YAML/JSON files)\n',
    );
  });

  it('a bad --format is a usage error', async () => {
    const { code, stderr } = await runCli(
      ['can', 'alice', 'rds:instance:list', '-m', 'good.yaml', '--format', 'xml'],
      bad,
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/argument 'xml' is invalid/);
  });

  it('a --context value of the wrong type for its key is a usage error, not a silent mismatch', async () => {
    const base = ['can', 'alice', 'rds:instance:list', '-m', 'good.yaml'];
    expect(await fails([...base, '--context', 'g:MFAPresent=yes'])).toBe(
      'permgraph: --context g:MFAPresent=yes: g:MFAPresent takes "true" or "false"\n',
    );
    expect(await fails([...base, '--context', 'g:SourceIp=garbage'])).toBe(
      'permgraph: --context g:SourceIp=garbage: g:SourceIp takes an IP address such as 192.0.2.10\n',
    );
    expect(await fails([...base, '--context', 'g:CurrentTime=tomorrow'])).toContain(
      'g:CurrentTime takes an ISO 8601 date',
    );
    expect(await fails([...base, '--context', 'permgraph:KnownAfterApply=maybe'])).toBe(
      'permgraph: --context permgraph:KnownAfterApply=maybe: permgraph:KnownAfterApply takes "true" or "false"\n',
    );
    // Keys permgraph does not know keep any value; a known key with a good value is answered.
    expect((await runCli([...base, '--context', 'obs:prefix=x/'], bad)).code).toBe(0);
    expect((await runCli([...base, '--context', 'g:SourceIp=10.1.2.3'], bad)).code).toBe(0);
  });

  it('a --resource that is not a resource URN is a usage error', async () => {
    const base = ['can', 'alice', 'rds:instance:list', '-m', 'good.yaml', '--resource'];
    expect(await fails([...base, 'key-1'])).toBe(
      'permgraph: --resource key-1: expected a resource URN service:region:account:type:path, such as kms:cn-north-4:*:KeyId:key-1\n',
    );
    expect((await runCli([...base, 'rds:cn-north-1:*:instance:db1'], bad)).code).toBe(0);
  });

  it('a good query exits 0 when allowed and 1 when not', async () => {
    expect((await runCli(['can', 'alice', 'rds:instance:list', '-m', 'good.yaml'], bad)).code).toBe(
      0,
    );
    expect(
      (await runCli(['can', 'alice', 'iam:agencies:listAgencies', '-m', 'good.yaml'], bad)).code,
    ).toBe(1);
  });
});

describe('unknown actions in custom policies', () => {
  it('an unknown action of a known service exits 2 at the action, with a suggestion', async () => {
    expect(await fails(['can', 'alice', 'rds:instance:list', '-m', 'unknown-action.yaml'])).toBe(
      'permgraph: unknown-action.yaml:13:41: policy "ops" names unknown action "rds:instance:delte" (catalog 2026.12.0 (2026-12-03))\n  hint: did you mean "rds:instance:delete"?\n',
    );
  });

  it('--debug is accepted after the command and shows the stack', async () => {
    const { code, stderr } = await runCli(
      ['can', 'alice', 'rds:instance:list', '-m', 'unknown-action.yaml', '--debug'],
      bad,
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/\n\s+at /);
  });
});
