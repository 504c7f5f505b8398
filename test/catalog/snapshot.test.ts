/**
 * The built-in catalog's snapshot (dist/catalog-snapshot.json) must give the catalog the YAML
 * files give, positions included, and must never stand for files that changed.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  builtinCatalogDirectory,
  catalogFromFiles,
  listYamlFiles,
  loadCatalogFrom,
  writeBuiltinSnapshot,
} from '../../src/catalog/load.js';
import { filesFromSnapshot } from '../../src/catalog/snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'permgraph-snapshot-'));
const snapshot = join(dir, 'catalog-snapshot.json');
writeBuiltinSnapshot(snapshot);
const builtinFiles = listYamlFiles(builtinCatalogDirectory);

/** The catalog's content as plain data, positions included, for comparison. */
function contentOf(catalog: ReturnType<typeof loadCatalogFrom>) {
  return {
    info: catalog.info,
    services: [...catalog.services.values()],
    actions: catalog.actions,
    permissions: [...catalog.permissions.values()],
    operations: [...catalog.operations.values()],
    dli: catalog.dliSections.map((s) => ({ file: s.file, value: s.value })),
  };
}

describe('catalog snapshot', () => {
  it('gives the catalog the YAML files give, with the same positions', () => {
    const files = filesFromSnapshot(snapshot, builtinCatalogDirectory, builtinFiles);
    expect(files?.length).toBe(builtinFiles.length);
    const fromSnapshot = catalogFromFiles(files ?? [], [builtinCatalogDirectory]);
    const fromYaml = loadCatalogFrom([builtinCatalogDirectory]);
    expect(contentOf(fromSnapshot)).toEqual(contentOf(fromYaml));
    expect(fromSnapshot.actions.length).toBeGreaterThan(200);
  });

  it('locates a path it did not record by parsing the file then', () => {
    const files = filesFromSnapshot(snapshot, builtinCatalogDirectory, builtinFiles) ?? [];
    const file = files.find((f) => f.source.file.endsWith('dli/privileges.yaml'));
    const section = catalogFromFiles(files, [builtinCatalogDirectory]).dliSections.find(
      (s) => s.file === file?.source.file,
    );
    const text = readFileSync(file?.source.file ?? '', 'utf8').split('\n');
    const line = text.findIndex((l) => /^dli:/.test(l)) + 1;
    expect(line).toBeGreaterThan(0);
    expect(section?.locate([])).toMatchObject({ line, column: 1 });
  });

  it('stands for a copy of the files, and not once one of them is edited', () => {
    const copy = join(dir, 'policies');
    cpSync(builtinCatalogDirectory, copy, { recursive: true });
    const copied = listYamlFiles(copy);
    expect(filesFromSnapshot(snapshot, copy, copied)?.length).toBe(copied.length);
    const rds = join(copy, 'rds', 'actions.yaml');
    writeFileSync(rds, `${readFileSync(rds, 'utf8')}\n# edited\n`);
    expect(filesFromSnapshot(snapshot, copy, copied)).toBeUndefined();
  });

  it('does not stand for a directory with a file added or removed, or a broken snapshot', () => {
    expect(filesFromSnapshot(snapshot, builtinCatalogDirectory, builtinFiles.slice(1))).toBe(
      undefined,
    );
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"format": 1, "files": [');
    expect(filesFromSnapshot(broken, builtinCatalogDirectory, builtinFiles)).toBeUndefined();
  });
});
