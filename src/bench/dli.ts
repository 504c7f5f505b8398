/**
 * The DLI part of the synthetic account: databases with tables and columns, each with an owner,
 * and a long history of authorization requests (grants, some revoked or replaced later) to users
 * on databases, tables and columns.
 */
import type { Random } from './random.js';

/** How much DLI data to generate. */
export interface DliSize {
  databases: number;
  tablesPerDatabase: number;
  columnsPerTable: number;
  requests: number;
}

const databasePrivileges = [
  'SELECT',
  'DESCRIBE_TABLE',
  'DISPLAY_ALL_TABLES',
  'CREATE_TABLE',
  'DROP_TABLE',
];
const tablePrivileges = [
  'SELECT',
  'INSERT_INTO_TABLE',
  'DESCRIBE_TABLE',
  'DROP_TABLE',
  'ALTER_TABLE_ADD_COLUMNS',
];

/** The model's `dli:` section. */
export function dliSection(
  random: Random,
  size: DliSize,
  users: readonly string[],
  projects: readonly string[],
): Record<string, unknown> {
  const databases: Record<string, unknown> = {};
  const paths: { database: string; table: string; columns: string[] }[] = [];
  for (let d = 0; d < size.databases; d++) {
    const database = `db${d}`;
    const tables: Record<string, unknown> = {};
    for (let t = 0; t < size.tablesPerDatabase; t++) {
      const columns = Array.from({ length: size.columnsPerTable }, (_, c) => `c${c}`);
      tables[`t${t}`] = { owner: random.pick(users), columns };
      paths.push({ database, table: `t${t}`, columns });
    }
    databases[database] = { owner: random.pick(users), tables };
  }
  const requests = Array.from({ length: size.requests }, () =>
    request(random, paths, users, projects),
  );
  return { objects: { databases }, requests };
}

function request(
  random: Random,
  paths: readonly { database: string; table: string; columns: string[] }[],
  users: readonly string[],
  projects: readonly string[],
): Record<string, unknown> {
  const roll = random.next();
  const action = roll < 0.85 ? 'grant' : roll < 0.95 ? 'revoke' : 'update';
  const count = random.int(1, 3);
  const privileges = Array.from({ length: count }, () => item(random, random.skewed(paths)));
  return { project: random.skewed(projects), action, user_name: random.skewed(users), privileges };
}

function item(
  random: Random,
  path: { database: string; table: string; columns: string[] },
): { object: string; privileges: string[] } {
  const roll = random.next();
  const database = `databases.${path.database}`;
  if (roll < 0.25) return { object: database, privileges: some(random, databasePrivileges) };
  const table = `${database}.tables.${path.table}`;
  if (roll < 0.8) return { object: table, privileges: some(random, tablePrivileges) };
  return { object: `${table}.columns.${random.pick(path.columns)}`, privileges: ['SELECT'] };
}

function some(random: Random, privileges: readonly string[]): string[] {
  return [...new Set(Array.from({ length: random.int(1, 2) }, () => random.pick(privileges)))];
}
