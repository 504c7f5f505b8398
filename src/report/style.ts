/**
 * Colour for text reports: on only when the output is a terminal and NO_COLOR is not set.
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
}

const plain: Style = { bold: id, dim: id, green: id, red: id, yellow: id, cyan: id };

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
  return { bold: c.bold, dim: c.dim, green: c.green, red: c.red, yellow: c.yellow, cyan: c.cyan };
}

/** The plain style, for tests and files. */
export const noStyle = plain;
