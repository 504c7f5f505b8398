/**
 * Imports an IAM API export directory (the layout of `layout.ts`) into a model: users, groups,
 * memberships, projects, system and custom permissions, and every grant, from
 * `role-assignments` and from the per-group role listings on a domain, a project, all projects
 * (inherited) or an enterprise project.
 */
import type { Catalog } from '../../catalog/catalog.js';
import type { DocPath } from '../../model/source.js';
import { documentOrigin, ModelBuilder } from '../builder.js';
import { ImportLog, type ImportOptions, type ImportResult } from '../log.js';
import { importAssignments, importGroupRoles, type GrantScope } from './grants.js';
import { detailPaths, itemPaths, isUsableBody, knownName } from './items.js';
import { readExport, type ExportResponse } from './layout.js';
import { checkPages } from './pages.js';
import { declareRole, roleContext, stringField, valueAt, type RoleContext } from './roles.js';

type Handler = (context: RoleContext, response: ExportResponse, ids: string[]) => void;

interface Route {
  pattern: RegExp;
  /** Declarations run first, so grants and memberships can name what they refer to. */
  pass: 1 | 2;
  handle: Handler;
  /** Read but not modelled: the body is not even checked. */
  ignored?: boolean;
}

const routes: readonly Route[] = [
  { pattern: /^\/v3\/auth\/domains$/, pass: 1, handle: domains },
  { pattern: /^\/v3\/(?:auth\/|users\/[^/]+\/)?projects$/, pass: 1, handle: projects },
  {
    pattern: /^\/v3\/users$/,
    pass: 1,
    handle: (c, r) => users(c, r, itemPaths(r, 'users', c.log)),
  },
  {
    pattern: /^\/v3(?:\.0\/OS-USER)?\/users\/[^/]+$/,
    pass: 1,
    handle: (c, r) => users(c, r, detailPaths(r, 'user', 'users', c.log)),
  },
  {
    pattern: /^\/v3\/groups$/,
    pass: 1,
    handle: (c, r) => groups(c, r, itemPaths(r, 'groups', c.log)),
  },
  {
    pattern: /^\/v3\/groups\/[^/]+$/,
    pass: 1,
    handle: (c, r) => groups(c, r, detailPaths(r, 'group', 'groups', c.log)),
  },
  {
    pattern: /^\/v3\/roles$/,
    pass: 1,
    handle: (c, r) => roles(c, r, itemPaths(r, 'roles', c.log), false),
  },
  {
    pattern: /^\/v3\/roles\/[^/]+$/,
    pass: 1,
    handle: (c, r) => roles(c, r, detailPaths(r, 'role', 'roles', c.log), false),
  },
  {
    pattern: /^\/v3\.0\/OS-ROLE\/roles$/,
    pass: 1,
    handle: (c, r) => roles(c, r, itemPaths(r, 'roles', c.log), true),
  },
  {
    pattern: /^\/v3\.0\/OS-ROLE\/roles\/[^/]+$/,
    pass: 1,
    handle: (c, r) => roles(c, r, detailPaths(r, 'role', 'roles', c.log), true),
  },
  { pattern: /^\/v3\/groups\/([^/]+)\/users$/, pass: 2, handle: groupMembers },
  { pattern: /^\/v3\/users\/([^/]+)\/groups$/, pass: 2, handle: userGroups },
  { pattern: /^\/v3\.0\/OS-PERMISSION\/role-assignments$/, pass: 2, handle: importAssignments },
  // Plain Keystone's listing: documented as discarded, same records.
  { pattern: /^\/v3\/role_assignments$/, pass: 2, handle: importAssignments },
  {
    pattern: /^\/v3\/domains\/[^/]+\/groups\/([^/]+)\/roles$/,
    pass: 2,
    handle: scoped(() => ({ kind: 'global' })),
  },
  {
    pattern: /^\/v3\/projects\/([^/]+)\/groups\/([^/]+)\/roles$/,
    pass: 2,
    handle: scoped((ids) => ({ kind: 'project', id: ids[0] as string }), 1),
  },
  {
    pattern: /^\/v3\/OS-INHERIT\/domains\/[^/]+\/groups\/([^/]+)\/roles\/inherited_to_projects$/,
    pass: 2,
    handle: scoped(() => ({ kind: 'all' })),
  },
  {
    pattern: /^\/v3\.0\/OS-PERMISSION\/enterprise-projects\/([^/]+)\/groups\/([^/]+)\/roles$/,
    pass: 2,
    handle: scoped((ids) => ({ kind: 'enterprise-project', id: ids[0] as string }), 1),
  },
  {
    pattern: /^\/v3\.0\/OS-PERMISSION\/enterprise-projects\/([^/]+)\/users\/([^/]+)\/roles$/,
    pass: 2,
    handle: scoped((ids) => ({ kind: 'enterprise-project', id: ids[0] as string }), 1, 'user'),
  },
  { pattern: /OS-AGENCY|\/agencies(\/|$)/, pass: 2, handle: agencies, ignored: true },
];

