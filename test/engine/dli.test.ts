import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { account, catchPermgraphError } from '../helpers.js';

const catalog = loadCatalog();
const P = '0732e57c728025922f04c01273686950';

/** An account in cn-north-4 with users in groups, optional policies and a `dli:` section. */
function dliAccount(parts: { groups?: string; policies?: string; dli: string; domain?: boolean }) {
  return account(
    `
account: acme
${parts.domain ? 'domainId: d0m41n' : ''}
projects: [{ name: cn-north-4, id: 8e1f2a3b4c5d4e6f8a9b0c1d2e3f4a5b }, { name: cn-north-1 }]
users:
  - { name: alice, groups: [guests] }
  - { name: dlitest, groups: [guests] }
  - { name: bob, groups: [guests] }
groups:
  - name: guests
    grants: [{ permission: Tenant Guest, scope: cn-north-4 }]
${parts.groups ?? ''}
${parts.policies ?? ''}
dli:
${parts.dli}
`,
    catalog,
  );
}

const seedExample = `
  requests:
    - projectId: ${P}
      action: grant
      privileges:
        - { object: databases.db1.tables.tb2.columns.column1, privileges: [SELECT] }
        - { object: databases.db1.tables.tbl, privileges: [DROP_TABLE] }
        - { object: databases.db1, privileges: [SELECT] }
    - action: grant
      user_name: dlitest
      privileges:
        - { object: databases.dbtest, privileges: [SELECT] }
`;

describe("the seed's request examples", () => {
  const a = dliAccount({ dli: seedExample });
  const on = (object: string) => ({ project: 'cn-north-4', on: object });

  it('the project reads any table of db1 through the database grant, and says so', () => {
    const result = a.ask(`project:${P}`, 'SELECT', on('databases.db1.tables.other'));
    expect(result.decision).toBe('allow');
    expect(result.request).toMatchObject({
      kind: 'privilege',
      name: 'SELECT',
      on: 'databases.db1.tables.other',
    });
    expect(result.checks[0]?.notes).toEqual([
      'decided by a DLI grant: SELECT granted on databases.db1, which databases.db1.tables.other inherits it from (DLI grant request 1 at model.yaml:22:49)',
    ]);
    expect(result.checks[0]?.because[0]?.path.map((s) => s.label)).toEqual([
      `project:${P}`,
      'DLI grant request 1: SELECT on databases.db1 (inherited)',
    ]);
  });

  it('the project may not drop another table: DROP_TABLE was granted on tbl only', () => {
    const result = a.ask(`project:${P}`, 'DROP_TABLE', on('databases.db1.tables.other'));
    expect(result.decision).toBe('implicit-deny');
    expect(result.missing).toEqual([
      {
        requirement: {
          kind: 'privilege',
          privilege: 'DROP_TABLE',
          object: 'databases.db1.tables.other',
        },
        scope: 'project cn-north-4',
        why: undefined,
        variant: undefined,
      },
    ]);
    expect(result.checks[0]?.nearMisses.map((m) => m.message)).toEqual([
      'DROP_TABLE is granted on databases.db1.tables.tbl (DLI grant request 1 at model.yaml:21:60), not on databases.db1.tables.other or an object it inherits from',
      'SELECT granted on databases.db1 (DLI grant request 1 at model.yaml:22:49) does not give DROP_TABLE on databases.db1.tables.other',
    ]);
    expect(a.decision(`project:${P}`, 'DROP_TABLE', on('databases.db1.tables.tbl'))).toBe('allow');
  });

  it('SELECT flows from a database to tables and their columns; a column grant stays on the column', () => {
    expect(a.decision(`project:${P}`, 'SELECT', on('databases.db1.tables.tbl.columns.c9'))).toBe(
      'allow',
    );
    expect(a.decision('dlitest', 'SELECT', on('databases.dbtest.tables.t.columns.c'))).toBe(
      'allow',
    );
    expect(a.decision('dlitest', 'SELECT', on('databases.dbtest'))).toBe('allow');
    expect(a.decision('dlitest', 'SELECT', on('databases.db1.tables.tbl'))).toBe('implicit-deny');
    // Another project and another user get nothing from these grants.
    expect(
      a.decision('project:ffffffffffffffffffffffffffffffff', 'SELECT', on('databases.db1')),
    ).toBe('implicit-deny');
    expect(a.decision('bob', 'SELECT', on('databases.dbtest'))).toBe('implicit-deny');
  });

  it('a project principal without --project is answered from grants that name no project', () => {
    expect(a.decision(`project:${P}`, 'SELECT', { on: 'databases.db1.tables.x' })).toBe('allow');
  });
});

