/**
 * Writes an imported model as the YAML a person would write: empty lists left out, a header
 * saying where it came from. The result loads with `-m` like any hand-written model.
 */
import { stringify } from 'yaml';
import type { ModelFile } from '../model/schema.js';

/** Renders a model file as YAML, with `header` lines as comments on top. */
export function modelToYaml(data: ModelFile, header: readonly string[] = []): string {
  const comments = header.map((line) => `# ${line}\n`).join('');

  return comments + stringify(compact(data), { lineWidth: 0, aliasDuplicateObjects: false });
}

function compact(data: ModelFile): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    out[key] =
      key === 'users' || key === 'groups' ? (value as object[]).map(dropEmptyLists) : value;
  }

  return out;
}

function dropEmptyLists(entry: object): object {
  return Object.fromEntries(
    Object.entries(entry).filter(([, v]) => !(Array.isArray(v) && v.length === 0)),
  );
}
