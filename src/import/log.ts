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

  constructor(private readonly partial: boolean = false) {}

  /** Malformed or failed input: an error, or with `--partial` a warning and the item skipped. */
  skip(code: ErrorCode, message: string, position?: SourcePosition, hint?: string): void {
    if (!this.partial) {
      throw new PermgraphError(code, message, {
        ...(position ? { position } : {}),
        hint: hint ?? 'fix the input, or pass --partial to import the rest and skip this item',
      });
    }
    this.warnings.push({ kind: 'skipped', message, position });
  }

  /** A value the input does not fix (unknown until apply, or known only to the cloud). */
  unknown(message: string, position?: SourcePosition): void {
    this.warnings.push({ kind: 'unknown', message, position });
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
      this.warnings.push({ kind: 'skipped', message: error.message, position: error.position });
    }
  }
}
