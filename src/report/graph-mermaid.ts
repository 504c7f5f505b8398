/**
 * A picture as a Mermaid flowchart, which GitHub and GitLab render in pull-request comments.
 * Nodes get short ids (`n0`, `n1`, …) in insertion order; labels are quoted and every character
 * Mermaid could read as syntax is written as an entity code.
 */
import {
  orderedNodes,
  type Picture,
  type PictureKind,
  type PictureState,
} from '../graph/picture-types.js';
import { legendOrder, stateStyles } from '../graph/picture-style.js';

/** Node shapes by kind: principals rounded, statements as subroutines, actions as hexagons. */
const shapes: Record<PictureKind, [string, string]> = {
  user: ['(["', '"])'],
  group: ['(["', '"])'],
  grant: ['["', '"]'],
  permission: ['[/"', '"/]'],
  statement: ['[["', '"]]'],
  action: ['{{"', '"}}'],
};

/** Renders the picture as Mermaid text. */
export function formatMermaid(picture: Picture): string {
  const info = picture.getAttributes();
  const order = orderedNodes(picture);
  const ids = new Map(order.map((key, i) => [key, `n${i}`]));
  // Comments after the diagram type: every Mermaid version reads them there.
  const lines = [
    'flowchart LR',
    `  %% permgraph graph: ${comment(info.title)}`,
    `  %% catalog ${info.catalog.version} (${info.catalog.date})`,
  ];
  for (const key of order) {
    const attributes = picture.getNodeAttributes(key);
    const [open, close] = shapes[attributes.kind];
    lines.push(`  ${ids.get(key)}${open}${escapeMermaid(attributes.label)}${close}`);
  }
  const linkStyles = new Map<PictureState, number[]>();
  let index = 0;
  picture.forEachEdge((_edge, attributes, source, target) => {
    const arrow = attributes.state === 'ineffective' ? '-.->' : '-->';
    const label = attributes.label ? `|"${escapeMermaid(attributes.label)}"|` : '';
    lines.push(`  ${ids.get(source)} ${arrow}${label} ${ids.get(target)}`);
    linkStyles.set(attributes.state, [...(linkStyles.get(attributes.state) ?? []), index]);
    index += 1;
  });
  for (const state of legendOrder) {
    const { color } = stateStyles[state];
    lines.push(`  classDef ${state} stroke:${color},stroke-width:2px,color:${color}`);
  }
  for (const state of legendOrder) {
    const members = order
      .filter((k) => picture.getNodeAttribute(k, 'state') === state)
      .map((k) => ids.get(k));
    if (members.length > 0) lines.push(`  class ${members.join(',')} ${state}`);
  }
  for (const state of legendOrder) {
    const edges = linkStyles.get(state);
    if (!edges) continue;
    const width = state === 'plain' || state === 'ineffective' ? 1 : 3;
    lines.push(
      `  linkStyle ${edges.join(',')} stroke:${stateStyles[state].color},stroke-width:${width}px`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Escapes a label for a quoted Mermaid string: `#` first (it starts entity codes), then the
 * quote, angle brackets, ampersand and pipe, as numeric entity codes.
 */
export function escapeMermaid(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/"/g, '#34;')
    .replace(/</g, '#60;')
    .replace(/>/g, '#62;')
    .replace(/&/g, '#38;')
    .replace(/\|/g, '#124;')
    .replace(/[\r\n]+/g, ' ');
}

/** A `%%` comment ends at the line end; keep it on one line. */
function comment(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
