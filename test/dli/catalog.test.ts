import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { loadCatalog } from '../../src/catalog/load.js';
import { catalogFileSchema } from '../../src/catalog/schema.js';
import {
  buildDliCatalog,
  defaultDliCatalogFile,
  dliCatalogFromSections,
  loadDliCatalog,
  parseDliCatalogSection,
} from '../../src/dli/catalog.js';
import { parseDliObject } from '../../src/dli/object.js';
import { parseSourceText } from '../../src/model/source.js';
import { PermgraphError } from '../../src/errors.js';

const catalog = loadDliCatalog();
const readPolicy = (name: string) =>
  catalogFileSchema.parse(
    parse(readFileSync(new URL(`../../policies/dli/${name}`, import.meta.url), 'utf8')),
  );

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'permgraph-dli-')), name);
  writeFileSync(file, text);
  return file;
}

describe('the built-in DLI catalog', () => {
  test('object types and their privilege counts', () => {
    const counts = [...catalog.types.values()].map((t) => [t.type, t.privileges.size]);
    expect(counts).toEqual([
      ['database', 61],
      ['table', 36],
      ['view', 36],
      ['column', 1],
      ['queue', 10],
      ['flink', 11],
      ['group', 7],
      ['resource', 7],
      ['datasourceauth', 6],
      ['edsconnection', 1],
      ['elasticresourcepool', 9],
      ['variable', 5],
      ['catalog', 6],
    ]);
  });

  test('administrators', () => {
    expect(catalog.administrators.map((a) => a.permission)).toEqual([
      'DLI FullAccess',
      'DLI Service Admin',
      'Tenant Administrator',
    ]);
  });

  test('all-resources-only privileges', () => {
    const only = [...catalog.types.values()].flatMap((t) =>
      [...t.privileges.values()]
        .filter((p) => p.allResourcesOnly)
        .map((p) => `${t.type}:${p.name}`),
    );
    expect(only).toEqual([
      'database:CREATE_DATABASE',
      'database:LIST_DATABASES',
      'database:DISPLAY_ALL_DATABASES',
      'queue:CREATE_QUEUE',
      'queue:LIST_QUEUES',
      'flink:CREATE',
      'flink:LIST_ALL',
      'elasticresourcepool:CREATE',
      'elasticresourcepool:LIST',
      'catalog:BIND',
      'catalog:LIST',
    ]);
  });

  test('database privileges a project cannot receive', () => {
    const database = catalog.types.get('database')!;
    const userOnly = [...database.privileges.values()].filter(
      (p) => !p.grantees.includes('project'),
    );
    expect(userOnly.map((p) => p.name)).toEqual([
      'DISPLAY_ALL_TABLES',
      'DISPLAY_DATABASE',
      'UPDATE_DATABASE',
      'GET_DATABASE',
      'DESCRIBE',
      'LIST_TABLES',
      'GET_FUNCTION',
      'LIST_FUNCTIONS',
      'GRANT_PRIVILEGE',
      'REVOKE_PRIVILEGE',
      'SHOW_PRIVILEGES',
      'UPDATE_TABLE',
      'ALTER_TABLE_DROP_COLUMNS',
      'ALTER_TABLE_CHANGE_COLUMN',
      'ALTER_TABLE_SET_PROPERTIES',
      'GET_TABLE',
      'DISPLAY_TABLE',
      'CREATE_PARTITION',
      'DROP_PARTITION',
      'UPDATE_PARTITION',
      'GET_PARTITION',
      'LIST_PARTITIONS',
      'ALTER_VIEW',
      'DATA_MIGRATION',
      'ALTER',
      'UPDATE',
      'DELETE',
    ]);
  });

  test('every privilege action is an action of policies/dli/actions.yaml', () => {
    const names = new Set(readPolicy('actions.yaml').actions!.map((a) => a.name));
    const missing = [...catalog.types.values()].flatMap((t) =>
      [...t.privileges.values()]
        .filter((p) => p.action && !names.has(p.action))
        .map((p) => p.action),
    );
    expect(missing).toEqual([]);
  });

  test('every object form parses to its own type', () => {
    const parsed = [...catalog.types.values()].map((t) => {
      const sample = t.object.replace(/\{(\w+)\}/g, '$1');
      return [t.type, parseDliObject(sample).type];
    });
    expect(parsed.filter(([type, got]) => type !== got)).toEqual([['view', 'table']]);
  });
});

