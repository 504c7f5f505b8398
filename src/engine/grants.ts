/**
 * The grants a principal holds, found by walking the graph (user → group → grant), with the
 * path to each; whether a grant's scope covers a request; whether a role's Depends are met.
 */
import type { PermissionGraph } from '../graph/build.js';
import { labelOf, nodeKey, nodeKinds, type NodeAttributes } from '../graph/kinds.js';
import { describeScope, type Grant, type Scope } from '../model/types.js';
import type { RequestContext, Truth } from '../policy/types.js';
import type { PathStep, PrincipalRef, Target } from './types.js';

/** A grant reachable from a principal, and how. */
export interface HeldGrant {
  grant: Grant;
  /** principal → (group →) grant */
  path: PathStep[];
}

/** Turns a node into an explanation step through its kind's label. */
export function stepOf(attributes: NodeAttributes): PathStep {
  return { kind: attributes.kind, label: labelOf(attributes), position: attributes.position };
}

/**
 * Walks out of the principal's node along the edges each kind says it expands, collecting
 * grants. Memoised per principal: the graph does not change after it is built.
 */
export class GrantIndex {
  private readonly cache = new Map<string, HeldGrant[]>();

  constructor(private readonly pg: PermissionGraph) {}

  /** Every grant the principal holds, its own first, then its groups' in declaration order. */
  held(principal: PrincipalRef): HeldGrant[] {
    if (principal.kind === 'project') return [];
    const start = nodeKey(principal.kind, principal.name);
    const cached = this.cache.get(start);
    if (cached) return cached;
    const found = this.walk(start);
    this.cache.set(start, found);
    return found;
  }

  private walk(start: string): HeldGrant[] {
    const { graph } = this.pg;
    const found: HeldGrant[] = [];
    const visit = (key: string, path: PathStep[]): void => {
      const attributes = graph.getNodeAttributes(key);
      const here = [...path, stepOf(attributes)];
      if (attributes.kind === 'grant') {
        found.push({ grant: attributes.payload, path: here });
        return;
      }
      const follow = nodeKinds[attributes.kind].expands;
      // Own grants before group grants, so paths read naturally in explanations.
      const edges = graph
        .outEdges(key)
        .filter((e) => follow.includes(graph.getEdgeAttribute(e, 'kind')));
      edges.sort(
        (a, b) =>
          edgeRank(graph.getEdgeAttribute(a, 'kind')) - edgeRank(graph.getEdgeAttribute(b, 'kind')),
      );
      for (const edge of edges) visit(graph.target(edge), here);
    };
    visit(start, []);
    return found;
  }
}

function edgeRank(kind: string): number {
  return kind === 'holds' ? 0 : 1;
}

/** Renders a target the way checks print their scope. */
export function describeTarget(target: Target): string {
  return target.kind === 'global' ? 'global services' : `project ${target.project}`;
}

/**
 * Whether a grant's scope covers a request target (DESIGN.md §4 step 2). An enterprise-project
 * grant covers resources in that enterprise project: unknown unless the request says which
 * enterprise project its resource belongs to (`g:EnterpriseProjectId`).
 */
export function scopeCovers(scope: Scope, target: Target, context: RequestContext): Truth {
  switch (scope.kind) {
    case 'all':
      return 'true';
    case 'global':
      return target.kind === 'global' ? 'true' : 'false';
    case 'project':
      return target.kind === 'project' && target.project === scope.project.name ? 'true' : 'false';
    case 'enterprise-project': {
      if (target.kind === 'global') return 'false';
      const values = context.get('g:enterpriseprojectid');
      if (values === undefined) return 'unknown';
      const ep = scope.enterpriseProject;
      return values !== null && values.some((v) => v === ep.id || v === ep.name) ? 'true' : 'false';
    }
  }
}

/** The result of checking a role's Depends. */
export interface DependencyResult {
  met: boolean;
  missing: string[];
}

/**
 * A v1.0 role takes effect only when every role in its Depends is granted to the same principal
 * at a scope covering the same target, and is itself in effect (Huawei: dependent roles must be
 * granted "in the same project", otherwise the role does not take effect).
 */
export function checkDependencies(
  grant: Grant,
  held: readonly HeldGrant[],
  target: Target,
  context: RequestContext,
): DependencyResult {
  return dependenciesOf(grant, held, target, context, new Set(), new Map());
}

/**
 * Depends are names of system roles: only a system permission satisfies one, never a custom
 * policy that happens to share its name. `memo` keeps each grant's answer for the roles being
 * visited, so a chain of roles held through several groups is checked once per grant, not once
 * per path (which grows exponentially with the chain's length).
 */
function dependenciesOf(
  grant: Grant,
  held: readonly HeldGrant[],
  target: Target,
  context: RequestContext,
  seen: ReadonlySet<string>,
  memo: Map<string, boolean>,
): DependencyResult {
  const missing: string[] = [];
  const visiting = new Set(seen).add(grant.permission.name.toLowerCase());
  const visitingKey = [...visiting].sort().join('\u0000');
  const inEffect = (h: HeldGrant): boolean => {
    const key = `${h.grant.id}\u0001${visitingKey}`;
    let met = memo.get(key);
    if (met === undefined) {
      met = dependenciesOf(h.grant, held, target, context, visiting, memo).met;
      memo.set(key, met);
    }
    return met;
  };
  for (const dependency of grant.permission.document.depends) {
    const name = dependency.display_name.toLowerCase();
    if (visiting.has(name)) continue;
    const satisfied = held.some(
      (h) =>
        h.grant.permission.origin === 'system' &&
        h.grant.permission.name.toLowerCase() === name &&
        scopeCovers(h.grant.scope, target, context) === 'true' &&
        inEffect(h),
    );
    if (!satisfied) missing.push(dependency.display_name);
  }
  return { met: missing.length === 0, missing };
}

/** A sentence for a grant that does not cover the target. */
export function describeScopeMiss(
  grant: Grant,
  target: Target,
  actionScope: 'global' | 'project',
): string {
  const where = describeScope(grant.scope);
  if (actionScope === 'global' && grant.scope.kind === 'project') {
    return `${grant.permission.name} is granted on ${where}; its global-service actions have no effect there (they need a grant on global services or all resources)`;
  }
  if (actionScope === 'project' && grant.scope.kind === 'global') {
    return `${grant.permission.name} is granted on global services only; project-level actions need a grant on ${describeTarget(target)} or all resources`;
  }
  return `${grant.permission.name} is granted on ${where}, not on ${describeTarget(target)}`;
}
