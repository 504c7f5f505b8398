/**
 * What lint runs over, gathered from files: an account model (its files, custom policies and DLI
 * requests) and bare policy documents. The reading itself is done by the model and policy
 * readers; this module only decides what each path is and assembles the inputs, so the runner
 * stays free of I/O.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import { parseDliModelSection } from '../dli/model.js';
import type { DliObjectInventory } from '../dli/model.js';
import type { DliRequest } from '../dli/request.js';
import { PermgraphError } from '../errors.js';
import {
  listModelFiles,
  readModelFiles,
  validateModelFile,
  type LoadedFile,
} from '../model/load.js';
import { policyDocumentSource, resolveModel } from '../model/resolve.js';
import { readSourceFile, type DocPath, type SourceDocument } from '../model/source.js';
import type { AccountModel } from '../model/types.js';
import {
  parsePolicyDocument,
  unwrapPolicyDocument,
  validatePolicyDocument,
  type LocatedValue,
} from '../policy/parse.js';
import type { PolicyInput } from './rule.js';

/** The model part of lint's input. */
export interface LintModelInput {
  model: AccountModel;
  /** The model files as parsed, to locate paths below a known position. */
  sources: SourceDocument[];
  /** The custom policies, with their raw documents for positions and validation. */
  policies: PolicyInput[];
  dli: { requests: DliRequest[]; objects: DliObjectInventory | undefined } | undefined;
}

/** Everything one lint run looks at. */
export interface LintInput {
  catalog: Catalog;
  model?: LintModelInput | undefined;
  documents: PolicyInput[];
}

/** How to read a policy document that was found at `basePath` inside `source`. */
export interface PolicyInputOptions {
  target: string;
  name: string;
  origin: 'custom' | 'file';
  basePath?: DocPath;
  type?: 'AX' | 'XA' | undefined;
}

/** Validates and (when valid) parses one document; never throws for a bad document. */
export function policyInput(
  source: LocatedValue & { file: string },
  options: PolicyInputOptions,
): PolicyInput {
  const basePath = options.basePath ?? [];
  const problems = validatePolicyDocument(source, basePath);
  const document = problems.length === 0 ? parsePolicyDocument(source, basePath) : undefined;

  return { ...options, file: source.file, source, basePath, document, problems };
}

/** A bare policy file: the document itself, or one inside an IAM API wrapper. */
export function policyFileInput(source: SourceDocument): PolicyInput {
  const found = unwrapPolicyDocument(source.value);

  return policyInput(source, {
    target: source.file,
    name: source.file,
    origin: 'file',
    basePath: found?.path ?? [],
  });
}

/** Resolves validated model files for lint: invalid custom policies become findings, not errors. */
export function modelInput(files: LoadedFile[], catalog: Catalog): LintModelInput {
  const model = resolveModel(files, catalog, { tolerateInvalidPolicies: true });
  const policies = files.flatMap((file) =>
    file.data.policies.map((p, i) =>
      policyInput(policyDocumentSource(file, i), {
        target: `policy:${p.name}`,
        name: p.name,
        origin: 'custom',
        type: p.type,
      }),
    ),
  );

  return { model, sources: files.map((f) => f.source), policies, dli: dliInput(files) };
}

function dliInput(files: LoadedFile[]): LintModelInput['dli'] {
  const sections = files.filter((f) => f.data.dli !== undefined);
  if (sections.length === 0) return undefined;
  const parsed = sections.map((f) => parseDliModelSection(f.data.dli, f.source));
  const objects = parsed.map((p) => p.objects).find((o) => o !== undefined);

  return { requests: parsed.flatMap((p) => p.requests), objects };
}

/** Whether a parsed JSON file is a policy document (or wraps one) rather than a model file. */
export function isPolicyFile(source: SourceDocument): boolean {
  return /\.json$/i.test(source.file) && unwrapPolicyDocument(source.value) !== undefined;
}

/**
 * Reads the paths given on the command line: YAML files are model files, JSON files holding a
 * policy document are bare documents, other JSON files are model files; a directory's files are
 * classified the same way. All
 * model files are merged into one model, with `extraModelFiles` (an imported model, say).
 */
export function readLintInputs(
  paths: readonly string[],
  catalog: Catalog,
  extraModelFiles: readonly LoadedFile[] = [],
): LintInput {
  const modelFiles: LoadedFile[] = [...extraModelFiles];
  const documents: PolicyInput[] = [];
  // A directory contributes its own files (not subfolders), each classified like a path given.
  const files = paths.flatMap((path) =>
    isDirectory(path) ? listModelFiles(path).filter((f) => !isLintConfig(f)) : [path],
  );
  for (const file of files) {
    if (!/\.json$/i.test(file)) {
      modelFiles.push(...readModelFiles(file));
      continue;
    }
    const source = readSourceFile(file);
    if (isPolicyFile(source)) documents.push(policyFileInput(source));
    else modelFiles.push(validateModelFile(source));
  }
  const model = modelFiles.length > 0 ? modelInput(modelFiles, catalog) : undefined;

  return { catalog, model, documents };
}

/** `.permgraph.yaml` sits beside the model files but is lint's configuration, not a model file. */
function isLintConfig(file: string): boolean {
  return /^\.permgraph\.ya?ml$/i.test(basename(file));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    throw new PermgraphError('E_READ', `cannot read ${path} (no such file or directory)`, {
      hint: 'pass a model file or directory, or policy documents (*.json)',
    });
  }
}
