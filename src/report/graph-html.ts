/**
 * A picture as one self-contained HTML page: graphology and sigma inlined, the laid-out graph
 * embedded as JSON, a legend, and the same graph as a table (readable where WebGL is not). A
 * Content-Security-Policy forbids every network request, so the page works offline and leaks
 * nothing about the account it shows.
 */
import type { HtmlAssets } from '../graph/html-assets.js';
import type { Picture, PictureKind, PictureNode } from '../graph/picture-types.js';
import { legendOrder, stateStyles } from '../graph/picture-style.js';

const columns: readonly [PictureKind, string][] = [
  ['user', 'principal'],
  ['group', 'groups'],
  ['grant', 'grants (scope)'],
  ['permission', 'permissions'],
  ['statement', 'statements'],
  ['action', 'actions'],
];

/** Renders the styled, laid-out picture as an HTML document. */
export function formatHtml(picture: Picture, assets: HtmlAssets): string {
  const info = picture.getAttributes();
  const data = JSON.stringify(picture.export()).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>permgraph: ${escapeHtml(info.title)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1f2328; }
header { padding: 12px 16px; border-bottom: 1px solid #d0d7de; }
h1 { font-size: 18px; margin: 0 0 4px; }
#status { color: #57606a; }
main { display: flex; }
#graph { flex: 1; height: 70vh; min-height: 360px; }
#legend { width: 260px; padding: 12px 16px; border-left: 1px solid #d0d7de; }
#legend li { list-style: none; margin: 4px 0; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 6px; margin-right: 6px; vertical-align: -1px; }
table { border-collapse: collapse; margin: 16px; }
td, th { border: 1px solid #d0d7de; padding: 4px 8px; vertical-align: top; text-align: left; }
td div { margin: 2px 0; }
.at { color: #57606a; font-size: 12px; }
</style>
</head>
<body data-status="loading">
<header>
<h1>${escapeHtml(info.title)}</h1>
<div id="status">loading the interactive view…</div>
<div class="at">catalog ${escapeHtml(info.catalog.version)} (${escapeHtml(info.catalog.date)}) · drag to pan, scroll to zoom, hover for labels</div>
</header>
<main>
<div id="graph"></div>
<aside id="legend">
<strong>legend</strong>
<ul>
${legend()}
</ul>
<p class="at">Columns, left to right: ${columns.map(([, name]) => name).join(' → ')}.</p>
</aside>
</main>
${table(picture)}
<script>${assets.graphology}</script>
<script>${assets.sigma}</script>
<script type="application/json" id="permgraph-data">${data}</script>
<script>
(function () {
  var status = document.getElementById('status');
  try {
    var data = JSON.parse(document.getElementById('permgraph-data').textContent);
    var Graph = graphology.Graph || graphology;
    var graph = Graph.from(data);
    var labelPosition = { attribute: 'labelPosition', defaultValue: 'right' };
    new Sigma(graph, document.getElementById('graph'), {
      styles: {
        nodes: Object.assign({}, Sigma.DEFAULT_STYLES.nodes, { labelPosition: labelPosition }),
        edges: Sigma.DEFAULT_STYLES.edges,
      },
      settings: {
        renderEdgeLabels: false,
        labelRenderedSizeThreshold: 0,
        labelDensity: 10,
        itemSizesReference: 'screen',
        stagePadding: 140,
      },
    });
    status.textContent = graph.order + ' nodes, ' + graph.size + ' edges';
    document.body.setAttribute('data-status', 'rendered');
  } catch (error) {
    status.textContent = 'the interactive view could not start (' + error.message + '); the table below shows the same graph';
    document.body.setAttribute('data-status', 'error');
  }
})();
</script>
</body>
</html>
`;
}

function legend(): string {
  return legendOrder
    .map((state) => {
      const { color, meaning } = stateStyles[state];
      return `<li><span class="swatch" style="background:${color}"></span>${state}: ${escapeHtml(meaning)}</li>`;
    })
    .join('\n');
}

/** The graph as a table, one column per kind. */
function table(picture: Picture): string {
  const cells = columns.map(([kind]) => {
    const nodes = picture
      .filterNodes((_k, a) => a.kind === kind)
      .map((k) => picture.getNodeAttributes(k));
    return `<td>${nodes.map(cell).join('')}</td>`;
  });
  const head = columns.map(([, name]) => `<th>${name}</th>`).join('');
  return `<table id="paths">\n<tr>${head}</tr>\n<tr>${cells.join('')}</tr>\n</table>`;
}

function cell(node: PictureNode): string {
  const at = node.at ? ` <span class="at">${escapeHtml(node.at)}</span>` : '';
  const color = stateStyles[node.state].color;
  return `<div style="color:${color}" data-state="${node.state}">${escapeHtml(node.label)}${at}</div>`;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
