/**
 * Writes a model as an IAM API export directory, responses shaped as the API returns them
 * and listed in the manifest exactly as `permgraph export-script` lists its own. It makes
 * test exports and lets `import iam-api` be checked against a model whose decisions are known.
 * System permissions are written by display name without their documents; enterprise
 * projects come back named by id, as IAM knows them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Catalog } from '../../catalog/catalog.js';
import type { ModelFile } from '../../model/schema.js';
import { readSourceFile } from '../../model/source.js';
import { EXPORT_FORMAT, MANIFEST } from './layout.js';

type Json = Record<string, unknown>;

interface Ids {
  of(kind: string, name: string): string;
}

/** Role-assignment records per page, as the API's `per_page` maximum. */
const ASSIGNMENTS_PER_PAGE = 50;

/**
 * Writes `data` into `dir` (created when missing) as an export; `file:` policy documents are
 * read relative to `baseDir`. Returns the manifest entries.
 */
export function writeIamExport(
  data: ModelFile,
  catalog: Catalog,
  dir: string,
  baseDir = '.',
): { request: string; file: string }[] {
  mkdirSync(dir, { recursive: true });
  const ids = idMaker(data);
  const domainId = data.domainId ?? ids.of('domain', data.account ?? 'account');
  const entries: { request: string; file: string }[] = [];
  const save = (request: string, file: string, body: Json): void => {
    writeFileSync(join(dir, file), `${JSON.stringify(body, null, 2)}\n`);
    entries.push({ request, file });
  };
  save('GET /v3/auth/domains', 'auth_domains.json', {
    domains: [{ id: domainId, name: data.account ?? 'account' }],
  });
  save('GET /v3/projects', 'projects.json', {
    projects: data.projects.map((p) => ({
      id: ids.of('project', p.name),
      name: p.name,
      domain_id: domainId,
      is_domain: false,
      enabled: true,
    })),
    links: { next: null },
  });
  save('GET /v3/users', 'users.json', {
    users: data.users.map((u) => user(u, ids, domainId)),
    links: { next: null },
  });
  save('GET /v3/groups', 'groups.json', {
    groups: data.groups.map((g) => ({
      id: ids.of('group', g.name),
      name: g.name,
      description: g.description ?? '',
      domain_id: domainId,
    })),
    links: { next: null },
  });
  for (const group of data.groups) {
    const id = ids.of('group', group.name);
    const members = data.users
      .filter((u) => u.groups.includes(group.name))
      .map((u) => user(u, ids, domainId));
    save(`GET /v3/groups/${id}/users`, `groups_${id}_users.json`, {
      users: members,
      links: { next: null },
    });
  }
  const roles = rolesOf(data, catalog, ids, baseDir);
  save('GET /v3/roles?page=1&per_page=300', 'roles_page-1.json', {
    roles: roles.system,
    total_number: roles.system.length,
  });
  save('GET /v3.0/OS-ROLE/roles?page=1&per_page=300', 'os-role_roles_page-1.json', {
    roles: roles.custom,
    total_number: roles.custom.length,
  });
  const records = assignments(data, ids, domainId);
  for (let page = 1; page === 1 || (page - 1) * ASSIGNMENTS_PER_PAGE < records.length; page++) {
    const slice = records.slice((page - 1) * ASSIGNMENTS_PER_PAGE, page * ASSIGNMENTS_PER_PAGE);
    save(
      `GET /v3.0/OS-PERMISSION/role-assignments?domain_id=${domainId}&page=${page}&per_page=${ASSIGNMENTS_PER_PAGE}`,
      `role-assignments_page-${page}.json`,
      { role_assignments: slice, total_num: records.length },
    );
  }
  const manifest = { format: EXPORT_FORMAT, version: 1, domain_id: domainId, responses: entries };
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);

  return entries;
}

