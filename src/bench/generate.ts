/**
 * The benchmark's synthetic account: a seeded, deterministic account model in permgraph's own
 * format, in three sizes. Groups hold system permissions (roles with and without their Depends,
 * policies) and custom policies at project, global and all-resources scope; users sit in one to
 * three groups, some groups much larger than others; DLI databases carry thousands of grant
 * requests; a share of groups states intents. `perturbGrants` makes the "after" side of a diff.
 */
import type { Catalog } from '../catalog/catalog.js';
import { dliSection, type DliSize } from './dli.js';
import { actionPool, policyDocument } from './policies.js';
import { seededRandom, type Random } from './random.js';

/** The named sizes of the benchmark. */
export type SizeName = 'small' | 'medium' | 'large';

/** How big an account to generate. */
export interface AccountSize {
  users: number;
  groups: number;
  policies: number;
  grants: number;
  projects: number;
  dli: DliSize;
}

/** The three sizes of the benchmark (issue 7). */
export const sizes: Record<SizeName, AccountSize> = {
  small: {
    users: 100,
    groups: 20,
    policies: 12,
    grants: 50,
    projects: 3,
    dli: { databases: 4, tablesPerDatabase: 4, columnsPerTable: 4, requests: 200 },
  },
  medium: {
    users: 10_000,
    groups: 1_000,
    policies: 300,
    grants: 2_500,
    projects: 50,
    dli: { databases: 100, tablesPerDatabase: 8, columnsPerTable: 6, requests: 5_000 },
  },
  large: {
    users: 100_000,
    groups: 10_000,
    policies: 3_000,
    grants: 25_000,
    projects: 200,
    dli: { databases: 500, tablesPerDatabase: 10, columnsPerTable: 8, requests: 30_000 },
  },
};

/** A grant as a model file writes it. */
interface GrantEntry {
  permission: string;
  scope: string;
}

/** System permissions and the scopes they are usually granted at. */
const systemGrants: readonly { name: string; scopes: readonly string[]; with?: string[] }[] = [
  { name: 'RDS FullAccess', scopes: ['project', 'project', 'all'] },
  { name: 'RDS ReadOnlyAccess', scopes: ['project', 'all'] },
  { name: 'RDS ManageAccess', scopes: ['project'] },
  // A role whose Depends are granted beside it half of the time.
  {
    name: 'RDS Administrator',
    scopes: ['project'],
    with: ['Server Administrator', 'Tenant Guest'],
  },
  { name: 'Server Administrator', scopes: ['project'], with: ['Tenant Guest'] },
  { name: 'VPC Administrator', scopes: ['project', 'all'], with: ['Tenant Guest'] },
  { name: 'Tenant Guest', scopes: ['project', 'all'] },
  { name: 'Tenant Administrator', scopes: ['project', 'all'] },
  { name: 'KMS Administrator', scopes: ['project'] },
  { name: 'DLI FullAccess', scopes: ['project'] },
  { name: 'DLI ReadOnlyAccess', scopes: ['project', 'all'] },
  { name: 'BSS ServiceAgencyReadPolicy', scopes: ['global'] },
  { name: 'IAM ReadOnlyAccess', scopes: ['global', 'all'] },
  { name: 'Security Administrator', scopes: ['global'] },
];

const regions = [
  'cn-north-4',
  'cn-north-1',
  'cn-east-3',
  'cn-south-1',
  'ap-southeast-1',
  'ap-southeast-3',
  'af-south-1',
  'la-south-2',
];

/** The account, as the object a model file holds. */
export function generateAccount(
  catalog: Catalog,
  size: AccountSize,
  seed: number,
): Record<string, unknown> {
  const random = seededRandom(seed);
  const projects = projectsOf(random, size.projects);
  const projectNames = projects.map((p) => p.name);
  const users = Array.from({ length: size.users }, (_, i) => `user-${i}`);
  const groups = Array.from({ length: size.groups }, (_, i) => `group-${i}`);
  const policyNames = Array.from({ length: size.policies }, (_, i) => `custom-${i}`);
  const pool = actionPool(catalog);
  const policies = policyNames.map((name) => ({
    name,
    document: policyDocument(random, pool, users),
  }));
  const grants = grantsOf(random, size, groups, policyNames, projectNames);
  return {
    version: 1,
    account: 'bench',
    domainId: random.hex(32),
    projects,
    policies,
    groups: groups.map((name, i) => ({ name, grants: grants[i] ?? [] })),
    users: users.map((name) => ({ name, groups: membershipsOf(random, groups) })),
    dli: dliSection(random, size.dli, users, projectNames.slice(0, 3)),
    intents: intentsOf(random, catalog, groups, grants, projectNames),
  };
}

/** The account as JSON text, the form `bench/generate.mjs` writes. */
export function generateAccountText(catalog: Catalog, size: AccountSize, seed: number): string {
  return `${JSON.stringify(generateAccount(catalog, size, seed), null, 1)}\n`;
}

