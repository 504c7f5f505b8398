/**
 * Colours and sizes of a picture, one table for every format, so the mermaid, DOT and HTML
 * drawings and the legend agree.
 */
import type { Picture, PictureState } from './picture-types.js';

/** The colour and meaning of each state. */
export const stateStyles: Record<PictureState, { color: string; meaning: string }> = {
  allow: { color: '#1a7f37', meaning: 'on a path that allows' },
  deny: { color: '#cf222e', meaning: 'on a path that denies (explicit Deny)' },
  conditional: { color: '#9a6700', meaning: 'depends on a condition the query did not settle' },
  missing: { color: '#8250df', meaning: 'required but not granted' },
  ineffective: { color: '#8c959f', meaning: 'granted but without effect here' },
  plain: { color: '#57606a', meaning: 'held, not on a deciding path' },
};

/** The states in legend order. */
export const legendOrder: readonly PictureState[] = [
  'allow',
  'deny',
  'conditional',
  'missing',
  'ineffective',
  'plain',
];

/** Sets `color` and `size` on every node and edge from its state. */
export function applyStyle(picture: Picture): Picture {
  picture.forEachNode((key, attributes) => {
    picture.mergeNodeAttributes(key, {
      color: stateStyles[attributes.state].color,
      size: attributes.layer === 0 ? 12 : 8,
      // Labels above and below in turn, so long labels of neighbouring columns do not overlap.
      labelPosition: attributes.layer % 2 === 0 ? 'above' : 'below',
    });
  });
  picture.forEachEdge((key, attributes) => {
    const highlighted = attributes.state !== 'plain' && attributes.state !== 'ineffective';
    picture.mergeEdgeAttributes(key, {
      color: stateStyles[attributes.state].color,
      size: highlighted ? 3 : 1,
    });
  });
  return picture;
}
