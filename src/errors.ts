/**
 * Expected failures. Every error permgraph raises on purpose is a PermgraphError with a stable
 * code, so the CLI can map it to exit code 2 and print it without a stack trace.
 */
import { isAbsolute, relative, sep } from 'node:path';
import type { SourcePosition } from './model/source.js';

/** Stable error codes; tests and scripts match on these, never on message text. */
export type ErrorCode =
  | 'E_READ'
  | 'E_PARSE'
  | 'E_SCHEMA'
  | 'E_REFERENCE'
  | 'E_UNKNOWN_ACTION'
  | 'E_UNKNOWN_PRINCIPAL'
  | 'E_USAGE'
  | 'E_CATALOG'
  | 'E_POLICY'
  | 'E_DLI';

/** An input or usage error: says what happened, where, and the likely fix. */
export class PermgraphError extends Error {
  readonly code: ErrorCode;
  readonly position: SourcePosition | undefined;
  readonly hint: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { position?: SourcePosition; hint?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PermgraphError';
    this.code = code;
    this.position = options.position;
    this.hint = options.hint;
  }
}

/**
 * Formats a position as `file:line:column`, the form editors and CI annotations understand;
 * with `baseDir`, the file is shown relative to it (output must not depend on the machine).
 */
export function formatPosition(position: SourcePosition | undefined, baseDir?: string): string {
  if (!position) return '';
  return `${displayPath(position.file, baseDir)}:${position.line}:${position.column}`;
}

/** A file path relative to `baseDir` when it lies below it, else as given. */
export function displayPath(file: string, baseDir: string | undefined): string {
  if (baseDir === undefined || !isAbsolute(file)) return file;
  const rel = relative(baseDir, file);
  return rel === '' ? file : rel.split(sep).join('/');
}

/** A deep copy of `value` with every source position's file made relative to `baseDir`. */
export function relativizePositions<T>(value: T, baseDir: string): T {
  if (Array.isArray(value)) return value.map((v: unknown) => relativizePositions(v, baseDir)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) out[key] = relativizePositions(child, baseDir);
  if (
    typeof out.file === 'string' &&
    typeof out.line === 'number' &&
    typeof out.column === 'number'
  ) {
    out.file = displayPath(out.file, baseDir);
  }
  return out as T;
}

/** Renders an error as the one or two lines the CLI prints. */
export function describeError(error: PermgraphError, baseDir?: string): string {
  const where = formatPosition(error.position, baseDir);
  const head = where ? `${where}: ${error.message}` : error.message;
  return error.hint ? `${head}\n  hint: ${error.hint}` : head;
}
