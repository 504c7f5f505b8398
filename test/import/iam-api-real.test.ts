/**
 * Every IAM API response example of the documentation (../shared/real-inputs/iam-api) imports,
 * quirks included: `role_assignments` as one object, detail responses carrying lists,
 * `display_name` typos ("Tanent Guest"), system permissions the catalog does not know.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { importIamExport } from '../../src/import/iam-api/read.js';
import { resolveModel } from '../../src/model/resolve.js';
import { catchPermgraphError } from '../helpers.js';
import { realInputs, scratchDir, summary, writeExport, type ExportEntry } from './helpers.js';

const dir = realInputs('iam-api');
const catalog = loadCatalog();
const real = (name: string): string => join(dir ?? '', `otc-iam__${name}.json`);

/** The strict-JSON, successful examples, each with the request the documentation shows. */
const valid: ExportEntry[] = [
  { request: 'GET /v3/groups', file: real('listing_user_groups__b01') },
  {
    request: 'GET /v3/groups/ab9f261180d746ef8624beb5ae39b5aa',
    file: real('querying_user_group_details__b01'),
  },
  {
    request: 'GET /v3/users/6d8b04e3bf99445b8f763009xxx',
    file: real('querying_user_details__b01'),
  },
  {
    request: 'GET /v3/projects?name=region_name',
    file: real('querying_project_information_based_on_the_specified_criteria__b01'),
  },
  { request: 'GET /v3/roles?page=1&per_page=300', file: real('querying_a_role_list__b01') },
  {
    request: 'GET /v3/roles/19bb93eec4ca4f08aefdc02da76d8f3c',
    file: real('querying_role_details__b01'),
  },
  {
    request: 'GET /v3.0/OS-ROLE/roles?page=1&per_page=300',
    file: real('listing_custom_policies__b01'),
  },
  {
    request: 'GET /v3.0/OS-ROLE/roles/a24a71dcc41f4da989c2a1c900b52d1a',
    file: real('querying_custom_policy_details__b01'),
  },
  {
    request: 'GET /v3.0/OS-ROLE/roles/f67224e84dc849ab954ce29fb4f47f8e',
    file: real('creating_a_custom_policy__b02'),
  },
  {
    request: 'GET /v3.0/OS-ROLE/roles/93879fd90f1046f69e6e0b31c94d2615',
    file: real('modifying_a_custom_policy_for_cloud_services__b02'),
  },
  {
    request: 'GET /v3/users/f7cb4876e5174c0885433e280e831c43/groups',
    file: real('querying_the_user_group_to_which_a_user_belongs__b01'),
  },
  {
    request:
      'GET /v3/domains/d54061ebcb5145dd814f8eb3fe9b7ac0/groups/ab9f261180d746ef8624beb5ae39b5aa/roles',
    file: real('querying_permissions_of_a_user_group_under_a_domain__b01'),
  },
  {
    request:
      'GET /v3/projects/e86737682ab64b2490c48f08bcc41914/groups/ff74abaeabe34c278a4b7693c7f0dff7/roles',
    file: real('querying_permissions_of_a_user_group_corresponding_to_a_project__b01'),
  },
  {
    request:
      'GET /v3/OS-INHERIT/domains/d54061ebcb5145dd814f8eb3fe9b7ac0/groups/ff74abaeabe34c278a4b7693c7f0dff7/roles/inherited_to_projects',
    file: real('querying_all_permissions_of_a_user_group__b01'),
  },
  {
    request: 'GET /v3.0/OS-PERMISSION/role-assignments?domain_id=d78cbac186b744899480f25bd022f468',
    file: real('querying_permission_assignment_records__b01'),
  },
  {
    request: 'GET /v3/role_assignments?group.id=06c904fddd807cd93f0ec018b5d30a34',
    file: real('querying_role_assignments_discarded__b01'),
  },
  {
    request: 'GET /v3.0/OS-AGENCY/agencies?domain_id=0ae9c6993a2e47bb8c4c7a9bb8278d61',
    file: real('querying_an_agency_list_based_on_the_specified_conditions__b01'),
  },
  {
    request: 'GET /v3.0/OS-AGENCY/agencies/c1a06ec7387f430c8122d6f336c66dcf',
    file: real('obtaining_details_of_a_specified_agency__b01'),
  },
  {
    request:
      'GET /v3.0/OS-INHERIT/domains/05b09b4723001dc90f27c0008f8b1/agencies/08c6652e86801d234f01c00078308/roles/inherited_to_projects',
    file: real('querying_all_permissions_of_an_agency__b01'),
  },
  {
    request:
      'GET /v3.0/OS-AGENCY/domains/0ae9c6993a2e47bb8c4c7a9bb8278d61/agencies/c1a06ec7387f430c8122d6f336c66dcf/roles',
    file: real('querying_the_list_of_permissions_of_an_agency_on_a_domain__b01'),
  },
  {
    request:
      'GET /v3.0/OS-AGENCY/projects/e86737682ab64b2490c48f08bcc41914/agencies/c1a06ec7387f430c8122d6f336c66dcf/roles',
    file: real('querying_the_list_of_permissions_of_an_agency_on_a_project__b01'),
  },
  // The objects the record examples refer to, which no example lists: written by the test.
  {
    request: 'GET /v3/users',
    body: { users: [{ id: 'f7cb4876e5174c0885433e280e831c43', name: 'ops-user' }] },
  },
  {
    request: 'GET /v3/groups?name=dba',
    body: {
      groups: [
        { id: '07609e7eb200250a3f7dc003cb7a4e2d', name: 'dba' },
        { id: '06c904fddd807cd93f0ec018b5d30a34', name: 'auditors' },
      ],
    },
  },
  {
    request: 'GET /v3/roles?display_name=RDS%20FullAccess',
    body: {
      roles: [
        {
          id: '11e5c42d20cc349a2b9e2f8afd253f50c',
          display_name: 'RDS FullAccess',
          name: 'system_all_14',
          catalog: 'RDS',
          type: 'XA',
        },
        {
          id: 'bc61db25975247758de0d5e254a85915',
          display_name: 'IAM ReadOnlyAccess',
          name: 'system_all_80',
          catalog: 'IAM',
          type: 'AX',
        },
      ],
    },
  },
];

