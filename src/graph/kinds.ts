/**
 * The kinds of node and edge in the permission graph, and how each behaves. The traversal in
 * `engine/` reads these tables instead of branching on kinds, so a new kind must declare its
 * behaviour here or it does not compile.
 */
import type { SourcePosition } from '../model/source.js';
import type { Grant, Group, Permission, User } from '../model/types.js';
import { describeScope } from '../model/types.js';
import type { Statement } from '../policy/types.js';

/** Node kinds and the model object each carries. */
export interface NodePayloads {
  user: User;
  group: Group;
  grant: Grant;
  permission: Permission;
  statement: { permission: Permission; statement: Statement };
}

export type NodeKind = keyof NodePayloads;

/** Attributes stored on every graphology node. */
export type NodeAttributes = {
  [K in NodeKind]: { kind: K; payload: NodePayloads[K]; position?: SourcePosition | undefined };
}[NodeKind];

/** Edge kinds: what relation the edge states. */
export type EdgeKind = 'member-of' | 'holds' | 'grants' | 'contains' | 'depends-on';

/** Attributes stored on every edge. */
export interface EdgeAttributes {
  kind: EdgeKind;
}

/** How a node kind behaves in traversals and explanations. */
export interface NodeKindBehaviour<K extends NodeKind> {
  /** Edges a "what does this principal hold" walk follows out of this node. */
  expands: readonly EdgeKind[];
  /** A short human label, as explanation paths print it. */
  label(payload: NodePayloads[K]): string;
}

/** The behaviour table; adding a kind to NodePayloads without an entry here fails to compile. */
export const nodeKinds: { [K in NodeKind]: NodeKindBehaviour<K> } = {
  user: { expands: ['member-of', 'holds'], label: (u) => `user ${u.name}` },
  group: { expands: ['holds'], label: (g) => `group ${g.name}` },
  grant: {
    expands: ['grants'],
    label: (g) => `grant of ${g.permission.name} on ${describeScope(g.scope)}`,
  },
  permission: {
    expands: ['contains'],
    label: (p) => `${p.origin === 'system' ? 'system' : 'custom'} ${p.kind} ${p.name}`,
  },
  statement: {
    expands: [],
    label: ({ permission, statement }) =>
      `${permission.name} statement ${statement.index + 1} (${statement.effect})`,
  },
};

/** The graph key of a node: kind-prefixed so names never collide across kinds. */
export function nodeKey(kind: NodeKind, id: string): string {
  return `${kind}:${id}`;
}

/** The label of any node, through its kind's behaviour. */
export function labelOf(attributes: NodeAttributes): string {
  const behaviour = nodeKinds[attributes.kind] as NodeKindBehaviour<NodeKind>;
  return behaviour.label(attributes.payload as never);
}
