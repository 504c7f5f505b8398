/**
 * A Terraform configuration read from `.tf` files, evaluated as far as the files allow:
 * variables from defaults, `terraform.tfvars`, `*.auto.tfvars` and `--var`; locals; `count`
 * and `for_each`; references between blocks. What only `apply` or the cloud decides stays
 * unknown or a reference, and the importer reports it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PermgraphError } from '../../errors.js';
import { readText } from '../json.js';
import { evaluate, type Scope } from './hcl-eval.js';
import { HclSyntaxError, parseTemplate } from './hcl-expr.js';
import {
  attributeHeredoc,
  attributeLine,
  blockPosition,
  parseHcl,
  readHclDirectory,
  type HclBlock,
} from './hcl-files.js';
import {
  canonicalType,
  importedTypes,
  lookedUpTypes,
  uncertainTypes,
  type TfInstance,
} from './instance.js';
import { EvalError, Lazy, plainUnknown, Ref, Unknown, type Value } from './values.js';

/** Values for variables, as `-var` and `-var-file` give them. */
export interface VariableInputs {
  vars?: Record<string, string>;
  varFiles?: string[];
}

/** The configuration's instances, and the blocks whose instances could not be counted. */
export interface HclConfiguration {
  instances: TfInstance[];
  uncounted: { address: string; reason: string; position: TfInstance['position'] }[];
  /** The module calls, whose resources are not read from .tf files. */
  modules: { address: string; position: TfInstance['position'] }[];
  region: Value | undefined;
  /** Where the provider's region is written. */
  regionPosition: TfInstance['position'] | undefined;
}

/** Reads and evaluates the `.tf` files of `dir`. */
export async function readHclConfiguration(
  dir: string,
  inputs: VariableInputs = {},
): Promise<HclConfiguration> {
  const blocks = await readHclDirectory(dir);
  const values = await variableValues(dir, inputs);
  const config = new Evaluation(blocks, values);

  return config.result();
}

async function variableValues(
  dir: string,
  inputs: VariableInputs,
): Promise<Record<string, unknown>> {
  const files = existsSync(dir) ? readdirSync(dir).sort() : [];
  const auto = [
    ...files.filter((f) => f === 'terraform.tfvars' || f === 'terraform.tfvars.json'),
    ...files.filter((f) => /\.auto\.tfvars(\.json)?$/.test(f)),
  ].map((f) => join(dir, f));
  const values: Record<string, unknown> = {};
  for (const file of [...auto, ...(inputs.varFiles ?? [])])
    Object.assign(values, await readVarFile(file));
  for (const [name, text] of Object.entries(inputs.vars ?? {})) values[name] = text;

  return values;
}

async function readVarFile(file: string): Promise<Record<string, unknown>> {
  const text = readText(file);
  if (!file.endsWith('.json')) return parseHcl(file, text);
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new PermgraphError('E_PARSE', `invalid JSON in ${file}: ${(error as Error).message}`, {
      position: { file, line: 1, column: 1 },
    });
  }
}

class Evaluation {
  private readonly resources = new Map<string, HclBlock>();
  private readonly variables = new Map<string, HclBlock>();
  private readonly locals = new Map<string, { raw: unknown; block: HclBlock }>();
  private readonly expanded = new Map<string, Value>();
  private readonly busy = new Set<string>();
  readonly uncounted: HclConfiguration['uncounted'] = [];

  constructor(
    private readonly blocks: HclBlock[],
    private readonly given: Record<string, unknown>,
  ) {
    for (const block of blocks) {
      if (block.kind === 'resource' || block.kind === 'data')
        this.resources.set(key(block.kind, block.labels), block);
      if (block.kind === 'variable') this.variables.set(block.labels[0] as string, block);
      if (block.kind === 'locals')
        for (const [name, raw] of Object.entries(block.body)) this.locals.set(name, { raw, block });
    }
  }

