/**
 * A small, seeded generator of account models for tests that need many principals: users in
 * one to three groups, groups holding system permissions and custom policies at every kind of
 * scope, custom policies with Deny statements, with conditions (one that depends on the
 * user's name, one that the query cannot settle) and with resource-limited statements. The same seed always gives the same account.
 * The benchmark generator under `bench/` is a separate, larger tool.
 */

/** How big an account to generate. */
export interface GeneratedAccountOptions {
  seed: number;
  users: number;
  groups: number;
  policies: number;
  /**
   * Also write statements limited to some resources (unknown when a query names no resource).
   * Off by default, so the accounts other tests were written against stay the same.
   */
  resourceStatements?: boolean;
}

/** A seeded pseudo-random source (mulberry32): deterministic across runs and platforms. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const projects = ['cn-north-1', 'cn-north-4', 'ap-southeast-1'];
const systemPermissions = [
  'RDS FullAccess',
  'RDS ReadOnlyAccess',
  'RDS ManageAccess',
  'RDS Administrator',
  'Tenant Guest',
  'Server Administrator',
  'KMS Administrator',
  'BSS ServiceAgencyReadPolicy',
];
const patterns = [
  'rds:*:*',
  'rds:instance:*',
  'rds:*:delete',
  'rds:instance:create',
  'rds:backup:*',
  'rds:*:list',
  'vpc:*:get',
  'kms:cmk:*',
  'iam:agencies:*',
  'iam:*:list*',
  'bss:order:*',
  '*:*:get*',
];

const resources = ['rds:*:*:instance:*', 'rds:cn-north-1:*:instance:prod-*', 'kms:*:*:KeyId:*'];

type Pick = <T>(items: readonly T[]) => T;

/** The model, as the object a model file holds. */
export function generateAccount(options: GeneratedAccountOptions): Record<string, unknown> {
  const random = seededRandom(options.seed);
  const pick: Pick = (items) => items[Math.floor(random() * items.length)] as (typeof items)[0];
  const policyNames = Array.from({ length: options.policies }, (_, i) => `custom-${i}`);
  const groupNames = Array.from({ length: options.groups }, (_, i) => `group-${i}`);
  const userNames = Array.from({ length: options.users }, (_, i) => `user-${i}`);
  return {
    version: 1,
    account: 'generated',
    projects: projects.map((name) => ({ name })),
    enterpriseProjects: [{ name: 'finance' }],
    policies: policyNames.map((name) => ({
      name,
      document: policyDocument(random, pick, userNames, options.resourceStatements === true),
    })),
    groups: groupNames.map((name) => ({ name, grants: grants(random, pick, policyNames) })),
    users: userNames.map((name, i) => user(name, i, random, pick, groupNames, policyNames)),
  };
}

/** The model as JSON text, ready for `loadModelText(text, 'generated.json', catalog)`. */
export function generatedAccountText(options: GeneratedAccountOptions): string {
  return JSON.stringify(generateAccount(options));
}

function policyDocument(
  random: () => number,
  pick: Pick,
  users: readonly string[],
  resourceStatements: boolean,
) {
  const count = 1 + Math.floor(random() * 3);
  const statements = Array.from({ length: count }, () =>
    statement(random, pick, users, resourceStatements),
  );
  return { Version: '1.1', Statement: statements };
}

function statement(
  random: () => number,
  pick: Pick,
  users: readonly string[],
  resourceStatements: boolean,
) {
  const Effect = random() < 0.25 ? 'Deny' : 'Allow';
  const Action = [...new Set([pick(patterns), ...(random() < 0.4 ? [pick(patterns)] : [])])];
  const roll = random();
  if (roll < 0.1) return { Effect, Action, Condition: { Bool: { 'g:MFAPresent': ['true'] } } };
  if (roll < 0.2) {
    const names = [pick(users), pick(users), pick(users)];
    return { Effect, Action, Condition: { StringEquals: { 'g:UserName': names } } };
  }
  // A statement limited to some resources: unknown when the query names no resource.
  if (resourceStatements && roll < 0.25) return { Effect, Action, Resource: [pick(resources)] };
  return { Effect, Action };
}

function scope(random: () => number, pick: Pick): string {
  const roll = random();
  if (roll < 0.6) return pick(projects);
  if (roll < 0.75) return 'global';
  if (roll < 0.92) return 'all';
  return 'enterprise-project:finance';
}

function grants(random: () => number, pick: Pick, policies: readonly string[]) {
  const count = 1 + Math.floor(random() * 4);
  return Array.from({ length: count }, () => ({
    permission: random() < 0.5 ? pick(systemPermissions) : pick(policies),
    scope: scope(random, pick),
  }));
}

function user(
  name: string,
  index: number,
  random: () => number,
  pick: Pick,
  groups: readonly string[],
  policies: readonly string[],
) {
  const memberships = [
    ...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(groups))),
  ];
  // One user in fifty also holds a grant of its own.
  const own = index % 50 === 7 ? [{ permission: pick(policies), scope: scope(random, pick) }] : [];
  return { name, groups: memberships, grants: own };
}