function projectsOf(random: Random, count: number): { name: string; id: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const region = regions[i % regions.length] as string;
    const name = i < regions.length ? region : `${region}_team${Math.floor(i / regions.length)}`;
    return { name, id: random.hex(32) };
  });
}

/** Each group has at least one grant; the rest go to groups at random, no duplicates. */
function grantsOf(
  random: Random,
  size: AccountSize,
  groups: readonly string[],
  policies: readonly string[],
  projects: readonly string[],
): GrantEntry[][] {
  const lists = groups.map(() => [] as GrantEntry[]);
  const seen = groups.map(() => new Set<string>());
  let total = 0;
  const add = (g: number, grant: GrantEntry): void => {
    const key = `${grant.permission}@${grant.scope}`;
    if (seen[g]?.has(key)) return;
    seen[g]?.add(key);
    lists[g]?.push(grant);
    total++;
  };
  for (let g = 0; g < groups.length && total < size.grants; g++) {
    for (const grant of grantBundle(random, policies, projects)) add(g, grant);
  }
  while (total < size.grants) {
    const g = random.int(0, groups.length - 1);
    for (const grant of grantBundle(random, policies, projects)) add(g, grant);
  }
  return lists;
}

/** One grant, or a role with its Depends in the same scope. */
function grantBundle(
  random: Random,
  policies: readonly string[],
  projects: readonly string[],
): GrantEntry[] {
  if (random.next() < 0.55 && policies.length > 0) {
    return [{ permission: random.skewed(policies), scope: customScope(random, projects) }];
  }
  const system = random.pick(systemGrants);
  const kind = random.pick(system.scopes);
  const scope = kind === 'project' ? random.skewed(projects) : kind;
  const bundle = [{ permission: system.name, scope }];
  if (system.with && random.next() < 0.5) {
    for (const name of system.with) bundle.push({ permission: name, scope });
  }
  return bundle;
}

function customScope(random: Random, projects: readonly string[]): string {
  const roll = random.next();
  if (roll < 0.6) return random.skewed(projects);
  return roll < 0.8 ? 'global' : 'all';
}

function membershipsOf(random: Random, groups: readonly string[]): string[] {
  const count = random.next() < 0.6 ? 1 : random.next() < 0.7 ? 2 : 3;
  return [...new Set(Array.from({ length: count }, () => random.skewed(groups)))];
}

/** Intents for one group in ten: a few RDS operations in a project the group works in. */
function intentsOf(
  random: Random,
  catalog: Catalog,
  groups: readonly string[],
  grants: readonly GrantEntry[][],
  projects: readonly string[],
): Record<string, unknown>[] {
  const operations = [...catalog.operations.values()];
  if (operations.length === 0) return [];
  return groups.flatMap((name, i) => {
    if (i % 10 !== 3) return [];
    const own = (grants[i] ?? []).map((g) => g.scope).find((s) => projects.includes(s));
    const chosen = Array.from({ length: random.int(1, 3) }, () =>
      operationSpec(random, operations),
    );
    return [
      {
        principal: `group:${name}`,
        project: own ?? random.pick(projects),
        operations: [...new Set(chosen)],
      },
    ];
  });
}

function operationSpec(
  random: Random,
  operations: readonly { id: string; variants?: Record<string, unknown> | undefined }[],
): string {
  const operation = random.pick(operations);
  const variants = Object.keys(operation.variants ?? {});
  if (variants.length === 0 || random.next() < 0.6) return operation.id;
  return `${operation.id}+${random.pick(variants)}`;
}

/**
 * The "after" side of a diff: a copy of the account in which `fraction` of the grants changed —
 * a grant moved to another scope, given another permission, dropped, or added to a group.
 */
export function perturbGrants(
  account: Record<string, unknown>,
  fraction: number,
  seed: number,
): Record<string, unknown> {
  const random = seededRandom(seed);
  const copy = structuredClone(account) as {
    groups: { name: string; grants: GrantEntry[] }[];
    policies: { name: string }[];
    projects: { name: string }[];
  };
  const all = copy.groups.flatMap((g) => g.grants.map((grant) => ({ group: g, grant })));
  const changes = Math.max(1, Math.round(all.length * fraction));
  const projects = copy.projects.map((p) => p.name);
  for (let i = 0; i < changes; i++) {
    const { group, grant } = random.pick(all);
    const roll = random.next();
    if (roll < 0.3) grant.scope = customScope(random, projects);
    else if (roll < 0.6) grant.permission = random.pick(copy.policies).name;
    else if (roll < 0.8) group.grants = group.grants.filter((g) => g !== grant);
    else group.grants.push({ permission: random.pick(copy.policies).name, scope: 'all' });
  }
  for (const group of copy.groups) {
    const seen = new Set<string>();
    group.grants = group.grants.filter((g) => {
      const key = `${g.permission}@${g.scope}`;
      return !seen.has(key) && seen.add(key);
    });
  }
  return copy;
}
