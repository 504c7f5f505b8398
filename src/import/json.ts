/**
 * Reading JSON inputs for import. Strict by default, as `parseJson` in the model reader; with
 * `--partial`, a file with syntax slips (the IAM documentation's own examples have missing and
 * trailing commas and `//` comments) is read as far as it can be, each slip a warning.
 */
import { readFileSync } from 'node:fs';
import * as jsonc from 'jsonc-parser';
import { PermgraphError } from '../errors.js';
import { formatDocPath, jsonTreeValue, parseJson, type SourceDocument } from '../model/source.js';
import type { ImportLog } from './log.js';

/** Reads a JSON file; syntax errors stop the import unless the log is partial. */
export function readJsonInput(file: string, log: ImportLog, partial: boolean): SourceDocument {
  const text = readText(file);
  if (!partial) return parseJson(text, file);
  const errors: jsonc.ParseError[] = [];
  const root = jsonc.parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const starts = lineStarts(text);
  for (const error of errors) {
    const at = lineColumn(starts, error.offset);
    log.skip('E_PARSE', `invalid JSON: ${jsonc.printParseErrorCode(error.error)} (read past it)`, {
      file,
      ...at,
    });
  }
  if (!root)
    throw new PermgraphError('E_PARSE', 'invalid JSON: nothing could be read', {
      position: { file, line: 1, column: 1 },
    });

  return {
    file,
    value: jsonTreeValue(root, file, starts),
    locate(path) {
      let node = root;
      for (const part of path) {
        const next = jsonc.findNodeAtLocation(node, [part]);
        if (!next) break;
        node = next;
      }
      const key =
        node.parent?.type === 'property' && node.parent.children?.[1] === node
          ? node.parent.children[0]
          : undefined;
      return { file, ...lineColumn(starts, (key ?? node).offset), path: formatDocPath(path) };
    },
  };
}

/** Reads a text file, naming it in the error when it cannot be read. */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new PermgraphError('E_READ', `cannot read ${file} (${reason})`);
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineColumn(starts: number[], offset: number): { line: number; column: number } {
  let line = 0;
  while (line + 1 < starts.length && (starts[line + 1] as number) <= offset) line++;
  return { line: line + 1, column: offset - (starts[line] as number) + 1 };
}
