/**
 * What an import could not use, and what it could not know. Malformed input stops the import
 * (exit 2, with file and JSON path) unless `--partial` asks to skip it with a warning; values
 * that are known only after `terraform apply` or only to the cloud never stop it: they are
 * reported, and everything that is known is still imported.
 */
import { PermgraphError, type ErrorCode } from '../errors.js';
import type { LoadedFile } from '../model/load.js';
import type { SourcePosition } from '../model/source.js';

/** One line for stderr: what was skipped or left unknown, and where. */
export interface ImportWarning {
  kind: 'skipped' | 'unknown';
  message: string;
  position?: SourcePosition | undefined;
}

/** An imported model (locating its paths in the original input) and the import's warnings. */
export interface ImportResult {
  file: LoadedFile;
  warnings: ImportWarning[];
}

/** Options every importer takes. */
export interface ImportOptions {
  /** Import what is valid and warn about each skipped item instead of failing. */
  partial?: boolean;
}

/** Collects warnings, or throws for malformed input when the import is not partial. */
export class ImportLog {
  readonly warnings: ImportWarning[] = [];

  /**
   * `withPaths`: append each position's JSON path to the message (IAM API exports, whose
   * messages do not otherwise say which item of a response they are about).
   */
  constructor(
    private readonly partial: boolean = false,
    private readonly withPaths: boolean = false,
  ) {}

  /** Malformed or failed input: an error, or with `--partial` a warning and the item skipped. */
  skip(code: ErrorCode, message: string, position?: SourcePosition, hint?: string): void {
    const text = this.described(message, position);
    if (!this.partial) {
      throw new PermgraphError(code, text, {
        ...(position ? { position } : {}),
        hint: hint ?? 'fix the input, or pass --partial to import the rest and skip this item',
      });
    }
    this.warnings.push({ kind: 'skipped', message: text, position });
  }

  /** A value the input does not fix (unknown until apply, or known only to the cloud). */
  unknown(message: string, position?: SourcePosition): void {
    this.warnings.push({ kind: 'unknown', message: this.described(message, position), position });
  }

  /**
   * Runs `work`; an input error it throws is turned into a skip, so one bad item does not
   * hide the rest when the import is partial.
   */
  attempt(work: () => void): void {
    try {
      work();
    } catch (error) {
      if (!(error instanceof PermgraphError) || !this.partial) throw error;
      const message = this.described(error.message, error.position);
      this.warnings.push({ kind: 'skipped', message, position: error.position });
    }
  }

  private described(message: string, position: SourcePosition | undefined): string {
    return this.withPaths ? withPath(message, position) : message;
  }
}

/**
 * The message with the JSON path (or Terraform address) of its position appended, unless it
 * already names it: `file:line:column` finds the line, the path says which item it is.
 */
function withPath(message: string, position: SourcePosition | undefined): string {
  const path = position?.path;
  if (path === undefined || path === '' || message.includes(path)) return message;

  return `${message} (at ${path})`;
}
