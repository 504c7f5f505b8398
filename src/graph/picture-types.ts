/**
 * What a picture is made of: node kinds and their columns, the states a node or edge shows, and
 * the attributes every format reads.
 */
import type { DirectedGraph } from 'graphology';
import type { Decision } from '../engine/types.js';

/** What a node or edge shows: on an allowing path, a denying one, and so on. */
export type PictureState = 'allow' | 'deny' | 'conditional' | 'missing' | 'ineffective' | 'plain';

/** The kinds of node a picture has; each is drawn in its own column. */
export type PictureKind = 'user' | 'group' | 'grant' | 'permission' | 'statement' | 'action';

/** The column of each kind, left to right. */
export const layerOf: Record<PictureKind, number> = {
  user: 0,
  group: 1,
  grant: 2,
  permission: 3,
  statement: 4,
  action: 5,
};

/** Node attributes; layout and style add `x`, `y`, `size` and `color`. */
export interface PictureNode {
  label: string;
  kind: PictureKind;
  state: PictureState;
  layer: number;
  /** `file:line:column`, relative to the base directory when one is given. */
  at?: string;
  x?: number;
  y?: number;
  size?: number;
  color?: string;
  labelPosition?: 'above' | 'below';
}

/** Edge attributes. */
export interface PictureEdge {
  state: PictureState;
  label?: string;
  size?: number;
  color?: string;
}

/** Graph attributes: what the picture answers. */
export interface PictureInfo {
  title: string;
  principal: string;
  request?: string;
  decision?: Decision;
  catalog: { version: string; date: string };
}

/** The picture graph. */
export type Picture = DirectedGraph<PictureNode, PictureEdge, PictureInfo>;

/** How much each state counts when two paths share a node or edge: the strongest is shown. */
export const strength: Record<PictureState, number> = {
  plain: 0,
  ineffective: 1,
  missing: 2,
  allow: 3,
  conditional: 4,
  deny: 5,
};

/** Node keys column by column (left to right), in the order they were added within a column. */
export function orderedNodes(picture: Picture): string[] {
  return picture
    .nodes()
    .map((key, index) => ({ key, index, layer: picture.getNodeAttribute(key, 'layer') }))
    .sort((a, b) => a.layer - b.layer || a.index - b.index)
    .map((n) => n.key);
}