describe.runIf(dir)('IAM API documentation examples', () => {
  it('stop at list examples that show fewer items than their total (pages missing)', () => {
    const error = catchPermgraphError(() =>
      importIamExport(writeExport(scratchDir('iam-real'), valid), catalog),
    );
    expect(error.message).toBe(
      '/v3/roles: the export holds 2 of the 300 items the API counts; pages are missing',
    );
  });

  // The documentation shortens its list examples (2 roles of "total_number": 300): with
  // --partial that is a warning, and everything else imports.
  it('import together into one model with --partial', () => {
    const result = importIamExport(writeExport(scratchDir('iam-real'), valid), catalog, {
      partial: true,
    });
    const { yaml, warnings } = summary(result);
    expect(() => resolveModel([result.file], catalog)).not.toThrow();
    expect(yaml).toMatchInlineSnapshot(`
      "version: 1
      projects:
        - name: region_name
          id: e86737682ab64b2490c48f08bcc41914
      users:
        - name: ops-user
          id: f7cb4876e5174c0885433e280e831c43
          groups:
            - admin
        - name: username
          id: 6d8b04e3bf99445b8f763009xxx
          description: "1234"
      groups:
        - name: abcdef
          id: ab9f261180d746ef8624beb5ae39b5aa
          description: Contract developers
          grants:
            - permission: Security Administrator
              scope: global
            - permission: Agent Operator
              scope: global
        - name: admin
        - name: auditors
          id: 06c904fddd807cd93f0ec018b5d30a34
          grants:
            - permission: IAM ReadOnlyAccess
              scope: global
        - name: dba
          id: 07609e7eb200250a3f7dc003cb7a4e2d
          grants:
            - permission: RDS FullAccess
              scope: all
        - name: group123
          id: ff74abaeabe34c278a4b7693c7f0dff7
          grants:
            - permission: Tenant Guest
              scope: region_name
            - permission: Tenant Administrator
              scope: region_name
            - permission: VSS Administrator
              scope: all
            - permission: CSE Admin
              scope: all
      policies:
        - name: Agent Operator
          description: system permission not in the catalog, imported with the document the export carries
          type: AX
          document:
            Version: "1.0"
            Statement:
              - Action:
                  - identity:assume role
                Effect: Allow
        - name: CSE Admin
          description: system permission not in the catalog, imported with the document the export carries
          type: XA
          document:
            Version: "1.1"
            Statement:
              - Action:
                  - cse:*:*
                  - ecs:*:*
                  - evs:*:*
                  - vpc:*:*
                Effect: Allow
        - name: IAMAgencyPolicy
          description: IAMDescription
          type: AX
          document:
            Version: "1.1"
            Statement:
              - Action:
                  - iam:agencies:assume
                Resource:
                  uri:
                    - /iam/agencies/07805acaba800fdd4fbdc00b8f888...
                Effect: Allow
        - name: IAMCloudServicePolicy
          description: IAMDescription
          type: AX
          document:
            Version: "1.1"
            Statement:
              - Condition:
                  StringStartWith:
                    g:ProjectName:
                      - AZ-1
                Action:
                  - obs:bucket:GetBucketAcl
                Resource:
                  - obs:*:*:bucket:*
                Effect: Allow
        - name: VSS Administrator
          description: system permission not in the catalog, imported with the document the export carries
          type: XA
          document:
            Version: "1.0"
            Statement:
              - Action:
                  - WebScan:*:*
                Effect: Allow
            Depends:
              - catalog: BASE
                display_name: Server Administrator
              - catalog: BASE
                display_name: Tenant Guest
      "
    `);
    expect(warnings).toMatchInlineSnapshot(`
      [
        "skipped: otc-iam__querying_a_role_list__b01.json:1: /v3/roles: the export holds 2 of the 300 items the API counts; pages are missing",
        "skipped: otc-iam__listing_custom_policies__b01.json:1: /v3.0/OS-ROLE/roles: the export holds 2 of the 300 items the API counts; pages are missing",
        "unknown: otc-iam__querying_permissions_of_a_user_group_under_a_domain__b01.json:31: system permission "Agent Operator" is not in catalog 2026.12.0 (2026-12-03); imported with the document the export carries (at roles[1])",
        "unknown: otc-iam__querying_a_role_list__b01.json:2: system permission "VSS Administrator" is not in catalog 2026.12.0 (2026-12-03); imported with the document the export carries (at roles[0])",
        "unknown: otc-iam__querying_a_role_list__b01.json:30: system permission "CSE Admin" is not in catalog 2026.12.0 (2026-12-03); imported with the document the export carries (at roles[1])",
        "unknown: manifest.json:69: GET /v3.0/OS-AGENCY/agencies?domain_id=0ae9c6993a2e47bb8c4c7a9bb8278d61: agencies are not part of the model; ignored (at responses[16])",
        "unknown: manifest.json:73: GET /v3.0/OS-AGENCY/agencies/c1a06ec7387f430c8122d6f336c66dcf: agencies are not part of the model; ignored (at responses[17])",
        "unknown: manifest.json:77: GET /v3.0/OS-INHERIT/domains/05b09b4723001dc90f27c0008f8b1/agencies/08c6652e86801d234f01c00078308/roles/inherited_to_projects: agencies are not part of the model; ignored (at responses[18])",
        "unknown: manifest.json:81: GET /v3.0/OS-AGENCY/domains/0ae9c6993a2e47bb8c4c7a9bb8278d61/agencies/c1a06ec7387f430c8122d6f336c66dcf/roles: agencies are not part of the model; ignored (at responses[19])",
        "unknown: manifest.json:85: GET /v3.0/OS-AGENCY/projects/e86737682ab64b2490c48f08bcc41914/agencies/c1a06ec7387f430c8122d6f336c66dcf/roles: agencies are not part of the model; ignored (at responses[20])",
      ]
    `);
  });
});

