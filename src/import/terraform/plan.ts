/**
 * A Terraform plan as `terraform show -json` prints it: the planned values of every module's
 * resources, the data sources read while planning (`prior_state`), and per resource change the
 * attributes unknown until apply (`after_unknown`). An unknown attribute is traced through the
 * configuration's `references` to the instance it names (`huaweicloud_identity_group.dba.id`)
 * when that is unambiguous; otherwise it stays unknown and is reported.
 */
import { PermgraphError } from '../../errors.js';
import {
  formatDocPath,
  type DocPath,
  type SourceDocument,
  type SourcePosition,
} from '../../model/source.js';
import { readJsonInput } from '../json.js';
import type { ImportLog } from '../log.js';
import { canonicalType, type TfInstance } from './instance.js';
import { OneOf, Ref, Unknown, type Value } from './values.js';

type Json = Record<string, unknown>;

interface Entry {
  address: string;
  module: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index: unknown;
  values: Json;
  unknown: Json;
  path: DocPath;
}

/** The instances a plan describes and the provider's region when the plan states it. */
export interface PlanContents {
  instances: TfInstance[];
  region: Value | undefined;
  /** Where the provider's region is written in the plan's configuration. */
  regionPosition: SourcePosition | undefined;
}

/** Reads a plan JSON file. */
export function readPlan(file: string, log: ImportLog, partial: boolean): PlanContents {
  const doc = readJsonInput(file, log, partial);
  const plan = doc.value as Json;
  if (
    typeof plan !== 'object' ||
    plan === null ||
    !('planned_values' in plan || 'resource_changes' in plan)
  ) {
    throw new PermgraphError(
      'E_SCHEMA',
      'not a Terraform plan: no planned_values or resource_changes',
      {
        position: doc.locate([]),
        hint: 'give the output of `terraform show -json plan.out`, or a directory of .tf files',
      },
    );
  }
  const entries = collectEntries(doc, log);
  const expressions = configurationExpressions(plan.configuration as Json | undefined);
  const instances = entries.map((entry) => toInstance(entry, entries, expressions, doc));

  const region = regionOf(plan.configuration as Json | undefined);
  const regionPosition =
    region === undefined
      ? undefined
      : doc.locate(['configuration', 'provider_config', 'huaweicloud', 'expressions', 'region']);

  return { instances, region, regionPosition };
}

function collectEntries(doc: SourceDocument, log: ImportLog): Entry[] {
  const plan = doc.value as Json;
  const changes = new Map<string, { change: Json; path: DocPath }>();
  asList(plan.resource_changes).forEach((rc, i) =>
    changes.set(String((rc as Json).address), {
      change: ((rc as Json).change ?? {}) as Json,
      path: ['resource_changes', i],
    }),
  );
  const entries: Entry[] = [];
  const seen = new Set<string>();
  const add = (resource: Json, path: DocPath, module: string): void => {
    // A resource without its address, type and name cannot be read; dropping it silently could
    // drop a Deny.
    const missing = ['address', 'type', 'name'].filter((k) => typeof resource[k] !== 'string');
    if (missing.length > 0) {
      log.skip(
        'E_SCHEMA',
        `a plan resource needs ${missing.join(', ')} (strings, as terraform show -json writes them)`,
        { ...doc.locate(path), path: formatDocPath(path) },
      );
      return;
    }
    const address = String(resource.address);
    if (seen.has(address)) return;
    seen.add(address);
    const change = changes.get(address)?.change;
    const unknown = (change?.after_unknown ?? {}) as Json;
    entries.push({
      address,
      module,
      mode: resource.mode === 'data' ? 'data' : 'managed',
      type: String(resource.type),
      name: String(resource.name),
      index: resource.index,
      values: ((resource.values ?? change?.after ?? {}) as Json) ?? {},
      unknown,
      path: [...path, 'values'],
    });
  };
  walkModule(plan.planned_values, ['planned_values'], (r, p, m) => add(r, p, m));
  walkModule(
    (plan.prior_state as Json | undefined)?.values,
    ['prior_state', 'values'],
    (r, p, m) => r.mode === 'data' && add(r, p, m),
  );
  for (const [address, { change, path }] of changes) {
    const actions = asList(change.actions);
    if (seen.has(address) || actions.includes('delete')) continue;
    const rc = valueAt(plan, path) as Json;
    add(
      { ...rc, values: change.after ?? {} },
      [...path, 'change', 'after'].slice(0, -1),
      String(rc.module_address ?? ''),
    );
  }

  return entries;
}

function walkModule(
  values: unknown,
  path: DocPath,
  visit: (resource: Json, path: DocPath, module: string) => void,
): void {
  const walk = (module: Json | undefined, at: DocPath): void => {
    if (!module) return;
    const prefix = typeof module.address === 'string' ? module.address : '';
    asList(module.resources).forEach((r, i) => visit(r as Json, [...at, 'resources', i], prefix));
    asList(module.child_modules).forEach((child, i) =>
      walk(child as Json, [...at, 'child_modules', i]),
    );
  };
  walk((values as Json | undefined)?.root_module as Json | undefined, [...path, 'root_module']);
}