describe('inheritance limits', () => {
  const a = dliAccount({
    dli: `
  requests:
    - { action: grant, user_name: dlitest, privileges: [{ object: databases.db1, privileges: [DROP_TABLE, ALTER_TABLE_RENAME] }] }
    - { action: grant, user_name: bob, privileges: [{ object: databases.db1.tables.tbl, privileges: [SELECT, INSERT_INTO_TABLE] }] }
`,
  });
  const on = (object: string) => ({ project: 'cn-north-4', on: object });

  it('an inheritable database privilege reaches its tables', () => {
    expect(a.decision('dlitest', 'DROP_TABLE', on('databases.db1.tables.any'))).toBe('allow');
  });

  it('only SELECT reaches columns', () => {
    expect(a.decision('bob', 'SELECT', on('databases.db1.tables.tbl.columns.c1'))).toBe('allow');
    const error = catchPermgraphError(() =>
      a.ask('bob', 'INSERT_INTO_TABLE', on('databases.db1.tables.tbl.columns.c1')),
    );
    expect(error.code).toBe('E_USAGE');
    expect(error.message).toContain('not of databases.db1.tables.tbl.columns.c1 (a column)');
  });

  it('a table grant does not reach the database or sibling tables', () => {
    expect(a.decision('bob', 'SELECT', on('databases.db1.tables.other'))).toBe('implicit-deny');
    expect(a.decision('bob', 'DISPLAY_DATABASE', on('databases.db1'))).toBe('implicit-deny');
  });
});

describe('replay decides what is granted', () => {
  const on = (object: string) => ({ project: 'cn-north-4', on: object });

  it('revoking at the table level what the database grants changes nothing', () => {
    const a = dliAccount({
      dli: `
  requests:
    - { action: grant, user_name: dlitest, privileges: [{ object: databases.db1, privileges: [SELECT] }] }
    - { action: revoke, user_name: dlitest, privileges: [{ object: databases.db1.tables.tbl, privileges: [SELECT] }] }
`,
    });
    expect(a.decision('dlitest', 'SELECT', on('databases.db1.tables.tbl'))).toBe('allow');
  });

  it('revoking at the level of the grant removes it', () => {
    const a = dliAccount({
      dli: `
  requests:
    - { action: grant, user_name: dlitest, privileges: [{ object: databases.db1, privileges: [SELECT] }] }
    - { action: revoke, user_name: dlitest, privileges: [{ object: databases.db1, privileges: [SELECT] }] }
`,
    });
    expect(a.decision('dlitest', 'SELECT', on('databases.db1.tables.tbl'))).toBe('implicit-deny');
  });

  it('update with an empty list revokes everything on that object', () => {
    const a = dliAccount({
      dli: `
  requests:
    - { action: grant, user_name: dlitest, privileges: [{ object: databases.db1.tables.tbl, privileges: [SELECT, DROP_TABLE] }] }
    - { action: update, user_name: dlitest, privileges: [{ object: databases.db1.tables.tbl, privileges: [] }] }
`,
    });
    expect(a.decision('dlitest', 'SELECT', on('databases.db1.tables.tbl'))).toBe('implicit-deny');
    expect(a.decision('dlitest', 'DROP_TABLE', on('databases.db1.tables.tbl'))).toBe(
      'implicit-deny',
    );
  });

  it('update replaces the set', () => {
    const a = dliAccount({
      dli: `
  requests:
    - { action: grant, user_name: dlitest, privileges: [{ object: databases.db1.tables.tbl, privileges: [SELECT, DROP_TABLE] }] }
    - { action: update, user_name: dlitest, privileges: [{ object: databases.db1.tables.tbl, privileges: [SELECT] }] }
`,
    });
    expect(a.decision('dlitest', 'SELECT', on('databases.db1.tables.tbl'))).toBe('allow');
    expect(a.decision('dlitest', 'DROP_TABLE', on('databases.db1.tables.tbl'))).toBe(
      'implicit-deny',
    );
  });

  it('a request sent to another project does not count in this one', () => {
    const a = dliAccount({
      dli: `
  requests:
    - { project: cn-north-1, action: grant, user_name: dlitest, privileges: [{ object: databases.db1, privileges: [SELECT] }] }
`,
    });
    expect(a.decision('dlitest', 'SELECT', on('databases.db1'))).toBe('implicit-deny');
    expect(a.decision('dlitest', 'SELECT', { project: 'cn-north-1', on: 'databases.db1' })).toBe(
      'allow',
    );
  });
});

