/**
 * The HTML picture: self-contained (no network), and rendered by sigma in a real browser.
 * The browser check needs Debian's `chromium` package; where it is not installed that one test
 * is skipped and says so.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHtmlAssets } from '../../src/graph/html-assets.js';
import { escapeHtml, formatHtml } from '../../src/report/graph-html.js';
import { picture } from './fixture.js';

const html = formatHtml(picture('rds:instance:delete'), loadHtmlAssets());

function findChromium(): string | undefined {
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      // not on PATH under this name
    }
  }
  return undefined;
}

const chromium = findChromium();

describe('html picture', () => {
  it('is one file that loads nothing from the network', () => {
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">`,
    );
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link\b/);
    expect(html).toContain(
      '<title>permgraph: user:alice → rds:instance:delete in project p1: deny</title>',
    );
  });

  it('embeds the graph as JSON that graphology reads back, with a legend and a table', () => {
    const data = /<script type="application\/json" id="permgraph-data">(.*?)<\/script>/s.exec(
      html,
    )?.[1];
    const parsed = JSON.parse(data ?? '') as { nodes: unknown[]; edges: unknown[] };
    expect([parsed.nodes.length, parsed.edges.length]).toEqual([8, 9]);
    expect(html).toContain('deny: on a path that denies (explicit Deny)</li>');
    expect(html).toContain(
      '<div style="color:#cf222e" data-state="deny">group ops &quot;blue&quot; #1 <span class="at">model.yaml:4:5</span></div>',
    );
  });

  it('escapes text for HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });

  it.skipIf(chromium === undefined)(
    `renders in headless Chromium with sigma${chromium ? '' : ' (skipped: chromium is not installed; apt-get install chromium)'}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'permgraph-html-'));
      const file = join(dir, 'graph.html');
      writeFileSync(file, html);
      const dom = execFileSync(
        chromium as string,
        [
          '--headless',
          '--no-sandbox',
          '--enable-unsafe-swiftshader',
          '--virtual-time-budget=5000',
          '--dump-dom',
          `file://${file}`,
        ],
        { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] },
      );
      expect(dom).toContain('<body data-status="rendered">');
      expect(dom).toContain('<div id="status">8 nodes, 9 edges</div>');
      expect(dom).toMatch(/<canvas class="sigma-stage"/);
    },
    90_000,
  );
});