/** Each configured resource's attribute references, by module-qualified address. */
function configurationExpressions(configuration: Json | undefined): Map<string, Json> {
  const out = new Map<string, Json>();
  const walk = (module: Json | undefined, prefix: string): void => {
    if (!module) return;
    for (const r of asList(module.resources))
      out.set(prefix + String((r as Json).address), ((r as Json).expressions ?? {}) as Json);
    for (const [name, call] of Object.entries((module.module_calls ?? {}) as Json))
      walk((call as Json).module as Json, `${prefix}module.${name}.`);
  };
  walk(configuration?.root_module as Json | undefined, '');
  return out;
}

function regionOf(configuration: Json | undefined): Value | undefined {
  const region = valueAt(configuration, [
    'provider_config',
    'huaweicloud',
    'expressions',
    'region',
  ]) as Json | undefined;
  if (!region) return undefined;
  return 'constant_value' in region
    ? (region.constant_value as Value)
    : new Unknown('the provider region is known only after apply');
}

function toInstance(
  entry: Entry,
  all: Entry[],
  expressions: Map<string, Json>,
  doc: SourceDocument,
): TfInstance {
  const configAddress = entry.address.replace(/\[[^\]]*\]$/, '');
  const configured = expressions.get(configAddress);
  const config = configured ?? {};
  const attribute = (name: string): Value | undefined => {
    const marker = entry.unknown[name];
    const known = entry.values[name] as Value | undefined;
    // Unknown and not written in the configuration: the provider fills it in (a region, a
    // default privilege list), as when a .tf file leaves it out. Without a configuration
    // section in the plan this cannot be told, and the value stays unknown.
    if (marker === true && configured !== undefined && !(name in configured)) return undefined;
    if (marker === true) return traced(entry, all, config, name, 1)[0];
    if (Array.isArray(marker) && Array.isArray(known) && marker.includes(true)) {
      const refs = traced(entry, all, config, name, marker.filter((m) => m === true).length);
      return known.map((item, i) => (marker[i] === true ? (refs.shift() as Value) : item));
    }
    return known;
  };

  return {
    address: entry.address,
    mode: entry.mode,
    type: canonicalType(entry.type),
    position: { ...doc.locate(entry.path.slice(0, -1)), path: entry.address },
    attribute,
    attributePosition: (name) => ({
      ...doc.locate([...entry.path, name]),
      path: `${entry.address}.${name}`,
    }),
  };
}

/**
 * Values for `count` unknown items of an attribute, from the resources its expression names:
 * one Ref each when the references name exactly that many instances, else Unknowns.
 */
function traced(entry: Entry, all: Entry[], config: Json, name: string, count: number): Value[] {
  const references = asList((config[name] as Json | undefined)?.references).map(String);
  const candidates = candidateRefs(entry, all, references);
  const reason = `${entry.address}.${name} is known only after apply`;
  const unknown =
    candidates.length > 0
      ? new OneOf(`${reason} (it may refer to ${candidates.map(String).join(', ')})`, candidates)
      : new Unknown(reason);
  if (candidates.length !== count) return Array.from({ length: count }, () => unknown);

  return candidates;
}

function candidateRefs(entry: Entry, all: Entry[], references: string[]): Ref[] {
  const byTarget = new Map<string, { index?: string | number; path: (string | number)[] }>();
  for (const text of references) {
    const parsed = parseReference(text);
    if (!parsed) continue;
    const target = `${entry.module ? `${entry.module}.` : ''}${parsed.resource}`;
    const previous = byTarget.get(target);
    if (
      !previous ||
      parsed.path.length + (parsed.index === undefined ? 0 : 1) >
        previous.path.length + (previous.index === undefined ? 0 : 1)
    )
      byTarget.set(target, parsed);
  }
  const refs: Ref[] = [];
  for (const [target, { index, path }] of byTarget) {
    const instances = all.filter((e) => e.address.replace(/\[[^\]]*\]$/, '') === target);
    // An index the references do not fix (`team[count.index]`, `team[count.index + 1]`,
    // `team[each.key]` all list the same references) may be any instance.
    const chosen = index !== undefined ? instances.filter((e) => e.index === index) : instances;
    refs.push(...chosen.map((e) => new Ref(e.address, path)));
  }
  return refs;
}

/** `data.t.n[0].projects[0].id` → resource `data.t.n`, index 0, path `projects[0].id`. */
function parseReference(
  text: string,
): { resource: string; index?: string | number; path: (string | number)[] } | undefined {
  const parts: (string | number)[] = [];
  for (const m of text.matchAll(/([A-Za-z_][\w-]*)|\[(\d+)\]|\["([^"]*)"\]/g))
    parts.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (m[3] as string)));
  const isData = parts[0] === 'data';
  const [type, name] = isData ? [parts[1], parts[2]] : [parts[0], parts[1]];
  if (typeof type !== 'string' || typeof name !== 'string' || !type.includes('_')) return undefined;
  let rest = parts.slice(isData ? 3 : 2);
  const index =
    typeof rest[0] === 'number' ||
    (rest.length > 0 && /^\[/.test(text.slice(text.indexOf(name) + name.length)))
      ? rest[0]
      : undefined;
  if (index !== undefined) rest = rest.slice(1);
  // A bare resource (a splat's only reference) stands for its ids.
  if (rest.length === 0) rest = ['id'];

  return {
    resource: `${isData ? 'data.' : ''}${type}.${name}`,
    ...(index !== undefined ? { index } : {}),
    path: rest,
  };
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function valueAt(root: unknown, path: DocPath): unknown {
  let node = root;
  for (const part of path)
    node = typeof node === 'object' && node !== null ? (node as Json)[part] : undefined;
  return node;
}
