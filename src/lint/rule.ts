/**
 * The shape of a lint rule: its metadata, an options schema with defaults, and a check that
 * reports structured findings. Three kinds, by what the check needs: one policy document, the
 * whole account model, or the lint configuration itself.
 */
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import type { DliCatalog } from '../dli/catalog.js';
import type { DliObjectInventory } from '../dli/model.js';
import type { DliReplayResult } from '../dli/replay.js';
import type { DliRequest } from '../dli/request.js';
import type { Evaluator } from '../engine/evaluator.js';
import type { DocPath, SourcePosition } from '../model/source.js';
import type { AccountModel } from '../model/types.js';
import type { LocatedValue, PolicyProblem } from '../policy/parse.js';
import type { PolicyDocument } from '../policy/types.js';
import type { Report, RuleMeta } from './types.js';

/** A policy document to lint: a custom policy of the model, or a bare `*.json` file. */
export interface PolicyInput {
  /** `policy:<name>` for a custom policy, the file path for a bare document. */
  target: string;
  name: string;
  origin: 'custom' | 'file';
  file: string;
  /** The value holding the document and a way to locate paths in it. */
  source: LocatedValue;
  /** Where the document sits inside `source` (inside an API wrapper, for instance). */
  basePath: DocPath;
  /** The normalised document; undefined when it does not validate. */
  document: PolicyDocument | undefined;
  problems: PolicyProblem[];
  /** Custom policies: `AX` (global services) or `XA` (project-level services), when stated. */
  type?: 'AX' | 'XA' | undefined;
}

/** A report from a document rule: a path inside the document instead of a full position. */
export type DocumentReport = Omit<Report, 'target' | 'position'> & {
  path?: DocPath;
  position?: SourcePosition;
};

/** What a document rule sees. */
export interface DocumentContext<O> {
  catalog: Catalog;
  policy: PolicyInput;
  /** The document (empty when invalid; only rules with `acceptsInvalid` then run). */
  document: PolicyDocument;
  options: O;
  /** The position of a path relative to the document root. */
  locate(path: DocPath): SourcePosition;
  report(report: DocumentReport): void;
}

/** The DLI requests of the model, replayed once for every DLI rule. */
export interface DliLintState {
  catalog: DliCatalog;
  requests: DliRequest[];
  objects: DliObjectInventory | undefined;
  replay: DliReplayResult;
}

/** What a model rule sees. */
export interface ModelContext<O> {
  catalog: Catalog;
  model: AccountModel;
  evaluator: Evaluator;
  dli: DliLintState | undefined;
  options: O;
  /** "Today", for conditions on `g:CurrentTime`; fixed by tests. */
  now: Date;
  /** Where displayed file paths are relative to. */
  baseDir: string | undefined;
  /** The position of `path` below an object whose position is known (`['operations', 2]`). */
  locate(position: SourcePosition, path: DocPath): SourcePosition;
  /** Computes a value once per run and shares it between rules. */
  memo<T>(key: string, compute: () => T): T;
  report(report: Report): void;
}

/** A suppression of the configuration, as the config rules see it. */
export interface SuppressionState {
  rule: string;
  target?: string | undefined;
  reason: string;
  expires?: string | undefined;
  expired: boolean;
  position: SourcePosition;
}

/** What a configuration rule sees. */
export interface ConfigContext<O> {
  suppressions: readonly SuppressionState[];
  options: O;
  now: Date;
  report(report: Report): void;
}

interface RuleBase<O> {
  meta: RuleMeta;
  /** A strict zod object with defaults; `{}` must parse. */
  options: z.ZodType<O>;
}

/** A rule over one policy document. */
export interface DocumentRule<O = unknown> extends RuleBase<O> {
  kind: 'document';
  /** Also runs on documents that do not validate (only `policy/invalid-document` does). */
  acceptsInvalid?: boolean;
  check(context: DocumentContext<O>): void;
}

/** A rule over the whole account model. */
export interface ModelRule<O = unknown> extends RuleBase<O> {
  kind: 'model';
  check(context: ModelContext<O>): void;
}

/** A rule over the lint configuration. */
export interface ConfigRule<O = unknown> extends RuleBase<O> {
  kind: 'config';
  check(context: ConfigContext<O>): void;
}

/** Any rule. */
export type Rule = DocumentRule<unknown> | ModelRule<unknown> | ConfigRule<unknown>;

/** The options schema of a rule without options. */
export const noOptions = z.strictObject({});

/** Declares a document rule, keeping its options type. */
export function documentRule<O>(rule: Omit<DocumentRule<O>, 'kind'>): DocumentRule<O> {
  return { kind: 'document', ...rule };
}

/** Declares a model rule, keeping its options type. */
export function modelRule<O>(rule: Omit<ModelRule<O>, 'kind'>): ModelRule<O> {
  return { kind: 'model', ...rule };
}

/** Declares a configuration rule. */
export function configRule<O>(rule: Omit<ConfigRule<O>, 'kind'>): ConfigRule<O> {
  return { kind: 'config', ...rule };
}
