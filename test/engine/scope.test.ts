import { describe, expect, it } from 'vitest';
import { account } from '../helpers.js';

const projects = `
projects:
  - { name: p1, id: id-p1 }
  - { name: p2 }
users:
  - { name: alice, groups: [g] }
`;

function withGrant(permission: string, scope: string) {
  return account(`${projects}
groups:
  - name: g
    grants: [{ permission: ${permission}, scope: ${scope} }]
`);
}

describe('scope coverage (DESIGN.md §4 step 2)', () => {
  it('a project grant covers project-level actions in that project only', () => {
    const a = withGrant('RDS Full', 'p1');
    expect(a.decision('alice', 'rds:instance:delete', { project: 'p1' })).toBe('allow');
    expect(a.decision('alice', 'rds:instance:delete', { project: 'p2' })).toBe('implicit-deny');
  });

  it('a project may be named by id in grants and queries', () => {
    const a = withGrant('RDS Full', 'id-p1');
    expect(a.decision('alice', 'rds:instance:delete', { project: 'p1' })).toBe('allow');
    expect(a.decision('alice', 'rds:instance:delete', { project: 'id-p1' })).toBe('allow');
  });

  it('explains a grant in another project as a near miss', () => {
    const result = withGrant('RDS Full', 'p1').ask('alice', 'rds:instance:delete', {
      project: 'p2',
    });
    expect(result.checks[0]?.nearMisses).toEqual([
      expect.objectContaining({
        reason: 'scope',
        message: 'RDS Full is granted on project p1, not on project p2',
      }),
    ]);
  });

  it('a global-service action in a project-scoped grant has no effect', () => {
    const result = withGrant('RDS Full', 'p1').ask('alice', 'iam:agencies:listAgencies', {
      project: 'p1',
    });
    expect(result.decision).toBe('implicit-deny');
    expect(result.checks[0]?.scope).toBe('global services');
    expect(result.checks[0]?.nearMisses[0]?.reason).toBe('global-action-in-project-grant');
  });

  it('"all" covers every project and global services', () => {
    const a = withGrant('RDS Full', 'all');
    expect(a.decision('alice', 'rds:instance:delete', { project: 'p2' })).toBe('allow');
    expect(a.decision('alice', 'iam:agencies:listAgencies')).toBe('allow');
  });

  it('"global" covers global-service actions only', () => {
    const a = withGrant('RDS Full', 'global');
    expect(a.decision('alice', 'iam:roles:listRoles')).toBe('allow');
    const result = a.ask('alice', 'rds:instance:list', { project: 'p1' });
    expect(result.decision).toBe('implicit-deny');
    expect(result.checks[0]?.nearMisses[0]?.reason).toBe('project-action-in-global-grant');
  });

  it('a user with no group holds nothing', () => {
    const a = account(
      `${projects.replace('groups: [g]', 'groups: []')}\ngroups: [{ name: g, grants: [{ permission: RDS Full, scope: all }] }]`,
    );
    expect(a.decision('alice', 'rds:instance:list', { project: 'p1' })).toBe('implicit-deny');
  });

  it('a group principal answers for the group alone', () => {
    const a = withGrant('RDS Full', 'p1');
    expect(a.decision('group:g', 'rds:instance:list', { project: 'p1' })).toBe('allow');
  });
});

describe('enterprise projects', () => {
  const a = account(`
projects: [{ name: p1 }]
enterpriseProjects: [{ name: finance, id: ep-1 }]
users: [{ name: alice, groups: [g] }]
groups:
  - name: g
    grants: [{ permission: RDS Full, scope: "enterprise-project:finance" }]
`);

  it('is conditional on the resource being in the enterprise project when the query does not say', () => {
    const result = a.ask('alice', 'rds:instance:delete', { project: 'p1' });
    expect(result.decision).toBe('conditional');
    expect(result.checks[0]?.unknownKeys).toEqual(['g:EnterpriseProjectId']);
  });

  it('allows for a resource in it, by id or name', () => {
    expect(
      a.decision('alice', 'rds:instance:delete', {
        project: 'p1',
        context: { 'g:EnterpriseProjectId': ['ep-1'] },
      }),
    ).toBe('allow');
    expect(
      a.decision('alice', 'rds:instance:delete', {
        project: 'p1',
        context: { 'g:EnterpriseProjectId': ['finance'] },
      }),
    ).toBe('allow');
  });

  it('does not allow for a resource in another enterprise project', () => {
    const result = a.ask('alice', 'rds:instance:delete', {
      project: 'p1',
      context: { 'g:EnterpriseProjectId': ['ep-2'] },
    });
    expect(result.decision).toBe('implicit-deny');
    expect(result.checks[0]?.nearMisses[0]?.reason).toBe('enterprise-project');
  });

  it('never covers global-service actions', () => {
    expect(a.decision('alice', 'iam:roles:listRoles')).toBe('implicit-deny');
  });
});
