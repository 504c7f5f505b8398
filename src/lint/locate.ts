/**
 * Positions below a known one: a finding about the third operation of an intent points at that
 * operation, not at the intent. Positions carry their JSON path as text (`intents[0]`); this
 * module reads it back and asks the file's parsed source for the deeper path.
 */
import type { DocPath, SourceDocument, SourcePosition } from '../model/source.js';

const token = /^(?:\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;

/** Reads `groups[0].grants[1]` or `["a b"].c` back into path segments. */
export function parseDocPath(text: string): DocPath {
  const path: (string | number)[] = [];
  let rest = text;
  while (rest.length > 0) {
    const match = token.exec(rest);
    if (!match) break;
    if (match[1] !== undefined) path.push(match[1]);
    else if (match[2] !== undefined) path.push(Number(match[2]));
    else path.push(JSON.parse(match[3] ?? '""') as string);
    rest = rest.slice(match[0].length);
  }

  return path;
}

/** A function that locates `path` below `position` in one of the given parsed files. */
export function sublocator(
  sources: readonly SourceDocument[],
): (position: SourcePosition, path: DocPath) => SourcePosition {
  const byFile = new Map(sources.map((s) => [s.file, s]));

  return (position, path) => {
    const source = byFile.get(position.file);
    if (!source || position.path === undefined) return position;

    return source.locate([...parseDocPath(position.path), ...path]);
  };
}