/** Reads an export directory and builds the model it describes. */
export function importIamExport(
  dir: string,
  catalog: Catalog,
  options: ImportOptions = {},
): ImportResult {
  const log = new ImportLog(options.partial ?? false, true);
  const builder = new ModelBuilder();
  const context = roleContext(catalog, builder, log);
  const { manifest, responses } = readExport(dir, log, options.partial ?? false);
  checkPages(responses, log);
  const domain = (manifest.value as Record<string, unknown>).domain_id;
  if (typeof domain === 'string' && domain !== '') builder.domainId = domain;
  const routed = responses.flatMap((response) => route(response, log));
  for (const pass of [1, 2] as const) {
    for (const { response, routeOf, ids } of routed) {
      if (routeOf.pass !== pass || !(routeOf.ignored || isUsableBody(response, log))) continue;
      log.attempt(() => routeOf.handle(context, response, ids));
    }
  }

  return { file: builder.build(dir), warnings: log.warnings };
}

function route(
  response: ExportResponse,
  log: ImportLog,
): { response: ExportResponse; routeOf: Route; ids: string[] }[] {
  const { method, path, text } = response.request;
  for (const candidate of routes) {
    const match = candidate.pattern.exec(path);
    if (method === 'GET' && match)
      return [
        {
          response,
          routeOf: candidate,
          ids: match.slice(1).map((s) => decodeURIComponent(s ?? '')),
        },
      ];
  }
  log.unknown(`${text}: not a request the importer reads; ignored`, response.listedAt);
  return [];
}

function domains({ builder }: RoleContext, response: ExportResponse): void {
  const first = valueAt(response.source.value, ['domains', 0]);
  builder.account = stringField(first, 'name') ?? builder.account;
  builder.domainId = stringField(first, 'id') ?? builder.domainId;
}

function projects({ builder, log }: RoleContext, response: ExportResponse): void {
  for (const path of itemPaths(response, 'projects', log)) {
    const project = valueAt(response.source.value, path);
    const name = required(project, 'name', response, path, log);
    // The domain itself is listed as a project in some accounts; it is not a region project.
    if (name !== undefined && (project as Record<string, unknown>).is_domain !== true) {
      builder.project(name, stringField(project, 'id'), documentOrigin(response.source, path));
    }
  }
}

function users(
  { builder, log }: RoleContext,
  response: ExportResponse,
  paths: (DocPath | undefined)[],
): void {
  for (const path of paths) {
    if (path === undefined) continue;
    const user = valueAt(response.source.value, path);
    const name = required(user, 'name', response, path, log);
    const fields = { id: stringField(user, 'id'), description: stringField(user, 'description') };
    if (name !== undefined) builder.user(name, fields, documentOrigin(response.source, path));
  }
}

function groups(
  { builder, log }: RoleContext,
  response: ExportResponse,
  paths: (DocPath | undefined)[],
): void {
  for (const path of paths) {
    if (path === undefined) continue;
    const group = valueAt(response.source.value, path);
    const name = required(group, 'name', response, path, log);
    const fields = { id: stringField(group, 'id'), description: stringField(group, 'description') };
    if (name !== undefined) builder.group(name, fields, documentOrigin(response.source, path));
  }
}

function roles(
  context: RoleContext,
  response: ExportResponse,
  paths: (DocPath | undefined)[],
  custom: boolean,
): void {
  for (const path of paths)
    if (path !== undefined) declareRole(context, response.source, path, custom);
}

function groupMembers(
  { builder, log }: RoleContext,
  response: ExportResponse,
  ids: string[],
): void {
  const group = knownName(builder, 'group', ids[0] as string, response, log);
  if (group === undefined) return;
  const paths = itemPaths(response, 'users', log);
  users({ builder, log } as RoleContext, response, paths);
  for (const path of paths) {
    const name = stringField(valueAt(response.source.value, path), 'name');
    if (name !== undefined) builder.membership(name, group, documentOrigin(response.source, path));
  }
}

function userGroups({ builder, log }: RoleContext, response: ExportResponse, ids: string[]): void {
  const user = knownName(builder, 'user', ids[0] as string, response, log);
  if (user === undefined) return;
  for (const path of itemPaths(response, 'groups', log)) {
    const name = stringField(valueAt(response.source.value, path), 'name');
    if (name !== undefined) builder.membership(user, name, documentOrigin(response.source, path));
  }
}

function scoped(
  scopeOf: (ids: string[]) => GrantScope,
  groupAt = 0,
  holder: 'group' | 'user' = 'group',
): Handler {
  return (context, response, ids) =>
    importGroupRoles(context, response, { kind: holder, id: ids[groupAt] as string }, scopeOf(ids));
}

function agencies({ log }: RoleContext, response: ExportResponse): void {
  log.unknown(
    `${response.request.text}: agencies are not part of the model; ignored`,
    response.listedAt,
  );
}

function required(
  value: unknown,
  key: string,
  response: ExportResponse,
  path: DocPath,
  log: ImportLog,
): string | undefined {
  const field = stringField(value, key);
  if (field === undefined)
    log.skip(
      'E_SCHEMA',
      `${response.request.text}: an item without "${key}"`,
      response.source.locate(path),
    );
  return field;
}
