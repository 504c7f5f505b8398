import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import {
  catalogFileSchema,
  type ActionEntry,
  type CatalogFile,
  type OperationEntry,
  type PermissionEntry,
  type Requirement,
  type ServiceEntry,
} from '../../src/catalog/schema.js';

const policiesDir = fileURLToPath(new URL('../../policies/', import.meta.url));

/** Every `.yaml` file under `policies/`, as a path relative to it with `/` separators. */
function listYamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listYamlFiles(path);

    return entry.name.endsWith('.yaml') ? [relative(policiesDir, path).split(sep).join('/')] : [];
  });
}

interface LoadedFile {
  path: string;
  data?: CatalogFile;
  error?: string;
}

function loadFile(path: string): LoadedFile {
  try {
    const raw: unknown = parse(readFileSync(join(policiesDir, path), 'utf8'));

    return { path, data: catalogFileSchema.parse(raw) };
  } catch (error) {
    return { path, error: error instanceof Error ? error.message : String(error) };
  }
}

const paths = listYamlFiles(policiesDir).sort();

/**
 * The whole catalog, flattened. A file that does not parse is left out here and reported by
 * its own schema test, so one broken file does not hide the cross-reference checks.
 */
function loadCatalog() {
  const files = paths
    .map(loadFile)
    .flatMap((f) => (f.data ? [{ path: f.path, data: f.data }] : []));
  const services: ServiceEntry[] = files.flatMap((f) => f.data.services ?? []);
  const actions: ActionEntry[] = files.flatMap((f) => f.data.actions ?? []);
  const permissions: PermissionEntry[] = files.flatMap((f) => f.data.permissions ?? []);
  const operations: OperationEntry[] = files.flatMap((f) => f.data.operations ?? []);

  return { files, services, actions, permissions, operations };
}

const catalog = loadCatalog();
const actionNames = new Set(catalog.actions.flatMap((a) => [a.name, ...a.aliases]));
const permissionByName = new Map<string, PermissionEntry>(
  catalog.permissions.map((p) => [p.name, p]),
);
const serviceNames = new Set(catalog.services.map((s) => s.name));
/** The permissions this suite pins by name; DLI's are pinned by the DLI tests. */
const nonDliPermissions = catalog.permissions.filter((p) => p.catalog !== 'DLI');

function permission(name: string): PermissionEntry {
  const found = permissionByName.get(name);
  if (!found) throw new Error(`no system permission named ${name}`);

  return found;
}

function operation(id: string): OperationEntry {
  const found = catalog.operations.find((o) => o.id === id);
  if (!found) throw new Error(`no operation ${id}`);

  return found;
}

function service(name: string): ServiceEntry {
  const found = catalog.services.find((s) => s.name === name);
  if (!found) throw new Error(`no service ${name}`);

  return found;
}

/** Action patterns of a document: Action and ExcludeAction of every statement. */
function documentPatterns(p: PermissionEntry): string[] {
  return p.document.Statement.flatMap((s) => [...(s.Action ?? []), ...(s.ExcludeAction ?? [])]);
}

function allowedActions(p: PermissionEntry): string[] {
  return p.document.Statement.flatMap((s) => s.Action ?? []);
}

/** `*` matches any run of characters; the service part compares exactly, the rest ignoring case. */
function matchesPattern(pattern: string, action: string): boolean {
  const toRegExp = (glob: string, flags: string) =>
    new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, flags);
  const [ps, pt, po] = pattern.split(':');
  const [as, at, ao] = action.split(':');
  if (ps === undefined || pt === undefined || po === undefined) return false;

  return (
    toRegExp(ps, '').test(as ?? '') &&
    toRegExp(pt, 'i').test(at ?? '') &&
    toRegExp(po, 'i').test(ao ?? '')
  );
}

function requirementActions(reqs: Requirement[]): string[] {
  return reqs.flatMap((r) => ('action' in r ? [r.action] : []));
}

function operationRequirements(o: OperationEntry): Requirement[] {
  return [...o.requires, ...Object.values(o.variants).flatMap((v) => v.requires)];
}