describe('policies/dli/actions.yaml', () => {
  const actions = readPolicy('actions.yaml').actions!;

  test('has 109 actions, each spelled once', () => {
    expect(actions.length).toBe(109);
    expect(new Set(actions.map((a) => a.name)).size).toBe(109);
  });

  test('snake_case aliases are derived from the camelCase operation', () => {
    const table: [string, string[]][] = [
      ['dli:queue:submitJob', ['dli:queue:submit_job']],
      ['dli:table:dropTable', ['dli:table:drop_table']],
      ['dli:database:createTable', ['dli:database:create_table']],
      ['dli:column:select', []],
      [
        'dli:elasticresourcepool:resourceManagement',
        ['dli:elasticresourcepool:resource_management'],
      ],
      ['dli::operateAuth', []],
    ];
    for (const [name, aliases] of table) {
      expect(actions.find((a) => a.name === name)?.aliases).toEqual(aliases);
    }
    const wrong = actions.filter((a) => {
      const [, type, op] = a.name.split(':');
      const snake = `dli:${type}:${op!.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
      return a.aliases.length > 0 && a.aliases[0] !== snake;
    });
    expect(wrong).toEqual([]);
  });
});

describe('policies/dli/permissions.yaml', () => {
  test('the four DLI system permissions, all derived and project-scoped', () => {
    const permissions = readPolicy('permissions.yaml').permissions!;
    expect(permissions.map((p) => [p.name, p.kind, p.scope, p.catalog, p.internalNames])).toEqual([
      ['DLI FullAccess', 'policy', 'project', 'DLI', []],
      ['DLI ReadOnlyAccess', 'policy', 'project', 'DLI', []],
      ['DLI Service Admin', 'role', 'project', 'DLI', ['dli_admin']],
      ['DLI Service User', 'role', 'project', 'DLI', ['uquery_usr']],
    ]);
    expect(permissions.every((p) => p.derived !== undefined)).toBe(true);
    expect(permissions[0]!.description.en).toContain('Tenant Administrator');
  });
});

describe('loading and merging DLI sections', () => {
  test('a bad entry names its file, line and column', () => {
    const file = tempFile(
      'bad.yaml',
      [
        'dli:',
        '  objectTypes:',
        '    - type: queue',
        '      title: Queue',
        '      object: queues.{name}',
        '      iamResourceType: queue',
        '      source: test',
        '      privileges:',
        '        - { name: submit_job }',
        '',
      ].join('\n'),
    );
    let caught: unknown;
    try {
      loadDliCatalog([file]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PermgraphError);
    expect((caught as PermgraphError).code).toBe('E_CATALOG');
    expect((caught as PermgraphError).message).toBe(
      'invalid DLI catalog entry at dli.objectTypes[0].privileges[0].name: an upper-case privilege name',
    );
    expect((caught as PermgraphError).position).toMatchObject({ file, line: 9, column: 13 });
  });

  test('a later section corrects one privilege and keeps the others', () => {
    const override = parseDliCatalogSection({
      objectTypes: [
        {
          type: 'queue',
          title: 'Queue',
          object: 'queues.{name}',
          iamResourceType: 'queue',
          grantees: ['user', 'project'],
          source: 'a live account',
          privileges: [{ name: 'SUBMIT_JOB', action: 'dli:queue:submitJob' }],
        },
      ],
    });
    const builtin = parse(readFileSync(defaultDliCatalogFile, 'utf8')) as { dli: unknown };
    const merged = buildDliCatalog([parseDliCatalogSection(builtin.dli), override]);
    const queue = merged.types.get('queue')!;
    expect(queue.privileges.size).toBe(10);
    expect(queue.privileges.get('SUBMIT_JOB')!.grantees).toEqual(['user', 'project']);
    expect(queue.privileges.get('CANCEL_JOB')!.grantees).toEqual(['user']);
  });

  test('an unknown parent type is a catalog error at the type entry', () => {
    const text = [
      'dli:',
      '  objectTypes:',
      '    - type: column',
      '      title: Column',
      '      object: x',
      '      iamResourceType: column',
      '      parent: table',
      '      source: test',
      '      privileges: [{ name: SELECT }]',
      '',
    ].join('\n');
    const doc = parseSourceText(text, 'cat.yaml');
    const raw = {
      value: (doc.value as { dli: unknown }).dli,
      locate: (p: readonly (string | number)[]) => doc.locate(['dli', ...p]),
    };
    expect(() => dliCatalogFromSections([raw])).toThrow(
      'DLI object type column names an unknown parent type table',
    );
  });
});

describe('through the catalog loader', () => {
  test('policies/dli is read with the rest of the catalog', () => {
    const full = loadCatalog();
    expect(dliCatalogFromSections(full.dliSections).types.size).toBe(13);
    expect(full.findAction('dli:queue:submit_job')?.name).toBe('dli:queue:submitJob');
    expect(full.findPermission('DLI Service Admin')?.name).toBe('DLI Service Admin');
  });
});
