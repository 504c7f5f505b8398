/**
 * Colour for text reports: on only when the output is a terminal and NO_COLOR is not set; and
 * the one place where a report's lines are made safe to print.
 */
import pc from 'picocolors';

/** The colour functions a text formatter uses; identity functions when colour is off. */
export interface Style {
  bold: (s: string) => string;
  dim: (s: string) => string;
  green: (s: string) => string;
  red: (s: string) => string;
  yellow: (s: string) => string;
  cyan: (s: string) => string;
  /** A rendered line with control characters escaped, except this style's own colour codes. */
  printable: (line: string) => string;
}

const plain: Style = {
  bold: id,
  dim: id,
  green: id,
  red: id,
  yellow: id,
  cyan: id,
  printable: escapeControl,
};

function id(s: string): string {
  return s;
}

/** Chooses colour or plain text for a stream. */
export function styleFor(
  stream: { isTTY?: boolean } | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Style {
  const wanted = stream?.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  if (!wanted) return plain;
  const c = pc.createColors(true);
  return {
    bold: c.bold,
    dim: c.dim,
    green: c.green,
    red: c.red,
    yellow: c.yellow,
    cyan: c.cyan,
    printable: escapeKeepingColour,
  };
}

/** The plain style, for tests and files. */
export const noStyle = plain;

/**
 * C0 and C1 control characters, DEL, the Unicode line and paragraph separators and the bidi
 * overrides: what lets a name start a new line, move the cursor or reorder what is shown.
 */
const controls = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const shortEscapes: Record<string, string> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/**
 * `text` with its control characters written as JSON writes them (`\n`, `\u001b`), so a user
 * or group named `evil\u001b[31m\nALLOWED …` in a hostile model cannot fake lines of a report.
 */
export function escapeControl(text: string): string {
  return text.replace(
    controls,
    (c) => shortEscapes[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The SGR codes the coloured style writes (bold, dim, red, green, yellow, cyan, resets). */
const colourCodes = /(\u001b\[(?:1|2|22|31|32|33|36|39)m)/;

// Known shortcoming: in a terminal, a name that itself holds one of these six colour codes is
// shown coloured instead of escaped, since a finished line no longer tells its codes from ours.
// Line breaks, cursor movement and every other control character are still escaped.
function escapeKeepingColour(line: string): string {
  return line
    .split(colourCodes)
    .map((part, i) => (i % 2 === 1 ? part : escapeControl(part)))
    .join('');
}

/** Joins a report's lines, each made printable, with a final newline: how text reports end. */
export function printLines(lines: readonly string[], style: Style): string {
  return `${lines.map((line) => style.printable(line)).join('\n')}\n`;
}