const rdsDeletes = [
  'rds:instance:delete',
  'rds:backup:delete',
  'rds:param:delete',
  'rds:database:drop',
  'rds:databaseUser:drop',
  'rds:binlog:delete',
  'rds:task:delete',
];

describe('catalog files', () => {
  it('finds the RDS catalog and the files it depends on', () => {
    expect(paths).toEqual(
      expect.arrayContaining([
        'base/permissions.yaml',
        'bss/actions.yaml',
        'bss/permissions.yaml',
        'catalog.yaml',
        'ecs/actions.yaml',
        'elb/actions.yaml',
        'evs/actions.yaml',
        'iam/actions.yaml',
        'iam/permissions.yaml',
        'ims/actions.yaml',
        'kms/actions.yaml',
        'kms/permissions.yaml',
        'rds/actions.yaml',
        'rds/operations.yaml',
        'rds/permissions.yaml',
        'services.yaml',
        'tms/actions.yaml',
        'vpc/actions.yaml',
        'vpc/permissions.yaml',
      ]),
    );
  });

  it.each(paths)('%s parses and matches catalogFileSchema', (path) => {
    expect(loadFile(path).error).toBeUndefined();
  });

  it('prints version 2026.12.0 of 2026-12-03', () => {
    const info = catalog.files.find((f) => f.path === 'catalog.yaml')?.data.catalog;
    expect(info?.version).toBe('2026.12.0');
    expect(info?.date).toBe('2026-12-03');
  });

  it('keeps each service folder to its own service', () => {
    const misplaced = catalog.files.flatMap((f) => {
      const folder = f.path.includes('/') ? f.path.split('/')[0] : undefined;
      if (folder === undefined) return [];
      const { service: key } = f.data;
      const wrongKey = key === undefined || key === folder ? [] : [`${f.path}: service ${key}`];
      const wrongActions = (f.data.actions ?? [])
        .filter((a) => !a.name.startsWith(`${folder}:`))
        .map((a) => `${f.path}: ${a.name}`);
      const wrongPermissions = (f.data.permissions ?? [])
        .filter((p) => p.catalog.toLowerCase() !== folder)
        .map((p) => `${f.path}: ${p.name} (catalog ${p.catalog})`);

      return [...wrongKey, ...wrongActions, ...wrongPermissions];
    });
    expect(misplaced).toEqual([]);
  });
});

describe('services', () => {
  it('lists the services the catalog needs', () => {
    expect([...serviceNames].sort()).toEqual([
      'bss',
      'dli',
      'dss',
      'ecs',
      'elb',
      'evs',
      'iam',
      'ims',
      'kms',
      'rds',
      'tms',
      'vpc',
    ]);
  });

  it('marks IAM, BSS and TMS global and the others project-level', () => {
    const global = catalog.services.filter((s) => s.scope === 'global').map((s) => s.name);
    expect(global.sort()).toEqual(['bss', 'iam', 'tms']);
    expect(service('rds').scope).toBe('project');
    expect(service('dli').scope).toBe('project');
  });

  it('allows resource-level authorization only for KMS and DLI', () => {
    const resourceLevel = catalog.services.filter((s) => s.resourceLevel).map((s) => s.name);
    expect(resourceLevel.sort()).toEqual(['dli', 'kms']);
    expect(service('dli').resourceTypes).toContain('queue');
    expect(service('kms').resourceTypes).toContain('KeyId');
  });

  it('has no duplicate service names', () => {
    expect(serviceNames.size).toBe(catalog.services.length);
  });
});

