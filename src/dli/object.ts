/**
 * DLI object paths: the `object` strings of DLI grants (`databases.db1.tables.tbl`,
 * `queues.q1`, `jobs.flink.123`, …). Parsing gives a typed object; printing gives the string
 * back; `parent` and `ancestors` follow the hierarchy grants are inherited along.
 */
import { PermgraphError } from '../errors.js';
import type { SourcePosition } from '../model/source.js';

/** The kinds of object a path names. A view has a table's path; only an inventory tells them apart. */
export type DliObjectType =
  | 'database'
  | 'table'
  | 'column'
  | 'queue'
  | 'flink'
  | 'resource'
  | 'group'
  | 'datasourceauth'
  | 'edsconnection'
  | 'elasticresourcepool'
  | 'variable'
  | 'catalog';

/** A parsed object path. `database`/`table`/`column` are set for the data objects, `name` for the rest. */
export interface DliObject {
  type: DliObjectType;
  database?: string;
  table?: string;
  column?: string;
  name?: string;
  /** The package group of a package named `resources.<group>/<package>`. */
  group?: string;
}

/**
 * Prefixes of the types whose path is `<prefix>.<name>`. The strings for datasource
 * authentications, elastic resource pools, global variables and catalogs are UNCONFIRMED as
 * grant objects: they are the IAM resource paths (`datasourceauth.`, `elasticresourcepools.`,
 * seen in OTC's policy examples) or the plural form the other types use (`variables.`,
 * `catalogs.`). A grant that Huawei spells differently is reported as an invalid object.
 */
const singleNamePrefixes: Readonly<Record<string, DliObjectType>> = {
  queues: 'queue',
  groups: 'group',
  edsconnections: 'edsconnection',
  datasourceauth: 'datasourceauth',
  elasticresourcepools: 'elasticresourcepool',
  variables: 'variable',
  catalogs: 'catalog',
};

/** What the name after each prefix is, for messages. */
const nameNouns: Readonly<Record<string, string>> = {
  queues: 'queue name',
  groups: 'package group name',
  edsconnections: 'connection id',
  datasourceauth: 'authentication name',
  elasticresourcepools: 'pool name',
  variables: 'variable name',
  catalogs: 'catalog name',
};

const prefixOf: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(singleNamePrefixes).map(([prefix, type]) => [type, prefix])),
  database: 'databases',
  resource: 'resources',
};

/** Every object form, as shown in error hints. */
export const dliObjectForms: readonly string[] = [
  'databases.<database>',
  'databases.<database>.tables.<table>',
  'databases.<database>.tables.<table>.columns.<column>',
  'queues.<queue>',
  'jobs.flink.<job id>',
  'groups.<package group>',
  'resources.<package>',
  'resources.<package group>/<package>',
  'edsconnections.<connection id>',
  'datasourceauth.<name>',
  'elasticresourcepools.<pool>',
  'variables.<name>',
  'catalogs.<name>',
];