describe('IAM and DLI decide together', () => {
  const grantBob = `
  requests:
    - { action: grant, user_name: bob, privileges: [{ object: databases.db1.tables.tbl, privileges: [SELECT, DROP_TABLE] }] }
`;
  const on = (object: string) => ({ project: 'cn-north-4', on: object });

  it('an IAM Deny overrides a DLI grant, and the answer says which layer decided', () => {
    // Without the Deny, the same grant allows.
    expect(
      dliAccount({ dli: grantBob }).decision('bob', 'DROP_TABLE', on('databases.db1.tables.tbl')),
    ).toBe('allow');
    const denied = account(
      `
account: acme
projects: [{ name: cn-north-4 }]
users: [{ name: bob, groups: [no-drop] }]
groups:
  - name: no-drop
    grants: [{ permission: deny-drop, scope: cn-north-4 }]
policies:
  - name: deny-drop
    document: { Version: "1.1", Statement: [{ Effect: Deny, Action: ["dli:table:dropTable"], Resource: ["dli:*:*:table:databases.db1.tables.*"] }] }
dli:
${grantBob}
`,
      catalog,
    );
    const result = denied.ask('bob', 'DROP_TABLE', on('databases.db1.tables.tbl'));
    expect(result.decision).toBe('deny');
    expect(result.checks[0]?.notes).toEqual([
      'decided by IAM: a Deny of dli:table:dropTable on dli:cn-north-4:*:table:databases.db1.tables.tbl overrides DLI grants',
    ]);
    expect(result.deniedBy.map((m) => m.permission)).toEqual(['deny-drop']);
    // The Deny names DROP only: SELECT from the same grant still stands.
    expect(denied.decision('bob', 'SELECT', on('databases.db1.tables.tbl'))).toBe('allow');
    // And a table outside the Deny's resource pattern is unaffected by it (but not granted).
    expect(denied.decision('bob', 'DROP_TABLE', on('databases.db2.tables.tbl'))).toBe(
      'implicit-deny',
    );
  });

  it('an IAM Deny whose condition the query leaves open makes a DLI grant conditional, even with no IAM Allow', () => {
    const a = account(
      `
account: acme
domainId: d0m41n
projects: [{ name: cn-north-4 }]
users: [{ name: bob, groups: [mfa-only] }]
groups:
  - name: mfa-only
    grants: [{ permission: select-needs-mfa, scope: cn-north-4 }]
policies:
  - name: select-needs-mfa
    document: { Version: "1.1", Statement: [{ Effect: Deny, Action: ["dli:table:select"], Condition: { Bool: { "g:MFAPresent": ["false"] } } }] }
dli:
${grantBob}
`,
      catalog,
    );
    const open = a.ask('bob', 'SELECT', on('databases.db1.tables.tbl'));
    expect(open.decision).toBe('conditional');
    expect(open.allowed).toBe(false);
    expect(open.checks[0]?.unknownKeys).toEqual(['g:MFAPresent']);
    const withMfa = { ...on('databases.db1.tables.tbl'), context: { 'g:MFAPresent': ['true'] } };
    expect(a.decision('bob', 'SELECT', withMfa)).toBe('allow');
    const withoutMfa = {
      ...on('databases.db1.tables.tbl'),
      context: { 'g:MFAPresent': ['false'] },
    };
    expect(a.decision('bob', 'SELECT', withoutMfa)).toBe('deny');
    // The Deny names SELECT only: DROP_TABLE from the same grant is allowed outright.
    expect(a.decision('bob', 'DROP_TABLE', on('databases.db1.tables.tbl'))).toBe('allow');
  });

  it('an IAM Allow with a resource pattern allows matching objects only', () => {
    const a = account(
      `
account: acme
projects: [{ name: cn-north-4 }]
users: [{ name: carol, groups: [readers] }]
groups:
  - name: readers
    grants: [{ permission: read-db1, scope: cn-north-4 }]
policies:
  - name: read-db1
    document: { Version: "1.1", Statement: [{ Effect: Allow, Action: ["dli:table:select"], Resource: ["DLI:*:*:table:databases.db1.tables.*"] }] }
`,
      catalog,
    );
    const result = a.ask('carol', 'SELECT', on('databases.db1.tables.tbl'));
    expect(result.decision).toBe('allow');
    expect(result.checks[0]?.notes).toEqual([
      'decided by IAM: dli:table:select is allowed on dli:cn-north-4:*:table:databases.db1.tables.tbl',
    ]);
    expect(a.decision('carol', 'SELECT', on('databases.db2.tables.tbl'))).toBe('implicit-deny');
    // The IAM action of SELECT on a database object is dli:database:select? No: a database's
    // SELECT maps to its own type's action, which this policy does not allow.
    expect(a.decision('carol', 'SELECT', on('databases.db1'))).toBe('implicit-deny');
  });

  it('a Deny naming a concrete account id makes an allow conditional when the model has no domainId', () => {
    const model = (domain: string) => `
account: acme
${domain}
projects: [{ name: cn-north-4 }]
users: [{ name: bob, groups: [g] }]
groups:
  - name: g
    grants: [{ permission: deny-drop, scope: cn-north-4 }]
policies:
  - name: deny-drop
    document: { Version: "1.1", Statement: [{ Effect: Deny, Action: ["dli:table:dropTable"], Resource: ["dli:*:acct1:table:*"] }] }
dli:
${grantBob}
`;
    const unknown = account(model(''), catalog).ask(
      'bob',
      'DROP_TABLE',
      on('databases.db1.tables.tbl'),
    );
    expect(unknown.decision).toBe('conditional');
    expect(unknown.checks[0]?.unknownKeys).toEqual(['domainId']);
    expect(
      account(model('domainId: acct1'), catalog).decision(
        'bob',
        'DROP_TABLE',
        on('databases.db1.tables.tbl'),
      ),
    ).toBe('deny');
    expect(
      account(model('domainId: other'), catalog).decision(
        'bob',
        'DROP_TABLE',
        on('databases.db1.tables.tbl'),
      ),
    ).toBe('allow');
  });
});

