import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, loadModelText } from '../../src/model/load.js';
import { catchPermgraphError, minCatalog } from '../helpers.js';

function load(yaml: string) {
  return loadModelText(yaml, 'model.yaml', minCatalog);
}

describe('loading a model', () => {
  it('resolves groups, grants with scopes, members and custom policies', () => {
    const model = load(`
account: acme
projects: [{ name: p1, id: abc }]
users: [{ name: alice, groups: [dba] }]
groups:
  - name: dba
    grants:
      - { permission: RDS Full, scope: abc }
      - { permission: mine, scope: global }
policies:
  - name: mine
    document: { Version: "1.1", Statement: [{ Effect: Allow, Action: ["iam:*:list*"] }] }
`);
    const dba = model.groups.get('dba');
    expect(dba?.members).toEqual(['alice']);
    expect(dba?.grants.map((g) => [g.permission.name, g.permission.origin, g.scope.kind])).toEqual([
      ['RDS Full', 'system', 'project'],
      ['mine', 'custom', 'global'],
    ]);
    expect(dba?.grants[0]?.position).toEqual({
      file: 'model.yaml',
      line: 8,
      column: 9,
      path: 'groups[0].grants[0]',
    });
  });

  it('a 5.0 identity policy may be attached without a scope and then applies everywhere', () => {
    const model = load(`
users: [{ name: a, groups: [g] }]
groups: [{ name: g, grants: [{ permission: v5 }] }]
policies: [{ name: v5, document: { Version: "5.0", Statement: [{ Effect: Allow, Action: ["rds:*:*"] }] } }]
`);
    expect(model.groups.get('g')?.grants[0]?.scope).toEqual({ kind: 'all' });
  });

  it('an unknown group is an error at its position, with the nearest name', () => {
    const error = catchPermgraphError(() =>
      load('users:\n  - name: a\n    groups: [dbb]\ngroups:\n  - name: dba\n'),
    );
    expect(error.code).toBe('E_REFERENCE');
    expect(error.message).toBe('user "a" is in group "dbb", which is not declared');
    expect(error.position).toMatchObject({ line: 3, column: 14 });
    expect(error.hint).toBe('did you mean "dba"?');
  });

  it('an unknown permission is an error naming the catalog and the nearest permission', () => {
    const error = catchPermgraphError(() =>
      load('groups:\n  - name: g\n    grants:\n      - { permission: RDS Ful, scope: all }\n'),
    );
    expect(error.message).toBe(
      'unknown permission "RDS Ful": not a system permission in catalog test-1 (2026-01-01) nor a custom policy of the model',
    );
    // The key `permission` inside `      - { permission: RDS Ful, … }`.
    expect(error.position).toMatchObject({ line: 4, column: 11 });
    expect(error.hint).toBe('did you mean "RDS Full"?');
  });

  it('an unknown project in a scope is an error', () => {
    const error = catchPermgraphError(() =>
      load(
        'projects: [{ name: cn-north-1 }]\ngroups:\n  - name: g\n    grants: [{ permission: RDS Full, scope: cn-north-4 }]\n',
      ),
    );
    expect(error.message).toBe(
      'unknown scope "cn-north-4": not a declared project, "global", "all" or "enterprise-project:<name>"',
    );
    expect(error.hint).toBe('did you mean "cn-north-1"?');
  });

  it('a grant without a scope is an error for v1.x permissions', () => {
    const error = catchPermgraphError(() =>
      load('groups:\n  - name: g\n    grants: [{ permission: RDS Full }]\n'),
    );
    expect(error.message).toBe('grant of "RDS Full" has no scope');
  });

  it('a wrong type names the path', () => {
    const error = catchPermgraphError(() => load('users:\n  - name: a\n    groups: dba\n'));
    expect(error.code).toBe('E_SCHEMA');
    expect(error.message).toMatch(
      /^users\[0\]\.groups: Invalid input: expected array, received string/,
    );
    expect(error.position).toMatchObject({ line: 3, column: 5 });
  });

  it('an unknown key is an error', () => {
    const error = catchPermgraphError(() => load('users:\n  - name: a\n    group: [dba]\n'));
    expect(error.message).toBe('users[0]: unknown key "group"');
  });

  it('an invalid policy document is an error at the document', () => {
    const error = catchPermgraphError(() =>
      load(
        'policies:\n  - name: p\n    document: { Version: "1.1", Statement: [{ Effect: " Allow", Action: ["rds:*:*"] }] }\n',
      ),
    );
    expect(error.code).toBe('E_POLICY');
    expect(error.position?.line).toBe(3);
  });

  it('a duplicate user is an error', () => {
    const error = catchPermgraphError(() => load('users: [{ name: a }, { name: a }]\n'));
    expect(error.message).toBe('user "a" is declared twice');
  });

  it('an unknown intent principal is an error', () => {
    const error = catchPermgraphError(() =>
      load('groups: [{ name: dba }]\nintents: [{ principal: "group:dbx", operations: [] }]\n'),
    );
    expect(error.message).toBe('unknown principal "group:dbx"');
    expect(error.hint).toBe('did you mean "dba"?');
  });
});

describe('a model directory', () => {
  function directory(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'permgraph-model-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  }

  it('merges its YAML and JSON files and reads policy files relative to the model file', () => {
    const dir = directory({
      'a.yaml': 'projects: [{ name: p1 }]\nusers: [{ name: alice, groups: [g] }]\n',
      'b.json':
        '{"groups": [{"name": "g", "grants": [{"permission": "ops", "scope": "p1"}]}], "policies": [{"name": "ops", "file": "docs/ops.json"}]}',
      'docs/ops.json':
        '{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["rds:*:*"]}]}',
    });
    const model = loadModel(dir, minCatalog);
    expect([...model.users.keys()]).toEqual(['alice']);
    expect(model.policies.get('ops')?.document.statements[0]?.position).toMatchObject({
      file: join(dir, 'docs/ops.json'),
      line: 1,
    });
  });

  it('names the file of a declaration repeated across files', () => {
    const dir = directory({
      'a.yaml': 'users: [{ name: a }]\n',
      'b.yaml': 'users: [{ name: a }]\n',
    });
    const error = catchPermgraphError(() => loadModel(dir, minCatalog));
    expect(error.position?.file).toBe(join(dir, 'b.yaml'));
  });

  it('a missing policy file is an error at the file reference', () => {
    const dir = directory({ 'a.yaml': 'policies:\n  - name: p\n    file: nope.json\n' });
    const error = catchPermgraphError(() => loadModel(dir, minCatalog));
    expect(error.message).toMatch(/^policy file nope.json cannot be read/);
    expect(error.position).toMatchObject({ line: 3, column: 5 });
  });

  it('a missing path is a read error', () => {
    const error = catchPermgraphError(() => loadModel('/nonexistent/model', minCatalog));
    expect(error.code).toBe('E_READ');
  });
});