/** A name inside a path: no dot, slash, wildcard or white space. */
const plainName = /^[^\s./*]+$/;
/** Package names are file names and may contain dots. */
const packageName = /^[^\s/*]+$/;

/** Parses an object path; throws `E_DLI` naming what is wrong, at `position` when given. */
export function parseDliObject(text: string, position?: SourcePosition): DliObject {
  const fail = (reason: string): never => {
    throw new PermgraphError('E_DLI', `invalid DLI object ${JSON.stringify(text)}: ${reason}`, {
      position,
      hint: `an object is one of ${dliObjectForms.join(', ')}`,
    });
  };
  if (typeof text !== 'string' || text === '') return fail('the object is empty');
  if (/\s/.test(text)) return fail('it contains white space');
  const dot = text.indexOf('.');
  const prefix = dot < 0 ? text : text.slice(0, dot);
  const rest = dot < 0 ? '' : text.slice(dot + 1);
  if (prefix === 'databases') return parseDataObject(rest, fail);
  if (prefix === 'jobs') return parseJob(rest, fail);
  if (prefix === 'resources') return parsePackage(rest, fail);
  const type = singleNamePrefixes[prefix];
  if (type) {
    return {
      type,
      name: checkName(rest, plainName, nameNouns[prefix] ?? 'name', `${prefix}.`, fail),
    };
  }

  const known = [...Object.keys(singleNamePrefixes), 'databases', 'jobs', 'resources'];
  const near = known.find((k) => k === `${prefix}s` || `${k}s` === prefix);
  return fail(`unknown object kind "${prefix}"${near ? ` (did you mean "${near}"?)` : ''}`);
}

type Fail = (reason: string) => never;

function checkName(
  name: string | undefined,
  pattern: RegExp,
  noun: string,
  after: string,
  fail: Fail,
): string {
  if (name === undefined || name === '') return fail(`expected a ${noun} after "${after}"`);
  if (name.includes('*')) {
    return fail('wildcards are IAM resource patterns; a DLI grant names one object');
  }
  if (!pattern.test(name)) return fail(`"${name}" is not a valid ${noun}`);

  return name;
}

function parseDataObject(rest: string, fail: Fail): DliObject {
  const parts = rest.split('.');
  const database = checkName(parts[0], plainName, 'database name', 'databases.', fail);
  if (parts.length === 1) return { type: 'database', database };
  if (parts[1] !== 'tables') {
    return fail(`expected "tables" after the database name, found "${parts[1]}"`);
  }
  const table = checkName(parts[2], plainName, 'table name', 'tables.', fail);
  if (parts.length === 3) return { type: 'table', database, table };
  if (parts[3] !== 'columns') {
    return fail(`expected "columns" after the table name, found "${parts[3]}"`);
  }
  const column = checkName(parts[4], plainName, 'column name', 'columns.', fail);
  if (parts.length > 5) {
    return fail(`unexpected "${parts.slice(5).join('.')}" after the column name`);
  }

  return { type: 'column', database, table, column };
}

function parseJob(rest: string, fail: Fail): DliObject {
  const [kind, ...ids] = rest.split('.');
  if (kind !== 'flink') return fail('only Flink jobs are grant objects: jobs.flink.<job id>');

  const name = checkName(ids.join('.'), plainName, 'job id', 'jobs.flink.', fail);

  return { type: 'flink', name };
}

function parsePackage(rest: string, fail: Fail): DliObject {
  const parts = rest.split('/');
  if (parts.length > 2) {
    return fail('a package path has at most one "/": resources.<group>/<package>');
  }
  if (parts.length === 1) {
    return {
      type: 'resource',
      name: checkName(rest, packageName, 'package name', 'resources.', fail),
    };
  }
  const group = checkName(parts[0], plainName, 'package group name', 'resources.', fail);

  return {
    type: 'resource',
    group,
    name: checkName(parts[1], packageName, 'package name', '/', fail),
  };
}

/** Prints an object as the path DLI expects; the inverse of `parseDliObject`. */
export function printDliObject(object: DliObject): string {
  switch (object.type) {
    case 'database':
      return `databases.${object.database}`;
    case 'table':
      return `databases.${object.database}.tables.${object.table}`;
    case 'column':
      return `databases.${object.database}.tables.${object.table}.columns.${object.column}`;
    case 'flink':
      return `jobs.flink.${object.name}`;
    case 'resource':
      return object.group === undefined
        ? `resources.${object.name}`
        : `resources.${object.group}/${object.name}`;
    default:
      return `${prefixOf[object.type]}.${object.name}`;
  }
}

/** Accepts either form, so callers can pass what they have. */
export function toDliObject(object: DliObject | string): DliObject {
  return typeof object === 'string' ? parseDliObject(object) : object;
}

/**
 * The object whose grants this one inherits: column → table → database, and a package in a
 * group → the group. Other objects have none.
 */
export function parent(object: DliObject): DliObject | undefined {
  if (object.type === 'column') {
    return { type: 'table', database: object.database, table: object.table };
  }
  if (object.type === 'table') return { type: 'database', database: object.database };
  if (object.type === 'resource' && object.group !== undefined) {
    return { type: 'group', name: object.group };
  }

  return undefined;
}

/** Every ancestor, nearest first. */
export function ancestors(object: DliObject): DliObject[] {
  const out: DliObject[] = [];
  for (let next = parent(object); next; next = parent(next)) out.push(next);

  return out;
}
