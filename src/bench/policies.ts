/**
 * Custom policy documents for the synthetic account: statements built from real catalog actions,
 * widened with wildcards the way people write them (`rds:instance:*`, `rds:*:list*`,
 * `*:*:get*`), some of them Deny, some with conditions a query can settle (MFA, user name).
 */
import type { Catalog, CatalogAction } from '../catalog/catalog.js';
import type { Random } from './random.js';

/** The services a custom policy draws its actions from, by the scope of the policy. */
interface ActionPool {
  project: readonly CatalogAction[][];
  global: readonly CatalogAction[][];
}

/** Groups the catalog's actions by service, project-level and global services apart. */
export function actionPool(catalog: Catalog): ActionPool {
  const project: CatalogAction[][] = [];
  const global: CatalogAction[][] = [];
  for (const service of [...catalog.services.keys()].sort()) {
    const actions = catalog.actionsOf(service);
    if (actions.length === 0) continue;
    (catalog.serviceScope(service) === 'global' ? global : project).push([...actions]);
  }
  // RDS and VPC are what most custom policies in this catalog are about: list them twice.
  const rds = project.find((a) => a[0]?.service === 'rds');
  const vpc = project.find((a) => a[0]?.service === 'vpc');
  return { project: [...project, ...(rds ? [rds, rds] : []), ...(vpc ? [vpc] : [])], global };
}

/** A policy document in Huawei's v1.1 syntax, as a model file holds it. */
export function policyDocument(
  random: Random,
  pool: ActionPool,
  users: readonly string[],
): { Version: string; Statement: Record<string, unknown>[] } {
  const services = random.next() < 0.8 ? pool.project : pool.global;
  const count = random.int(1, 4);
  const Statement = Array.from({ length: count }, () => statement(random, services, users));
  return { Version: '1.1', Statement };
}

function statement(
  random: Random,
  services: readonly CatalogAction[][],
  users: readonly string[],
): Record<string, unknown> {
  const Effect = random.next() < 0.2 ? 'Deny' : 'Allow';
  const actions = random.pick(services);
  const Action = [
    ...new Set(Array.from({ length: random.int(1, 3) }, () => pattern(random, actions))),
  ];
  const roll = random.next();
  if (roll < 0.1) return { Effect, Action, Condition: { Bool: { 'g:MFAPresent': ['true'] } } };
  if (roll < 0.15) {
    const names = [random.pick(users), random.pick(users), random.pick(users)];
    return { Effect, Action, Condition: { StringEquals: { 'g:UserName': [...new Set(names)] } } };
  }
  return { Effect, Action };
}

/** An action of the service, kept exact or widened with a wildcard. */
function pattern(random: Random, actions: readonly CatalogAction[]): string {
  const action = random.pick(actions);
  const { service, resourceType, operation } = action;
  const roll = random.next();
  if (roll < 0.4) return action.name;
  if (roll < 0.6) return `${service}:${resourceType}:*`;
  if (roll < 0.72) return `${service}:*:${operation}`;
  if (roll < 0.82) return `${service}:*:*`;
  if (roll < 0.94) return `${service}:${resourceType}:${prefixOf(operation)}*`;
  return random.next() < 0.5 ? '*:*:get*' : '*:*:list*';
}

/** The leading lower-case word of an operation name: `list` of `listTags`. */
function prefixOf(operation: string): string {
  const match = /^[a-z]+/.exec(operation);
  return match ? match[0] : operation.slice(0, 3);
}