/** Examples that are not strict JSON (as the documentation prints them), with their request. */
const slips: [string, string, string][] = [
  ['querying_a_user_list__b01', 'GET /v3/users', 'invalid JSON: comma expected'],
  [
    'querying_users_in_a_user_group__b01',
    'GET /v3/groups/ff74abaeabe34c278a4b7693c7f0dff7/users',
    'invalid JSON: comma expected',
  ],
  [
    'querying_a_user_project_list__b01',
    'GET /v3/users/6d8b04e3bf99445b8f763009xxx/projects',
    'invalid JSON: invalid comment token',
  ],
  [
    'querying_user_details_recommended__b01',
    'GET /v3.0/OS-USER/users/093f75808b8089ba1f6dc000c7cac',
    'invalid JSON: property name expected',
  ],
  [
    'creating_a_custom_policy_for_cloud_services__b01',
    'GET /v3.0/OS-ROLE/roles/93879fd90f1046f69e6e0b31c94d2615',
    'invalid JSON: property name expected',
  ],
];

/** Failed calls the documentation shows. */
const failures = [
  'granting_permissions_to_agencies_associated_with_specified_enterprise_projects__b01',
  'granting_permissions_to_agencies_associated_with_specified_enterprise_projects__b02',
  'granting_permissions_to_agencies_associated_with_specified_enterprise_projects__b03',
];

const group = { request: 'GET /v3/groups', file: real('listing_user_groups__b01') };

describe.runIf(dir)('IAM API examples that are not strict JSON', () => {
  for (const [name, request, message] of slips) {
    it(`${name}: exit 2 with the file position, or read past the slips with --partial`, () => {
      const exportDir = writeExport(scratchDir('iam-slip'), [group, { request, file: real(name) }]);
      const error = catchPermgraphError(() => importIamExport(exportDir, catalog));
      expect(error.code).toBe('E_PARSE');
      expect(error.message).toBe(message);
      expect(error.position?.file).toBe(real(name));
      const partial = importIamExport(exportDir, catalog, { partial: true });
      expect(partial.warnings.filter((w) => w.kind === 'skipped').length).toBeGreaterThan(0);
      expect(summary(partial).yaml).toMatchSnapshot();
    });
  }
});

describe.runIf(dir)('IAM API error responses', () => {
  for (const name of failures) {
    it(`${name}: exit 2, or a warning with --partial`, () => {
      const exportDir = writeExport(scratchDir('iam-error'), [
        group,
        { request: 'GET /v3/users', file: real(name) },
      ]);
      const error = catchPermgraphError(() => importIamExport(exportDir, catalog));
      expect(error.message).toMatch(
        /^GET \/v3\/users: the API answered an error \(40[013] .+\); the export is incomplete$/,
      );
      expect(error.position).toMatchObject({ file: real(name), line: 1, column: 1 });
      const partial = importIamExport(exportDir, catalog, { partial: true });
      expect(summary(partial).warnings).toEqual([
        `skipped: otc-iam__${name}.json:1: ${error.message}`,
      ]);
      expect(partial.file.data.groups.map((g) => g.name)).toEqual(['group123']);
    });
  }
});
