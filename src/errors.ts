/**
 * Expected failures. Every error permgraph raises on purpose is a PermgraphError with a stable
 * code, so the CLI can map it to exit code 2 and print it without a stack trace.
 */
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

/** Formats a position as `file:line:column`, the form editors and CI annotations understand. */
export function formatPosition(position: SourcePosition | undefined): string {
  if (!position) return '';
  return `${position.file}:${position.line}:${position.column}`;
}

/** Renders an error as the one or two lines the CLI prints. */
export function describeError(error: PermgraphError): string {
  const where = formatPosition(error.position);
  const head = where ? `${where}: ${error.message}` : error.message;
  return error.hint ? `${head}\n  hint: ${error.hint}` : head;
}