  result(): HclConfiguration {
    const instances: TfInstance[] = [];
    // Other types (random_password, …) are evaluated only when an imported resource refers to them.
    for (const block of this.resources.values())
      if (isImported(block)) instances.push(...this.instancesOf(block));
    // A known shortcoming: module calls are not followed into their source, so the IAM
    // objects a module declares are missing from the model; a plan JSON includes them.
    const modules = this.blocks
      .filter((b) => b.kind === 'module')
      .map((block) => ({
        address: `module.${block.labels[0] as string}`,
        position: blockPosition(block),
      }));
    const provider = this.blocks.find(
      (b) => b.kind === 'provider' && b.labels[0] === 'huaweicloud',
    );
    const region =
      provider && 'region' in provider.body
        ? this.evalRaw(provider.body.region, this.root)
        : undefined;

    const regionPosition =
      provider && 'region' in provider.body ? attributeLine(provider, 'region') : undefined;

    return { instances, uncounted: this.uncounted, modules, region, regionPosition };
  }

  private readonly root: Scope = (name) => {
    if (name === 'var')
      return new Lazy(
        'var',
        (n) => this.variable(n),
        () => [...this.variables.keys()],
      );
    if (name === 'local')
      return new Lazy(
        'local',
        (n) => this.local(n),
        () => [...this.locals.keys()],
      );
    if (name === 'data')
      return new Lazy(
        'data',
        (type) => new Lazy(`data.${type}`, (n) => this.expand('data', type, n)),
      );
    if (name === 'count' || name === 'each' || name === 'self')
      throw new EvalError(`${name} is used outside a block that sets it`);
    if (name === 'path' || name === 'terraform' || name === 'module')
      return new Unknown(`${name}.* values are not evaluated by permgraph`);
    if ([...this.resources.keys()].some((k) => k.startsWith(`resource.${name}.`)))
      return new Lazy(name, (n) => this.expand('resource', name, n));
    throw new EvalError(`unknown name "${name}"`);
  };

  private variable(name: string): Value {
    if (name in this.given) return this.given[name] as Value;
    const block = this.variables.get(name);
    if (!block) throw new EvalError(`var.${name} is not declared`);
    if ('default' in block.body) return block.body.default as Value;
    return new Unknown(
      `var.${name} has no value (no default, not in terraform.tfvars; pass --var ${name}=…)`,
    );
  }

  private local(name: string): Value {
    const entry = this.locals.get(name);
    if (!entry) throw new EvalError(`local.${name} is not declared`);
    return this.guarded(`local.${name}`, () => this.evalRaw(entry.raw, this.root));
  }

  /** The value of `type.name`: one instance, a list (count) or a map (for_each). */
  private expand(kind: 'resource' | 'data', type: string, name: string): Value {
    const id = key(kind, [type, name]);
    const block = this.resources.get(id);
    if (!block)
      throw new EvalError(`${kind === 'data' ? 'data.' : ''}${type}.${name} is not declared`);
    const cached = this.expanded.get(id);
    if (cached !== undefined) return cached;
    const value = this.guarded(id, () => this.expandBlock(block));
    this.expanded.set(id, value);

    return value;
  }

  private expandBlock(block: HclBlock): Value {
    const base = blockPosition(block).path as string;
    if ('count' in block.body) {
      const count = this.evalRaw(block.body.count, this.root);
      if (typeof count !== 'number')
        return count instanceof Unknown
          ? this.maybeInstances(block, `its count is unknown: ${count.reason}`)
          : new Unknown(`the count of ${base} is not a number`);
      return Array.from({ length: count }, (_, i) =>
        this.instance(block, `${base}[${i}]`, { count: { index: i } }),
      );
    }
    if ('for_each' in block.body) {
      const each = this.evalRaw(block.body.for_each, this.root);
      if (each instanceof Unknown || each instanceof Ref)
        return this.maybeInstances(block, `its for_each is unknown: ${plainUnknown(each).reason}`);
      const entries: [string, Value][] = Array.isArray(each)
        ? each.map((v) => [String(v), v])
        : Object.entries(each as Record<string, Value>);
      return Object.fromEntries(
        entries.map(([k, v]) => [
          k,
          this.instance(block, `${base}[${JSON.stringify(k)}]`, { each: { key: k, value: v } }),
        ]),
      );
    }
    return this.instance(block, base, {});
  }

