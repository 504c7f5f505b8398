/**
 * The catalog as text and JSON, for `permgraph catalog`.
 */
import type { Catalog } from '../catalog/catalog.js';

/** The catalog (or one service of it) as plain data. */
export function catalogJson(catalog: Catalog, service?: string): unknown {
  const wanted = service?.toLowerCase();
  const keep = (s: string): boolean => wanted === undefined || s === wanted;
  return {
    catalog: { version: catalog.info.version, date: catalog.info.date },
    services: [...catalog.services.values()]
      .filter((s) => keep(s.name))
      .map(({ position: _p, ...s }) => s),
    actions: catalog.actions
      .filter((a) => keep(a.service))
      .map((a) => ({
        name: a.name,
        access: a.access,
        scope: a.scope,
        description: a.description.en,
        aliases: a.aliases,
      })),
    permissions: [...catalog.permissions.values()]
      .filter((p) => wanted === undefined || p.catalog.toLowerCase() === wanted)
      .map((p) => ({
        name: p.name,
        kind: p.kind,
        scope: p.scope,
        derived: p.derived !== undefined,
        description: p.description.en,
      })),
    operations: [...catalog.operations.values()]
      .filter((o) => keep(o.service))
      .map((o) => ({ id: o.id, name: o.name.en, variants: Object.keys(o.variants) })),
  };
}

/** The catalog as text: services with their scope, then each section. */
export function formatCatalogText(catalog: Catalog, service?: string): string {
  const data = catalogJson(catalog, service) as {
    services: { name: string; scope: string; title: string }[];
    actions: { name: string; access: string }[];
    permissions: { name: string; kind: string; scope: string; derived: boolean }[];
    operations: { id: string; name: string; variants: string[] }[];
  };
  const lines = [`permgraph catalog ${catalog.describe()}`, '', 'services'];
  for (const s of data.services)
    lines.push(`  ${s.name.padEnd(8)} ${s.scope.padEnd(8)} ${s.title}`);
  lines.push('', `actions (${data.actions.length})`);
  for (const a of data.actions) lines.push(`  ${a.name.padEnd(52)} ${a.access}`);
  lines.push('', `system permissions (${data.permissions.length})`);
  for (const p of data.permissions)
    lines.push(
      `  ${p.name.padEnd(32)} ${p.kind.padEnd(7)} ${p.scope}${p.derived ? '  (derived)' : ''}`,
    );
  lines.push('', `operations (${data.operations.length})`);
  for (const o of data.operations) {
    const variants = o.variants.length > 0 ? `  [${o.variants.join(', ')}]` : '';
    lines.push(`  ${o.id.padEnd(36)} ${o.name}${variants}`);
  }
  return `${lines.join('\n')}\n`;
}