describe('owners and administrators', () => {
  const a = dliAccount({
    groups: `  - name: admins
    grants: [{ permission: DLI Service Admin, scope: cn-north-4 }]
  - name: tenant-admins
    grants: [{ permission: Tenant Administrator, scope: all }]`,
    dli: `
  objects:
    databases:
      db1: { owner: alice, tables: { tbl: {} } }
      db2: { tables: { t: { owner: bob } } }
`,
  });
  const withAdmins = account(
    `
account: acme
projects: [{ name: cn-north-4 }, { name: cn-north-1 }]
users: [{ name: ops, groups: [admins] }, { name: root, groups: [tenant-admins] }]
groups:
  - name: admins
    grants: [{ permission: DLI Service Admin, scope: cn-north-4 }]
  - name: tenant-admins
    grants: [{ permission: Tenant Administrator, scope: all }]
`,
    catalog,
  );
  const on = (object: string, project = 'cn-north-4') => ({ project, on: object });

  it('the owner of a database may do anything to its tables; the owner of a table only to it', () => {
    const result = a.ask('alice', 'DROP_TABLE', on('databases.db1.tables.tbl'));
    expect(result.decision).toBe('allow');
    expect(result.checks[0]?.notes).toEqual([
      'decided by DLI ownership: user alice owns databases.db1, which contains databases.db1.tables.tbl',
    ]);
    expect(a.decision('bob', 'DROP_TABLE', on('databases.db2.tables.t'))).toBe('allow');
    expect(a.decision('bob', 'DROP_DATABASE', on('databases.db2'))).toBe('implicit-deny');
    expect(a.decision('dlitest', 'SELECT', on('databases.db1.tables.tbl'))).toBe('implicit-deny');
  });

  it('DLI Service Admin in the project, and Tenant Administrator on all projects, are administrators', () => {
    const result = withAdmins.ask('ops', 'DROP_DATABASE', on('databases.db9'));
    expect(result.decision).toBe('allow');
    expect(result.checks[0]?.notes).toEqual([
      'decided by IAM: DLI Service Admin makes the principal a DLI administrator in project cn-north-4',
    ]);
    expect(withAdmins.decision('root', 'DROP_DATABASE', on('databases.db9', 'cn-north-1'))).toBe(
      'allow',
    );
  });

  it('an administrator of one project is not one in another', () => {
    const result = withAdmins.ask('ops', 'SELECT', on('databases.db9.tables.t', 'cn-north-1'));
    expect(result.decision).toBe('implicit-deny');
  });
});