  /**
   * The instances of a block whose count or for_each is unknown: unknown, but standing for one
   * instance evaluated with `count.index` and `each` unknown, which any index selects. The
   * importer reads that instance where its existence can be represented (a Deny that may apply).
   */
  private maybeInstances(block: HclBlock, reason: string): Unknown {
    const base = blockPosition(block).path as string;
    const index = new Unknown(`${base}: ${reason}`);
    const instance = this.instance(block, base, {
      count: { index },
      each: { key: index, value: index },
    });

    return new Unknown(reason, new Lazy(base, () => instance));
  }

  private instance(block: HclBlock, address: string, meta: Record<string, Value>): Lazy {
    const scope: Scope = (name) => (name in meta ? (meta[name] as Value) : this.root(name));
    const memo = new Map<string, Value>();
    const read = (attr: string): Value => {
      if (!(attr in block.body) || attr === 'count' || attr === 'for_each')
        return new Ref(address, [attr]);
      if (!memo.has(attr))
        memo.set(
          attr,
          this.guarded(`${address}.${attr}`, () => this.evalRaw(block.body[attr], scope)),
        );
      return memo.get(attr) as Value;
    };

    return new Lazy(address, read, () =>
      Object.keys(block.body).filter(
        (k) => !['count', 'for_each', 'depends_on', 'lifecycle', 'provider'].includes(k),
      ),
    );
  }

  private instancesOf(block: HclBlock): TfInstance[] {
    const value = this.expand(
      block.kind as 'resource' | 'data',
      block.labels[0] as string,
      block.labels[1] as string,
    );
    if (value instanceof Unknown && value.maybe instanceof Lazy && isUncertainType(block)) {
      const instance = value.maybe.read('');
      return [this.toInstance(block, instance as Lazy, value.reason)];
    }
    if (value instanceof Unknown) {
      this.uncounted.push({
        address: blockPosition(block).path as string,
        reason: value.reason,
        position: blockPosition(block),
      });
      return [];
    }
    const lazies = (
      Array.isArray(value)
        ? value
        : value instanceof Lazy
          ? [value]
          : Object.values(value as Record<string, Value>)
    ) as Lazy[];

    return lazies.map((lazy) => this.toInstance(block, lazy, undefined));
  }

  private toInstance(block: HclBlock, lazy: Lazy, uncertain: string | undefined): TfInstance {
    return {
      address: lazy.describe,
      mode: block.kind === 'data' ? 'data' : 'managed',
      type: canonicalType(block.labels[0] as string),
      position: blockPosition(block),
      attribute: (name) => (name in block.body ? lazy.read(name) : undefined),
      attributePosition: (name) => attributeLine(block, name),
      attributeHeredoc: (name) => attributeHeredoc(block, name),
      ...(uncertain === undefined ? {} : { uncertain }),
    };
  }

  /** Evaluates an attribute as hcl2json gives it: strings are templates, the rest nests. */
  private evalRaw(raw: unknown, scope: Scope): Value {
    if (typeof raw === 'string') return this.evalText(raw, scope);
    if (Array.isArray(raw)) return raw.map((item) => this.evalRaw(item, scope));
    if (raw !== null && typeof raw === 'object')
      return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, this.evalRaw(v, scope)]));
    return raw as Value;
  }

  private evalText(text: string, scope: Scope): Value {
    try {
      return evaluate(parseTemplate(text), scope);
    } catch (error) {
      if (error instanceof HclSyntaxError || error instanceof EvalError)
        return new Unknown(error.message);
      throw error;
    }
  }

  private guarded(id: string, work: () => Value): Value {
    if (this.busy.has(id)) return new Unknown(`${id} refers to itself`);
    this.busy.add(id);
    try {
      return work();
    } finally {
      this.busy.delete(id);
    }
  }
}

/** Whether the importer can represent an instance that may not exist (see `uncertainTypes`). */
function isUncertainType(block: HclBlock): boolean {
  return (
    block.kind === 'resource' && uncertainTypes.includes(canonicalType(block.labels[0] as string))
  );
}

function isImported(block: HclBlock): boolean {
  const type = canonicalType(block.labels[0] as string);
  return block.kind === 'data' ? lookedUpTypes.includes(type) : importedTypes.includes(type);
}

function key(kind: string, labels: string[]): string {
  return `${kind}.${labels.join('.')}`;
}
