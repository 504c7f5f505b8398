/**
 * Wildcard matching for action patterns, resource patterns and string conditions. Patterns come
 * from user documents, so they are never turned into regular expressions: a backtracking regex
 * engine can take exponential time on `*a*a*a*…b`. The matcher below is the two-pointer glob
 * walk, which remembers only the last `*` and is O(pattern × text) in the worst case.
 */

/** How a pattern is read: whether `?` is a wildcard, and whether case is ignored. */
export interface GlobOptions {
  /** `?` matches exactly one character (v5.0); otherwise it is a literal `?`. */
  singleChar: boolean;
  ignoreCase: boolean;
}

/** A pattern prepared once and tested against many strings. */
export interface GlobMatcher {
  readonly source: string;
  /** True when the pattern has no wildcard: it matches only itself. */
  readonly literal: boolean;
  test(text: string): boolean;
}

const STAR = '*';
const ANY = '?';

/** Whether `pattern` contains a wildcard under the given options. */
export function hasWildcard(pattern: string, singleChar: boolean): boolean {
  return pattern.includes(STAR) || (singleChar && pattern.includes(ANY));
}

/** Prepares `pattern` for repeated matching. */
export function compileGlob(pattern: string, options: GlobOptions): GlobMatcher {
  const folded = options.ignoreCase ? pattern.toLowerCase() : pattern;
  const fold = (text: string): string => (options.ignoreCase ? text.toLowerCase() : text);
  if (folded === STAR) return { source: pattern, literal: false, test: () => true };
  if (!hasWildcard(folded, options.singleChar)) {
    return { source: pattern, literal: true, test: (text) => fold(text) === folded };
  }
  const chars = Array.from(folded);

  return {
    source: pattern,
    literal: false,
    test: (text) => walk(chars, Array.from(fold(text)), options.singleChar),
  };
}

/** One-off match; prefer `compileGlob` when a pattern is tested many times. */
export function globMatch(pattern: string, text: string, options: GlobOptions): boolean {
  return compileGlob(pattern, options).test(text);
}

/**
 * The two-pointer walk. On a mismatch after a `*`, the star absorbs one more character of the
 * text and matching resumes just after the star; earlier stars never need revisiting, because
 * the later star can absorb anything an earlier one could.
 */
function walk(pattern: readonly string[], text: readonly string[], singleChar: boolean): boolean {
  let p = 0;
  let t = 0;
  let starAt = -1;
  let resumeText = 0;
  while (t < text.length) {
    const c = pattern[p];
    if (c === STAR) {
      starAt = p++;
      resumeText = t;
    } else if (c !== undefined && (c === text[t] || (singleChar && c === ANY))) {
      p++;
      t++;
    } else if (starAt >= 0) {
      p = starAt + 1;
      t = ++resumeText;
    } else {
      return false;
    }
  }
  while (pattern[p] === STAR) p++;

  return p === pattern.length;
}