describe('how a privilege request is read', () => {
  const a = dliAccount({ dli: seedExample });

  it('a lower-case privilege with --on is the privilege', () => {
    expect(a.decision('dlitest', 'select', { project: 'cn-north-4', on: 'databases.dbtest' })).toBe(
      'allow',
    );
  });

  it('a project principal needs an id', () => {
    const error = catchPermgraphError(() => a.ask('project:', 'SELECT', { on: 'databases.db1' }));
    expect([error.code, error.message]).toEqual([
      'E_USAGE',
      '"project:" is not a project principal',
    ]);
  });
});

describe('privileges that do not fit', () => {
  const a = dliAccount({
    dli: `
  requests:
    - { action: grant, projectId: ${P}, privileges: [{ object: databases.db1, privileges: [DISPLAY_DATABASE, SELECT] }] }
`,
  });

  it('a privilege the object type does not have is a usage error naming the types that have it', () => {
    const error = catchPermgraphError(() =>
      a.ask('dlitest', 'DROP_DATABASE', { project: 'cn-north-4', on: 'databases.db1.tables.tbl' }),
    );
    expect(error.code).toBe('E_USAGE');
    expect(error.message).toBe(
      'DROP_DATABASE is a privilege of database, not of databases.db1.tables.tbl (a table)',
    );
  });

  it('a project given a user-only privilege does not hold it, and the answer says why', () => {
    const result = a.ask(`project:${P}`, 'DISPLAY_DATABASE', {
      project: 'cn-north-4',
      on: 'databases.db1',
    });
    expect(result.decision).toBe('implicit-deny');
    expect(result.checks[0]?.notes).toContain(
      'DISPLAY_DATABASE on a database can be granted to IAM users only, never to a project',
    );
    expect(
      a.decision(`project:${P}`, 'SELECT', { project: 'cn-north-4', on: 'databases.db1' }),
    ).toBe('allow');
  });

  it('a privilege needs --on, a malformed object is a usage error, and a project principal needs a privilege', () => {
    expect(
      catchPermgraphError(() => a.ask('dlitest', 'SELECT', { project: 'cn-north-4' })).message,
    ).toBe('SELECT is a DLI privilege: say on which object with --on');
    expect(
      catchPermgraphError(() =>
        a.ask('dlitest', 'SELECT', { project: 'cn-north-4', on: 'databases' }),
      ).code,
    ).toBe('E_USAGE');
    expect(
      catchPermgraphError(() =>
        a.ask(`project:${P}`, 'rds:instance:list', { project: 'cn-north-4' }),
      ).code,
    ).toBe('E_USAGE');
  });
});
