import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-helper.js';

const root = join(import.meta.dirname, '../..');

describe('permgraph schema model', () => {
  it('prints a JSON Schema of the model that names its sections', async () => {
    const { code, stdout } = await runCli(['schema', 'model']);
    expect(code).toBe(0);
    const schema = JSON.parse(stdout) as {
      type: string;
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties).sort()).toEqual(
      [
        'account',
        'dli',
        'domainId',
        'enterpriseProjects',
        'groups',
        'intents',
        'policies',
        'projects',
        'users',
        'version',
      ].sort(),
    );
    expect(schema.additionalProperties).toBe(false);
  });

  it('rejects an unknown schema name', async () => {
    const { code, stderr } = await runCli(['schema', 'nope']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^permgraph: no schema "nope"/);
  });
});

describe('permgraph catalog', () => {
  it('--version prints version and date', async () => {
    expect((await runCli(['catalog', '--version'])).stdout).toMatch(
      /^\d{4}\.\d+\.\d+ \(\d{4}-\d{2}-\d{2}\)\n$/,
    );
  });

  it('lists one service with its actions and operations as JSON', async () => {
    const { code, stdout } = await runCli(['catalog', 'rds', '--format', 'json']);
    expect(code).toBe(0);
    const data = JSON.parse(stdout) as {
      services: { name: string; scope: string }[];
      actions: { name: string }[];
      operations: { id: string; variants: string[] }[];
    };
    expect(data.services).toEqual([expect.objectContaining({ name: 'rds', scope: 'project' })]);
    expect(data.actions.map((a) => a.name)).toContain('rds:instance:create');
    expect(data.operations.find((o) => o.id === 'rds.instance.create')?.variants.sort()).toEqual(
      ['autoscale', 'console', 'encrypted', 'kms-shared-prepaid', 'prepaid'].sort(),
    );
  });

  it('an unknown service exits 2', async () => {
    expect((await runCli(['catalog', 'nope'], root)).code).toBe(2);
  });
});

describe('permgraph can --format json', () => {
  it('prints the fields DESIGN.md names, with positions relative to the working directory', async () => {
    const { code, stdout } = await runCli(
      [
        'can',
        'alice',
        'rds.instance.create',
        '--with',
        'encrypted',
        '--project',
        'cn-north-1',
        '-m',
        'examples/rds-team',
        '--format',
        'json',
      ],
      root,
    );
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as Record<string, unknown> & {
      checks: { decision: string; because: { path: { position?: { file: string } }[] }[] }[];
      missing: unknown[];
    };
    expect(Object.keys(result)).toEqual([
      'catalog',
      'principal',
      'request',
      'decision',
      'allowed',
      'checks',
      'missing',
      'deniedBy',
    ]);
    expect(result.principal).toBe('user:alice');
    expect(result.decision).toBe('implicit-deny');
    expect(result.allowed).toBe(false);
    expect(result.checks.map((c) => c.decision)).toEqual(['allow', 'allow', 'implicit-deny']);
    expect(result.missing).toEqual([
      {
        requirement: { kind: 'permission', permission: 'KMS Administrator' },
        scope: 'project cn-north-1',
        why: 'Encrypted instances need KMS Administrator on the same project.',
        variant: 'encrypted',
      },
    ]);
    expect(result.checks[0]?.because[0]?.path[0]?.position?.file).toBe(
      'examples/rds-team/permgraph.yaml',
    );
  });
});
