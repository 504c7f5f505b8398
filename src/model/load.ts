/**
 * Loads an account model from a file or a directory (its `*.yaml|*.yml|*.json` files, merged),
 * validating each file with the zod schema and pointing errors at file:line:column.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import { PermgraphError } from '../errors.js';
import { modelFileSchema, type ModelFile } from './schema.js';
import { resolveModel } from './resolve.js';
import { parseSourceText, readSourceFile, type SourceDocument } from './source.js';
import type { AccountModel } from './types.js';

/** A validated model file and the source it was read from. */
export interface LoadedFile {
  source: SourceDocument;
  data: ModelFile;
}

/** Reads, validates, merges and resolves a model at `path` (file or directory). */
export function loadModel(path: string, catalog: Catalog): AccountModel {
  return resolveModel(readModelFiles(path), catalog);
}

/** Parses model text (as if read from `file`) and resolves it; for tests and library users. */
export function loadModelText(text: string, file: string, catalog: Catalog): AccountModel {
  return resolveModel([validateModelFile(parseSourceText(text, file))], catalog);
}

/** Lists and validates the model files at a path, in a stable order. */
export function readModelFiles(path: string): LoadedFile[] {
  return listModelFiles(path).map((file) => validateModelFile(readSourceFile(file)));
}

/**
 * A directory contributes its own files only, not its subdirectories: custom policy documents
 * referenced with `file:` usually live in a subfolder and are not model files.
 */
export function listModelFiles(path: string): string[] {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new PermgraphError('E_READ', `cannot read model ${path} (no such file or directory)`, {
      hint: 'pass the model with -m/--model, or run where permgraph.yaml or permgraph/ exists',
    });
  }
  if (!isDirectory) return [path];
  const files = readdirSync(path)
    .filter((name) => /\.(ya?ml|json)$/i.test(name))
    .sort()
    .map((name) => join(path, name))
    .filter((file) => statSync(file).isFile());
  if (files.length === 0) {
    throw new PermgraphError('E_READ', `no model files (*.yaml, *.yml, *.json) in ${path}`);
  }
  return files;
}

/** Checks one parsed file against the model schema. */
export function validateModelFile(source: SourceDocument): LoadedFile {
  const value = source.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new PermgraphError(
      'E_SCHEMA',
      'a model file must be a mapping with keys such as users, groups, policies',
      {
        position: source.locate([]),
      },
    );
  }
  const result = modelFileSchema.safeParse(value);
  if (!result.success) throw zodError(source, result.error);
  return { source, data: result.data };
}

function zodError(source: SourceDocument, error: z.ZodError): PermgraphError {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol');
  const position = source.locate(path);
  const where = path.length > 0 ? `${position.path}: ` : '';
  return new PermgraphError('E_SCHEMA', `${where}${describeIssue(issue)}`, {
    position,
    hint: 'run `permgraph schema model` for the model format',
  });
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'invalid model';
  if (issue.code === 'unrecognized_keys')
    return `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}
