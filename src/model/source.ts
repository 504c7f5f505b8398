/**
 * Reading YAML and JSON while keeping where every value came from. Every object permgraph
 * reports on (a grant, a statement, a DLI request) can then point at its file, line and column.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, type Node } from 'yaml';
import * as jsonc from 'jsonc-parser';
import { PermgraphError } from '../errors.js';

/** A place in an input file; line and column start at 1. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
  /** JSON path inside the file (`groups[0].grants[1]`), when known. */
  path?: string;
}

/** A path into a parsed document: object keys and array indexes. */
export type DocPath = readonly (string | number)[];

/** A parsed file: its plain value and a way to find the position of any path inside it. */
export interface SourceDocument {
  file: string;
  value: unknown;
  locate(path: DocPath): SourcePosition;
}

/** Renders a path as `a.b[0].c`, the form used in messages and SARIF. */
export function formatDocPath(path: DocPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** Reads and parses a file by its extension (`.json` strictly as JSON, otherwise YAML). */
export function readSourceFile(file: string): SourceDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new PermgraphError('E_READ', `cannot read ${file} (${reason})`, {
      hint: 'check the path given with -m/--model or on the command line',
    });
  }
  return parseSourceText(text, file);
}

/** Parses text as JSON when the name ends in `.json`, otherwise as YAML. */
export function parseSourceText(text: string, file: string): SourceDocument {
  return file.toLowerCase().endsWith('.json') ? parseJson(text, file) : parseYaml(text, file);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function offsetToLineColumn(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

/** Parses strict JSON (no comments, no trailing commas) with positions. */
export function parseJson(text: string, file: string): SourceDocument {
  const errors: jsonc.ParseError[] = [];
  const root = guardDepth(file, () =>
    jsonc.parseTree(text, errors, { allowTrailingComma: false, disallowComments: true }),
  );
  const starts = lineStarts(text);
  const first = errors[0];
  if (first || !root) {
    const at = offsetToLineColumn(starts, first?.offset ?? 0);
    const what = first ? jsonc.printParseErrorCode(first.error) : 'EmptyDocument';
    throw new PermgraphError('E_PARSE', `invalid JSON: ${describeJsonError(what)}`, {
      position: { file, ...at },
      hint: 'the file must be strict JSON: double-quoted keys and strings, no comments, no trailing commas',
    });
  }
  const value = jsonTreeValue(root, file, starts);
  return {
    file,
    value,
    locate(path) {
      const node = deepestJsonNode(root, path);
      return { file, ...offsetToLineColumn(starts, node.offset), path: formatDocPath(path) };
    },
  };
}

/** Runs a parser; a document nested deep enough to exhaust the stack is an input error. */
function guardDepth<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new PermgraphError('E_PARSE', 'the document is nested too deeply to read', {
      position: { file, line: 1, column: 1 },
      hint: 'no permgraph input nests more than a few levels; check the file is the one meant',
    });
  }
}

/** Deeper than this, a document is refused rather than read (it is no policy or model). */
const maxDepth = 256;

/**
 * The plain value of a parsed JSON tree. A key given twice is an error: parsers disagree on
 * which one wins, and a policy whose `Effect` is read as the second of two would allow what the
 * first denies. `__proto__` is kept as an ordinary key, never as the object's prototype.
 */
export function jsonTreeValue(root: jsonc.Node, file: string, starts: number[]): unknown {
  const fail = (node: jsonc.Node, message: string, hint: string): never => {
    throw new PermgraphError('E_PARSE', `invalid JSON: ${message}`, {
      position: { file, ...offsetToLineColumn(starts, node.offset) },
      hint,
    });
  };
  const convert = (node: jsonc.Node, depth: number): unknown => {
    if (depth > maxDepth)
      fail(node, `nested more than ${maxDepth} levels deep`, 'no permgraph input nests this deep');
    if (node.type === 'array') return (node.children ?? []).map((c) => convert(c, depth + 1));
    if (node.type !== 'object') return node.value as unknown;
    const object: Record<string, unknown> = {};
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode) continue;
      const key = String(keyNode.value);
      if (Object.prototype.hasOwnProperty.call(object, key))
        fail(keyNode, `duplicate key "${key}"`, 'give each key once in an object');
      const value = valueNode ? convert(valueNode, depth + 1) : undefined;
      Object.defineProperty(object, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return object;
  };
  return convert(root, 0);
}

function describeJsonError(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words === 'empty document' ? 'the file is empty' : words;
}

function deepestJsonNode(root: jsonc.Node, path: DocPath): jsonc.Node {
  let node = root;
  for (const part of path) {
    const next = jsonc.findNodeAtLocation(node, [part]);
    if (!next) break;
    node = next;
  }
  // A member's key is where a reader's eye goes first.
  const parent = node.parent;
  if (parent?.type === 'property' && parent.children?.[1] === node)
    return parent.children[0] ?? node;
  return node;
}

/** Parses YAML (one document) with positions. */
export function parseYaml(text: string, file: string): SourceDocument {
  const lineCounter = new LineCounter();
  const doc = guardDepth(file, () =>
    parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true }),
  );
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    const message = first.message.split('\n')[0] ?? first.message;
    throw new PermgraphError('E_PARSE', `invalid YAML: ${message}`, {
      position: { file, line: pos.line, column: pos.col },
      hint: 'check indentation and quoting near this line',
    });
  }
  let value: unknown;
  try {
    value = guardDepth(file, () => doc.toJS({ maxAliasCount: 100 }) as unknown);
  } catch (error) {
    if (error instanceof PermgraphError) throw error;
    // The yaml library refuses documents whose aliases expand without bound ("billion laughs").
    throw new PermgraphError('E_PARSE', `invalid YAML: ${(error as Error).message}`, {
      position: { file, line: 1, column: 1 },
      hint: 'use fewer aliases (*name): no permgraph input needs to repeat a node that often',
    });
  }
  return {
    file,
    value,
    locate(path) {
      const node = deepestYamlNode(doc.contents as Node | null, path);
      const offset = node?.range?.[0] ?? 0;
      const pos = lineCounter.linePos(offset);
      return { file, line: pos.line, column: pos.col, path: formatDocPath(path) };
    },
  };
}

function deepestYamlNode(root: Node | null, path: DocPath): Node | null {
  let node: Node | null = root;
  let keyNode: Node | null = null;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(part),
      );
      if (!pair) break;
      keyNode = isScalar(pair.key) ? pair.key : null;
      node = (pair.value as Node | null) ?? keyNode;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part] as Node | undefined;
      if (!item) break;
      keyNode = null;
      node = item;
    } else {
      break;
    }
  }
  // A mapping value's key is where the reader's eye goes; a sequence item is its own start.
  return keyNode ?? node;
}