describe('actions', () => {
  it('has no duplicate action names or aliases', () => {
    const all = catalog.actions.flatMap((a) => [a.name, ...a.aliases]);
    const duplicates = all.filter((name, i) => all.indexOf(name) !== i);
    expect(duplicates).toEqual([]);
  });

  it('names only known services', () => {
    const unknown = catalog.actions.filter((a) => !serviceNames.has(a.name.split(':')[0] ?? ''));
    expect(unknown.map((a) => a.name)).toEqual([]);
  });

  it('has at least 60 RDS actions, including those only the seed lists', () => {
    const rds = catalog.actions.filter((a) => a.name.startsWith('rds:'));
    expect(rds.length).toBeGreaterThanOrEqual(60);
    for (const name of [
      'rds:instance:operateServer',
      'rds:instance:stop',
      'rds:instance:start',
      'rds:databaseUser:update',
      'rds:param:reset',
      'rds:param:save',
      'rds:binlog:setPolicy',
      'rds:auditlog:download',
      'rds:instance:dealTag',
    ]) {
      expect(actionNames.has(name), name).toBe(true);
    }
  });

  it('classifies access levels the way the evaluator expects', () => {
    const access = (name: string) => catalog.actions.find((a) => a.name === name)?.access;
    expect(access('rds:instance:list')).toBe('list');
    expect(access('rds:instance:delete')).toBe('write');
    expect(access('rds:databasePrivilege:grant')).toBe('permissions');
    expect(access('rds:databasePrivilege:revoke')).toBe('permissions');
    expect(access('rds:instance:dealTag')).toBe('tagging');
    expect(access('iam:permissions:grantRoleToGroupOnProject')).toBe('permissions');
  });

  it('gives RDS actions from the seed their Chinese operation name', () => {
    const create = catalog.actions.find((a) => a.name === 'rds:instance:create');
    expect(create?.description.zh).toBe('创建数据库实例');
    expect(create?.api).toContain('POST /v3/{project_id}/instances');
  });

  it('lists the IAM actions of every family named by the IAM action page', () => {
    const families = new Set(
      catalog.actions.filter((a) => a.name.startsWith('iam:')).map((a) => a.name.split(':')[1]),
    );
    expect([...families].sort()).toEqual([
      'agencies',
      'credentials',
      'groups',
      'identityProviders',
      'mfa',
      'permissions',
      'projects',
      'quotas',
      'roles',
      'securitypolicies',
      'tokens',
      'users',
    ]);
    for (const name of [
      'iam:agencies:pass',
      'iam:tokens:assume',
      'iam:permissions:grantRoleToAgency',
      'iam:permissions:listRolesForAgencyOnProject',
      'iam:mfa:bindMFADevice',
      'iam:securitypolicies:getApiAclPolicy',
      'iam:identityProviders:createIDPMetadata',
    ]) {
      expect(actionNames.has(name), name).toBe(true);
    }
  });

  it('includes bss:order:pay and marks where it was seen', () => {
    const pay = catalog.actions.find((a) => a.name === 'bss:order:pay');
    expect(pay?.description.en).toMatch(/custom-policy examples/);
  });
});

