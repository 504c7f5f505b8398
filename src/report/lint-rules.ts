/** The listing of `permgraph rules`: one line per rule, grouped by namespace. */
import type { RuleMeta } from '../lint/types.js';
import { VERSION } from '../version.js';

/** Renders the rules as text: id, level, description, grouped by namespace. */
export function formatRulesText(rules: readonly RuleMeta[]): string {
  const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  const width = Math.max(...sorted.map((r) => r.id.length));
  const lines: string[] = [];
  let namespace = '';
  for (const rule of sorted) {
    const here = rule.id.split('/')[0] ?? '';
    if (here !== namespace) {
      if (namespace !== '') lines.push('');
      namespace = here;
    }
    lines.push(`${rule.id.padEnd(width)}  ${rule.level.padEnd(10)}  ${rule.description}`);
  }
  lines.push('', `${sorted.length} rules; help: docs/rules/<id>.md or permgraph rules --doc <id>`);

  return `${lines.join('\n')}\n`;
}

/** Renders the rules as JSON. */
export function formatRulesJson(rules: readonly RuleMeta[]): string {
  const value = {
    tool: { name: 'permgraph', version: VERSION },
    rules: [...rules]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((r) => ({
        id: r.id,
        level: r.level,
        category: r.category,
        needs: r.needs,
        description: r.description,
      })),
  };

  return `${JSON.stringify(value, null, 2)}\n`;
}
