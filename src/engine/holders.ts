/**
 * The reverse walk of the account graph: from a grant back to every principal holding it (the
 * user or group it is attached to, and the members of that group), with the path from each
 * principal to the grant. It follows the edges the forward walk follows — an edge is read
 * backwards when its source kind `expands` along it — so a new kind of edge needs no change here.
 */
import type { PermissionGraph } from '../graph/build.js';
import { nodeKey, nodeKinds, type NodeAttributes, type NodeKind } from '../graph/kinds.js';
import type { Grant, Permission } from '../model/types.js';
import { stepOf } from './grants.js';
import type { PathStep, PrincipalRef } from './types.js';

/** A principal that holds a grant, and the path from the principal to the grant. */
export interface Holding {
  principal: PrincipalRef;
  /** `user:alice`, `group:dba`: the key results use. */
  key: string;
  path: PathStep[];
}

/** A permission present in the graph and the grants that attach it. */
export interface GrantedPermission {
  permission: Permission;
  grants: Grant[];
}

/** Which node kinds are principals a query can name, and how each names itself. */
const principalOf: { [K in NodeKind]?: (attributes: NodeAttributes) => PrincipalRef } = {
  user: (a) => ({ kind: 'user', name: (a.payload as { name: string }).name }),
  group: (a) => ({ kind: 'group', name: (a.payload as { name: string }).name }),
};

/** Holders per grant and the granted permissions, computed once per graph. */
export class HolderIndex {
  private readonly byGrant = new Map<string, Holding[]>();
  private readonly steps = new Map<string, PathStep>();
  private permissions: GrantedPermission[] | undefined;

  constructor(private readonly pg: PermissionGraph) {}

  /** Every principal holding the grant, nearest first (the holder, then its members). */
  holders(grant: Grant): Holding[] {
    const cached = this.byGrant.get(grant.id);
    if (cached) return cached;
    const found = this.walkBack(nodeKey('grant', grant.id));
    this.byGrant.set(grant.id, found);
    return found;
  }

  /** The permissions that are granted to someone, with their grants, in graph order. */
  grantedPermissions(): GrantedPermission[] {
    if (this.permissions) return this.permissions;
    const { graph } = this.pg;
    const found: GrantedPermission[] = [];
    graph.forEachNode((key, attributes) => {
      if (attributes.kind !== 'permission') return;
      const grants = graph
        .inEdges(key)
        .filter((edge) => graph.getEdgeAttribute(edge, 'kind') === 'grants')
        .map((edge) => graph.getNodeAttributes(graph.source(edge)))
        .flatMap((source) => (source.kind === 'grant' ? [source.payload] : []));
      if (grants.length > 0) found.push({ permission: attributes.payload, grants });
    });
    this.permissions = found;
    return found;
  }

  /** Breadth first, so each principal is reached by its shortest path first. */
  private walkBack(start: string): Holding[] {
    const { graph } = this.pg;
    const found: Holding[] = [];
    const seen = new Set([start]);
    let level = [{ key: start, path: [this.step(start, graph.getNodeAttributes(start))] }];
    while (level.length > 0) {
      const next: typeof level = [];
      for (const { key, path } of level) {
        graph.forEachInEdge(key, (_edge, edge, source, _target, attributes) => {
          if (seen.has(source) || !nodeKinds[attributes.kind].expands.includes(edge.kind)) return;
          seen.add(source);
          const here = [this.step(source, attributes), ...path];
          const principal = principalOf[attributes.kind]?.(attributes);
          if (principal) found.push({ principal, key: source, path: here });
          next.push({ key: source, path: here });
        });
      }
      level = next;
    }
    return found;
  }

  /** A node's step, made once: paths through the same node share it (steps are not changed). */
  private step(key: string, attributes: NodeAttributes): PathStep {
    let step = this.steps.get(key);
    if (!step) {
      step = stepOf(attributes);
      this.steps.set(key, step);
    }
    return step;
  }
}

const indexes = new WeakMap<PermissionGraph, HolderIndex>();

/** The holder index of a graph, built on first use. */
export function holderIndex(pg: PermissionGraph): HolderIndex {
  const existing = indexes.get(pg);
  if (existing) return existing;
  const index = new HolderIndex(pg);
  indexes.set(pg, index);
  return index;
}