/** Stable made-up ids (32 hex digits, as IAM's) for objects the model gives none. */
function idMaker(data: ModelFile): Ids {
  const known = new Map<string, string>();
  const declared: [string, { name: string; id?: string | undefined }[]][] = [
    ['project', data.projects],
    ['enterprise-project', data.enterpriseProjects],
    ['user', data.users],
    ['group', data.groups],
    ['role', data.policies],
  ];
  for (const [kind, list] of declared)
    for (const item of list) if (item.id) known.set(`${kind}:${item.name}`, item.id);
  let counter = 0;

  return {
    of(kind, name) {
      const key = `${kind}:${name}`;
      const id = known.get(key) ?? (++counter).toString(16).padStart(32, '0');
      known.set(key, id);
      return id;
    },
  };
}

function user(u: ModelFile['users'][number], ids: Ids, domainId: string): Json {
  return {
    id: ids.of('user', u.name),
    name: u.name,
    description: u.description ?? '',
    domain_id: domainId,
    enabled: true,
  };
}

function rolesOf(
  data: ModelFile,
  catalog: Catalog,
  ids: Ids,
  baseDir: string,
): { system: Json[]; custom: Json[] } {
  const custom = data.policies.map((p) => ({
    id: ids.of('role', p.name),
    name: `custom_${ids.of('role', p.name)}`,
    display_name: p.name,
    catalog: 'CUSTOMED',
    domain_id: 'set',
    type: p.type ?? 'XA',
    description: p.description ?? '',
    policy: p.file === undefined ? p.document : readSourceFile(resolve(baseDir, p.file)).value,
  }));
  const granted = new Set(
    [...data.users, ...data.groups].flatMap((h) => h.grants.map((g) => g.permission)),
  );
  const system = [...granted]
    .filter((name) => !data.policies.some((p) => p.name === name))
    .flatMap((name) => {
      const permission = catalog.findPermission(name);
      if (!permission) return [];
      const internal =
        permission.internalNames[0] ?? `system_${ids.of('internal', permission.name)}`;
      return [
        {
          id: ids.of('role', name),
          name: internal,
          display_name: permission.name,
          catalog: permission.catalog,
          domain_id: null,
          type: permission.scope === 'global' ? 'AX' : permission.scope === 'both' ? 'AA' : 'XA',
        },
      ];
    });

  return { system, custom };
}

function assignments(data: ModelFile, ids: Ids, domainId: string): Json[] {
  const holders = [
    ...data.groups.map((g) => ({
      subject: { group: { id: ids.of('group', g.name) } },
      grants: g.grants,
    })),
    ...data.users.map((u) => ({
      subject: { user: { id: ids.of('user', u.name) } },
      grants: u.grants,
    })),
  ];

  return holders.flatMap(({ subject, grants }) =>
    grants.flatMap((g) => {
      // A 5.0 identity policy has no v3 scope: it is attached through the v5 API instead.
      if (g.scope === undefined) return [];
      return [
        {
          ...subject,
          role: { id: ids.of('role', g.permission) },
          ...scopeRecord(g.scope, data, ids, domainId),
        },
      ];
    }),
  );
}

function scopeRecord(scope: string, data: ModelFile, ids: Ids, domainId: string): Json {
  if (scope === 'global') return { scope: { domain: { id: domainId } }, is_inherited: false };
  if (scope === 'all') return { scope: { domain: { id: domainId } }, is_inherited: true };
  if (scope.startsWith('enterprise-project:')) {
    const key = scope.slice('enterprise-project:'.length);
    const ep = data.enterpriseProjects.find((e) => e.name === key || e.id === key);
    return {
      scope: { enterprise_project: { id: ids.of('enterprise-project', ep?.name ?? key) } },
      is_inherited: false,
    };
  }
  const project = data.projects.find((p) => p.name === scope || p.id === scope);

  return {
    scope: { project: { id: ids.of('project', project?.name ?? scope) } },
    is_inherited: false,
  };
}
