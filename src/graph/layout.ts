/**
 * A deterministic layered layout for pictures: one column per kind (principal, groups, grants,
 * permissions, statements, actions), and within a column nodes ordered by the average row of
 * the nodes that point at them, so paths run mostly straight. Computed in Node, so the HTML
 * view needs no layout code and the same input always draws the same picture.
 */
import type { Picture } from './picture-types.js';

/** Horizontal distance between columns and vertical distance between rows. */
const columnWidth = 10;
const rowHeight = 10;

/** Sets `x` and `y` on every node. */
export function layoutPicture(picture: Picture): Picture {
  const columns = new Map<number, string[]>();
  picture.forEachNode((key, attributes) => {
    columns.set(attributes.layer, [...(columns.get(attributes.layer) ?? []), key]);
  });
  const row = new Map<string, number>();
  for (const layer of [...columns.keys()].sort((a, b) => a - b)) {
    const keys = columns.get(layer) ?? [];
    const order = keys.map((key, index) => ({ key, index, weight: barycentre(picture, key, row) }));
    order.sort((a, b) => a.weight - b.weight || a.index - b.index);
    const middle = (order.length - 1) / 2;
    order.forEach(({ key }, i) => {
      row.set(key, i - middle);
      picture.mergeNodeAttributes(key, { x: layer * columnWidth, y: (middle - i) * rowHeight });
    });
  }
  return picture;
}

/** The average row of the already placed nodes with an edge into `key`; its own index if none. */
function barycentre(picture: Picture, key: string, row: ReadonlyMap<string, number>): number {
  const rows = picture
    .inNeighbors(key)
    .map((n) => row.get(n))
    .filter((r): r is number => r !== undefined);
  if (rows.length === 0) return Number.POSITIVE_INFINITY;
  return rows.reduce((a, b) => a + b, 0) / rows.length;
}
