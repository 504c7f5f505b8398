/**
 * An export in the layout `permgraph export-script` writes (test/fixtures/import/iam-export):
 * paged role assignments, the second page as the single object the API documentation shows;
 * system permissions matched by display name whatever their regional internal name; a system
 * permission the catalog lacks imported with its document only when it is granted.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadCatalog } from '../../src/catalog/load.js';
import { importIamExport } from '../../src/import/iam-api/read.js';
import { runCli } from '../cli/run-helper.js';
import { root, scratchDir, summary, writeExport } from './helpers.js';

const catalog = loadCatalog();
const exportDir = join(root, 'test/fixtures/import/iam-export');

function grants(dir: string, partial = false): string[] {
  const { data } = importIamExport(dir, catalog, { partial }).file;
  return data.groups.flatMap((g) => g.grants.map((x) => `${g.name}: ${x.permission} @ ${x.scope}`));
}

describe('an export in the export-script layout', () => {
  it('imports every page of role assignments, the single-object page included', () => {
    expect(grants(exportDir)).toEqual([
      'dba: RDS FullAccess @ cn-north-4',
      'dba: rds-no-delete @ all',
      'rds-readers: CES ReadOnlyAccess @ cn-north-4',
      'rds-readers: RDS ReadOnlyAccess @ all',
    ]);
  });

  it('imports a granted system permission the catalog lacks with the document the export carries', () => {
    const result = importIamExport(exportDir, catalog);
    expect(result.file.data.policies.map((p) => [p.name, p.document])).toEqual([
      [
        'CES ReadOnlyAccess',
        {
          Version: '1.1',
          Statement: [{ Action: ['ces:*:get*', 'ces:*:list*'], Effect: 'Allow' }],
        },
      ],
      [
        'rds-no-delete',
        {
          Version: '1.1',
          Statement: [{ Effect: 'Deny', Action: ['rds:instance:delete', 'rds:backup:delete'] }],
        },
      ],
    ]);
    expect(summary(result).warnings).toEqual([
      'unknown: roles_page-1.json:22: system permission "CES ReadOnlyAccess" is not in catalog 2026.12.0 (2026-12-03); imported with the document the export carries (at roles[2])',
    ]);
  });

  it("renames a custom policy that has a system permission's name, so its grants stay its own", () => {
    const dir = scratchDir('iam-clash');
    cpSync(exportDir, dir, { recursive: true });
    const custom = join(dir, 'os-role_roles_page-1.json');
    writeFileSync(
      custom,
      readFileSync(custom, 'utf8').replace(
        '"display_name": "rds-no-delete"',
        '"display_name": "RDS ReadOnlyAccess"',
      ),
    );
    const result = importIamExport(dir, catalog);
    const renamed = 'RDS ReadOnlyAccess (custom d4000000000000000000000000000001)';
    expect(grants(dir)).toEqual([
      'dba: RDS FullAccess @ cn-north-4',
      `dba: ${renamed} @ all`,
      'rds-readers: CES ReadOnlyAccess @ cn-north-4',
      'rds-readers: RDS ReadOnlyAccess @ all',
    ]);
    expect(summary(result).warnings).toContain(
      `unknown: os-role_roles_page-1.json:3: custom policy "RDS ReadOnlyAccess" has the name of the system permission "RDS ReadOnlyAccess"; imported as "${renamed}" so that its grants are not taken for the system permission's (at roles[0])`,
    );
  });

  it("refuses an export where one role id names two roles, since either would take the other's grants", () => {
    const dir = scratchDir('iam-id-clash');
    cpSync(exportDir, dir, { recursive: true });
    const custom = join(dir, 'os-role_roles_page-1.json');
    writeFileSync(
      custom,
      readFileSync(custom, 'utf8').replace(
        '"id": "d4000000000000000000000000000001"',
        '"id": "c3000000000000000000000000000002"',
      ),
    );
    expect(() => importIamExport(dir, catalog)).toThrow(
      /role id c3000000000000000000000000000002 is listed as "RDS ReadOnlyAccess" and as "rds-no-delete"/,
    );
    // With --partial the second listing is skipped: nobody gets rds-no-delete's grants through
    // the system role's id, and the system role keeps its own.
    const result = importIamExport(dir, catalog, { partial: true });
    expect(summary(result).warnings.filter((w) => w.startsWith('skipped'))).toEqual([
      'skipped: os-role_roles_page-1.json:3: role id c3000000000000000000000000000002 is listed as "RDS ReadOnlyAccess" and as "rds-no-delete" (at roles[0])',
      'skipped: role-assignments_page-1.json:21: role d4000000000000000000000000000001 is in no role list of the export (at role_assignments[1].role)',
    ]);
    expect(grants(dir, true)).toEqual([
      'dba: RDS FullAccess @ cn-north-4',
      'rds-readers: CES ReadOnlyAccess @ cn-north-4',
      'rds-readers: RDS ReadOnlyAccess @ all',
    ]);
  });

  it('leaves out system permissions the catalog lacks that nobody is granted', () => {
    const dir = writeExport(scratchDir('iam-ungranted'), [
      {
        request: 'GET /v3/roles',
        body: {
          roles: [
            {
              id: 'r1',
              name: 'system_all_501',
              display_name: 'XYZ FullAccess',
              catalog: 'XYZ',
              type: 'XA',
              policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['xyz:*:*'] }] },
            },
            { id: 'r2', name: 'xyz_adm', display_name: 'XYZ Administrator', type: 'XA' },
          ],
        },
      },
    ]);
    const result = importIamExport(dir, catalog);
    expect(result.file.data.policies).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('reports a granted system permission without a document, once, and leaves its grants out', () => {
    const dir = writeExport(scratchDir('iam-nodoc'), [
      { request: 'GET /v3/groups', body: { groups: [{ id: 'g1', name: 'ops' }] } },
      {
        request: 'GET /v3/roles',
        body: {
          roles: [{ id: 'r2', name: 'xyz_adm', display_name: 'XYZ Administrator', type: 'XA' }],
        },
      },
      {
        request: 'GET /v3.0/OS-PERMISSION/role-assignments',
        body: {
          role_assignments: [
            { group: { id: 'g1' }, role: { id: 'r2' }, scope: { domain: { id: 'd' } } },
            {
              group: { id: 'g1' },
              role: { id: 'r2' },
              scope: { domain: { id: 'd' } },
              is_inherited: true,
            },
          ],
        },
      },
    ]);
    const result = importIamExport(dir, catalog);
    expect(summary(result).warnings).toEqual([
      'unknown: response-1.json:3: system permission "XYZ Administrator" is not in catalog 2026.12.0 (2026-12-03) and the export carries no document for it; its grants are left out (at roles[0])',
    ]);
    expect(grants(dir)).toEqual([]);
  });

  it('lint findings point at the export file and JSON path of the grant', async () => {
    const outcome = await runCli(['lint', '-m', `iam-api:${exportDir}`, '--format', 'json']);
    expect(outcome.code, outcome.stderr).toBe(1);
    const report = JSON.parse(outcome.stdout) as {
      findings: { ruleId: string; file: string; line: number; path: string }[];
    };
    expect(
      report.findings.map((f) => `${f.file.split('/').pop()}:${f.line} ${f.path} ${f.ruleId}`),
    ).toEqual([
      'role-assignments_page-1.json:3 role_assignments[0] grant/global-actions-in-project-scope',
      'roles_page-1.json:35 roles[2].policy.Statement[0].Action[0] policy/unknown-service',
    ]);
  });

  it('-o writes the model, which answers as the export does', async () => {
    const dir = scratchDir('iam-out');
    const imported = await runCli(['import', 'iam-api', exportDir, '-o', 'model.yaml'], dir);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toBe('');
    const text = readFileSync(join(dir, 'model.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe(
      '# imported by permgraph 0.1.0 from iam-api ' + relative(dir, exportDir),
    );
    for (const model of ['model.yaml', exportDir]) {
      const outcome = await runCli(['can', 'bob', 'rds:instance:list', '-m', model], dir);
      expect(outcome.code).toBe(0);
    }
  });

  it('can answers on the export, named or detected', async () => {
    for (const model of [`iam-api:${exportDir}`, exportDir]) {
      const outcome = await runCli([
        'can',
        'alice',
        'rds:backup:delete',
        '-m',
        model,
        '--format',
        'json',
      ]);
      expect(outcome.code).toBe(1);
      expect((JSON.parse(outcome.stdout) as { decision: string }).decision).toBe('deny');
    }
  });
});