describe('system permissions', () => {
  it('has no duplicate permission names', () => {
    const names = catalog.permissions.map((p) => p.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('has the expected permissions outside DLI', () => {
    expect(nonDliPermissions.map((p) => p.name).sort()).toEqual([
      'BSS Administrator',
      'BSS ServiceAgencyCreatePolicy',
      'BSS ServiceAgencyReadPolicy',
      'IAM ReadOnlyAccess',
      'KMS Administrator',
      'RDS Administrator',
      'RDS FullAccess',
      'RDS ManageAccess',
      'RDS ReadOnlyAccess',
      'Security Administrator',
      'Server Administrator',
      'Tenant Administrator',
      'Tenant Guest',
      'VPC Administrator',
    ]);
  });

  it('contains only Allow statements', () => {
    const denies = catalog.permissions.filter((p) =>
      p.document.Statement.some((s) => s.Effect !== 'Allow'),
    );
    expect(denies.map((p) => p.name)).toEqual([]);
  });

  it('uses Version 1.0 for roles and 1.1 for policies, Depends only on roles', () => {
    const wrong = catalog.permissions.filter(
      (p) =>
        (p.kind === 'role' && p.document.Version !== '1.0') ||
        (p.kind === 'policy' && (p.document.Version !== '1.1' || p.document.Depends)),
    );
    expect(wrong.map((p) => p.name)).toEqual([]);
  });

  it('resolves every Depends entry to a role of that catalog', () => {
    const missing = catalog.permissions.flatMap((p) =>
      (p.document.Depends ?? [])
        .filter((d) => {
          const target = permissionByName.get(d.display_name);

          return !target || target.catalog !== d.catalog || target.kind !== 'role';
        })
        .map((d) => `${p.name} -> ${d.catalog}/${d.display_name}`),
    );
    expect(missing).toEqual([]);
  });

  it('resolves every companion to a system permission', () => {
    const missing = catalog.permissions.flatMap((p) =>
      p.companions
        .filter((c) => !permissionByName.has(c.permission))
        .map((c) => `${p.name} -> ${c.permission}`),
    );
    expect(missing).toEqual([]);
  });

  it('names only catalogued actions where a document names one without wildcards', () => {
    const unknown = catalog.permissions.flatMap((p) =>
      documentPatterns(p)
        .filter((pattern) => !pattern.includes('*') && !actionNames.has(pattern))
        .map((pattern) => `${p.name}: ${pattern}`),
    );
    expect(unknown).toEqual([]);
  });

  it('names only known services in document patterns', () => {
    const unknown = catalog.permissions.flatMap((p) =>
      documentPatterns(p)
        .map((pattern) => pattern.split(':')[0] ?? '')
        .filter((svc) => svc !== '*' && !serviceNames.has(svc)),
    );
    expect(unknown).toEqual([]);
  });

  it('matches a catalogued action with every non-DLI pattern except the known gaps', () => {
    const all = catalog.actions.map((a) => a.name);
    const unmatched = new Set(
      nonDliPermissions.flatMap((p) =>
        allowedActions(p).filter((pattern) => !all.some((a) => matchesPattern(pattern, a))),
      ),
    );
    expect([...unmatched].sort()).toEqual([
      'dss:*:get',
      'dss:*:list',
      'vpc:firewalls:*',
      'vpc:lbaas:*',
      'vpc:routes:*',
      'vpc:vpns:*',
    ]);
    expect(all.filter((a) => matchesPattern('ecs:*:get*', a)).length).toBeGreaterThan(0);
  });

  it('explains every non-DLI document it derived', () => {
    const derived = nonDliPermissions.filter((p) => p.derived).map((p) => p.name);
    expect(derived.sort()).toEqual([
      'BSS Administrator',
      'BSS ServiceAgencyCreatePolicy',
      'BSS ServiceAgencyReadPolicy',
      'KMS Administrator',
      'RDS Administrator',
      'RDS FullAccess',
      'RDS ManageAccess',
      'RDS ReadOnlyAccess',
      'Security Administrator',
      'Server Administrator',
      'Tenant Administrator',
      'Tenant Guest',
      'VPC Administrator',
    ]);
  });

  it('pins RDS Administrator: a role on rds:*:* that depends on Server Administrator and Tenant Guest', () => {
    const admin = permission('RDS Administrator');
    expect(admin.kind).toBe('role');
    expect(admin.scope).toBe('project');
    expect(allowedActions(admin)).toEqual(['rds:*:*']);
    expect(admin.document.Depends).toEqual([
      { catalog: 'BASE', display_name: 'Server Administrator' },
      { catalog: 'BASE', display_name: 'Tenant Guest' },
    ]);
    expect(admin.derived).toMatch(/rds:rds:\*/);
  });

  it('pins RDS FullAccess: all RDS, VPC lookups, three IAM actions, no BSS, a global companion', () => {
    const full = permission('RDS FullAccess');
    const allowed = allowedActions(full);
    expect(full.kind).toBe('policy');
    expect(full.scope).toBe('project');
    expect(allowed).toContain('rds:*:*');
    expect(allowed.filter((a) => a.startsWith('iam:')).sort()).toEqual([
      'iam:agencies:listAgencies',
      'iam:agencies:pass',
      'iam:roles:listRoles',
    ]);
    expect(allowed.filter((a) => a.startsWith('bss:'))).toEqual([]);
    expect(allowed.some((p) => matchesPattern(p, 'vpc:subnets:get'))).toBe(true);
    expect(full.companions).toHaveLength(1);
    expect(full.companions[0]).toMatchObject({
      permission: 'BSS ServiceAgencyReadPolicy',
      scope: 'global',
      when: 'granted on a region project rather than all projects',
    });
  });

  it('pins RDS ManageAccess: every RDS action but the seven deletes, listed one by one', () => {
    const manage = permission('RDS ManageAccess');
    const allowed = allowedActions(manage);
    const rdsAllowed = allowed.filter((a) => a.startsWith('rds:'));
    const rdsCatalogued = catalog.actions.map((a) => a.name).filter((n) => n.startsWith('rds:'));
    expect(rdsAllowed.some((a) => a.includes('*'))).toBe(false);
    expect(rdsAllowed.filter((a) => rdsDeletes.includes(a))).toEqual([]);
    expect([...rdsAllowed].sort()).toEqual(
      rdsCatalogued.filter((n) => !rdsDeletes.includes(n)).sort(),
    );
    expect(allowed).toContain('iam:agencies:pass');
  });

  it('pins RDS ReadOnlyAccess: the old Viewer content plus RDS list and read actions only', () => {
    const readOnly = permission('RDS ReadOnlyAccess');
    const allowed = allowedActions(readOnly);
    for (const viewer of [
      'rds:instance:list',
      'rds:backup:list',
      'rds:param:list',
      'dss:*:get',
      'ecs:*:get*',
      'vpc:*:list',
    ]) {
      expect(allowed).toContain(viewer);
    }
    const rdsReadable = catalog.actions
      .filter((a) => a.name.startsWith('rds:') && (a.access === 'list' || a.access === 'read'))
      .map((a) => a.name);
    expect(allowed.filter((a) => a.startsWith('rds:')).sort()).toEqual(rdsReadable.sort());
  });

  it('pins the BASE roles: both scopes, IAM excluded rather than denied', () => {
    for (const name of ['Tenant Guest', 'Tenant Administrator']) {
      const role = permission(name);
      expect(role.catalog).toBe('BASE');
      expect(role.scope).toBe('both');
      expect(role.document.Statement[0]?.ExcludeAction).toEqual(['iam:*:*']);
    }
    expect(allowedActions(permission('Tenant Administrator'))).toEqual(['*:*:*']);
    expect(allowedActions(permission('Tenant Guest'))).toEqual(['*:*:get*', '*:*:list*']);
    expect(permission('Server Administrator').document.Depends).toEqual([
      { catalog: 'BASE', display_name: 'Tenant Guest' },
    ]);
    expect(permission('Server Administrator').document.Statement[0]?.Action).toContain(
      'evs:volumes:create',
    );
  });

  it('pins the global IAM and BSS permissions', () => {
    const security = permission('Security Administrator');
    expect(security.scope).toBe('global');
    expect(allowedActions(security)).toEqual(['iam:*:*']);
    expect(security.document.Statement[0]?.ExcludeAction).toContain('iam:tokens:assume');
    expect(permission('IAM ReadOnlyAccess').document).toEqual({
      Version: '1.1',
      Statement: [{ Effect: 'Allow', Action: ['iam:*:get*', 'iam:*:list*', 'iam:*:check*'] }],
    });
    expect(allowedActions(permission('BSS Administrator'))).toEqual(['bss:*:*']);
    expect(allowedActions(permission('BSS ServiceAgencyCreatePolicy'))).toEqual(
      expect.arrayContaining(['iam:agencies:createAgency', 'iam:permissions:grantRoleToAgency']),
    );
    for (const name of ['BSS Administrator', 'BSS ServiceAgencyReadPolicy', 'IAM ReadOnlyAccess']) {
      expect(permission(name).scope, name).toBe('global');
    }
    expect(permission('KMS Administrator').document.Depends).toBeUndefined();
  });
});

describe('operations', () => {
  it('has one operation per row of the seed table, each id unique', () => {
    const ids = catalog.operations.map((o) => o.id);
    expect(ids).toHaveLength(85);
    expect(new Set(ids).size).toBe(85);
  });

  it('requires only catalogued actions', () => {
    const unknown = catalog.operations.flatMap((o) =>
      requirementActions(operationRequirements(o))
        .filter((a) => !actionNames.has(a))
        .map((a) => `${o.id}: ${a}`),
    );
    expect(unknown).toEqual([]);
  });

  it('requires only system permissions that can be granted in the stated scope', () => {
    const wrong = catalog.operations.flatMap((o) =>
      operationRequirements(o).flatMap((r) => {
        if (!('permission' in r)) return [];
        const target = permissionByName.get(r.permission);
        const fits = target && (target.scope === 'both' || target.scope === r.scope);

        return fits ? [] : [`${o.id}: ${r.permission} (${r.scope})`];
      }),
    );
    expect(wrong).toEqual([]);
  });

  it('says why for every variant requirement', () => {
    const silent = catalog.operations.flatMap((o) =>
      Object.entries(o.variants).flatMap(([name, v]) =>
        v.requires.filter((r) => !r.why).map(() => `${o.id} [${name}]`),
      ),
    );
    expect(silent).toEqual([]);
  });

  it('pins rds.instance.create: two actions and five variants', () => {
    const create = operation('rds.instance.create');
    expect(create.name.zh).toBe('创建数据库实例');
    expect(requirementActions(create.requires)).toEqual(['rds:instance:create', 'rds:param:list']);
    expect(Object.keys(create.variants).sort()).toEqual([
      'autoscale',
      'console',
      'encrypted',
      'kms-shared-prepaid',
      'prepaid',
    ]);
    expect(create.variants['encrypted']?.requires).toEqual([
      expect.objectContaining({ permission: 'KMS Administrator', scope: 'project' }),
    ]);
    expect(requirementActions(create.variants['prepaid']?.requires ?? [])).toEqual([
      'bss:order:update',
      'bss:order:pay',
    ]);
    expect(create.variants['autoscale']?.requires).toContainEqual(
      expect.objectContaining({ permission: 'Security Administrator', scope: 'global' }),
    );
    expect(requirementActions(create.variants['kms-shared-prepaid']?.requires ?? [])).toEqual([
      'iam:agencies:listAgencies',
      'iam:roles:listRoles',
      'iam:agencies:pass',
      'iam:agencies:createAgency',
      'iam:permissions:grantRoleToAgency',
      'bss:order:update',
      'bss:order:pay',
    ]);
    expect(requirementActions(create.variants['console']?.requires ?? [])).toContain(
      'vpc:securityGroupRules:get',
    );
  });

  it('pins the console remarks of other rows', () => {
    const consoleActions = (id: string) =>
      requirementActions(operation(id).variants['console']?.requires ?? []);
    expect(consoleActions('rds.instance.delete')).toEqual(['vpc:ports:delete']);
    expect(consoleActions('rds.instance.modify-ip')).toEqual(['vpc:subnets:get', 'vpc:ports:get']);
    expect(consoleActions('rds.instance.bind-eip')).toEqual([
      'vpc:publicIps:get',
      'vpc:publicIps:list',
    ]);
    expect(consoleActions('rds.instance.details')).toContain('vpc:vpcs:list');
    expect(
      requirementActions(operation('rds.instance.tag').variants['tags']?.requires ?? []),
    ).toEqual(['tms:resourceTags:list', 'tms:resourceTags:create', 'tms:resourceTags:delete']);
  });

  it('keeps rows that share an action as separate operations', () => {
    const usingInstanceList = catalog.operations
      .filter((o) => requirementActions(o.requires).includes('rds:instance:list'))
      .map((o) => o.id);
    expect(usingInstanceList.sort()).toEqual([
      'rds.backup.get-policy',
      'rds.backup.list-restore-times',
      'rds.instance.details',
      'rds.instance.list',
      'rds.instance.list-hosts',
      'rds.instance.list-recycle-bin',
    ]);
  });
});
