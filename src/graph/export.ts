/**
 * A picture as graphology's own serialisation (`graph.export()`): nodes and edges with their
 * attributes, including the layout, which graphology and sigma read back with `Graph.from`.
 */
import type { SerializedGraph } from 'graphology-types';
import type { Picture, PictureEdge, PictureInfo, PictureNode } from './picture-types.js';

/** The serialised picture. */
export type SerializedPicture = SerializedGraph<PictureNode, PictureEdge, PictureInfo>;

/** Serialises a styled, laid-out picture. */
export function exportPicture(picture: Picture): SerializedPicture {
  return picture.export();
}
