/**
 * A picture as Graphviz DOT, for `dot -Tsvg`. Ids are quoted (`"n0"`), labels are DOT strings
 * with backslashes and quotes escaped.
 */
import { orderedNodes, type Picture } from '../graph/picture-types.js';

/** Renders the picture as DOT text. */
export function formatDot(picture: Picture): string {
  const info = picture.getAttributes();
  const order = orderedNodes(picture);
  const ids = new Map(order.map((key, i) => [key, `n${i}`]));
  const lines = [
    'digraph permgraph {',
    `  graph [rankdir=LR, labelloc=t, fontname="Helvetica", label=${quote(`${info.title} — catalog ${info.catalog.version} (${info.catalog.date})`)}];`,
    '  node [shape=box, style=rounded, fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (const key of order) {
    const attributes = picture.getNodeAttributes(key);
    const color = quote(attributes.color ?? '#57606a');
    const width = attributes.state === 'plain' ? 1 : 2;
    const style = attributes.state === 'ineffective' ? ', style="rounded,dashed"' : '';
    lines.push(
      `  "${ids.get(key)}" [label=${quote(attributes.label)}, color=${color}, fontcolor=${color}, penwidth=${width}${style}];`,
    );
  }
  picture.forEachEdge((_edge, attributes, source, target) => {
    const parts = [
      `color=${quote(attributes.color ?? '#57606a')}`,
      `penwidth=${attributes.size ?? 1}`,
    ];
    if (attributes.label) parts.push(`label=${quote(attributes.label)}`);
    if (attributes.state === 'ineffective') parts.push('style=dashed');
    lines.push(`  "${ids.get(source)}" -> "${ids.get(target)}" [${parts.join(', ')}];`);
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** A DOT double-quoted string. */
export function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}
