/**
 * Compresses a set of actions back into patterns a reviewer reads at a glance: when every
 * catalog action a pattern covers is in the set, the pattern stands for them (`rds:*:*` for a
 * whole service, `rds:backup:*` for a resource type, or the granting statement's own pattern);
 * what no pattern covers is listed one by one.
 */
import type { CatalogAction } from '../catalog/catalog.js';
import { compileActionPattern, matchAction } from '../policy/pattern.js';

/** A pattern and the actions of the set it stands for (a single action is its own pattern). */
export interface CompressedEntry {
  pattern: string;
  actions: CatalogAction[];
  /** Actions the pattern covers that are not in the set: a few at most, plus tolerated ones. */
  except: CatalogAction[];
}

/** What to compress, and against which universe. */
export interface CompressionInput {
  /** The actions to describe. */
  actions: readonly CatalogAction[];
  /** Every catalog action the patterns are judged against (usually one service's). */
  universe: readonly CatalogAction[];
  /** Patterns worth trying besides the structural `svc:*:*` and `svc:type:*`. */
  candidates?: readonly string[];
  /**
   * Actions a pattern may cover without counting against it (explicitly denied ones, which the
   * reader sees listed anyway); they are still named in the entry's `except`.
   */
  tolerated?: ReadonlySet<string>;
}

/**
 * Picks patterns greedily, the one covering most of the set first (ties by pattern text, so the
 * output is stable); each action belongs to the first pattern that covers it. A pattern may
 * leave out a few of the actions it covers (at most one in eight, and eight in all): they are
 * named as exceptions, which reads better than fifty actions listed one by one.
 */
export function compressActions(input: CompressionInput): CompressedEntry[] {
  const wanted = new Set(input.actions.map((a) => a.name));
  const tolerated = input.tolerated ?? new Set<string>();
  const usable = candidatePatterns(input)
    .map((pattern) => split(pattern, input.universe, wanted, tolerated))
    .filter(
      ({ covered, untolerated }) =>
        covered.length > 1 && untolerated <= Math.min(8, covered.length / 8),
    )
    .sort(
      (a, b) =>
        b.covered.length - a.covered.length ||
        a.untolerated - b.untolerated ||
        compareText(a.pattern, b.pattern),
    );
  const taken = new Set<string>();
  const entries: CompressedEntry[] = [];
  for (const { pattern, covered, except } of usable) {
    const fresh = covered.filter((a) => !taken.has(a.name));
    if (fresh.length < 2) continue;
    for (const action of fresh) taken.add(action.name);
    entries.push({ pattern, actions: fresh, except });
  }
  const singles = input.actions.filter((a) => !taken.has(a.name));
  return [...entries, ...singles.map((a) => ({ pattern: a.name, actions: [a], except: [] }))];
}

function split(
  pattern: string,
  universe: readonly CatalogAction[],
  wanted: ReadonlySet<string>,
  tolerated: ReadonlySet<string>,
) {
  const all = coveredBy(pattern, universe);
  const covered = all.filter((a) => wanted.has(a.name));
  const except = all.filter((a) => !wanted.has(a.name));
  const untolerated = except.filter((a) => !tolerated.has(a.name)).length;
  return { pattern, covered, except, untolerated };
}

/** The structural patterns (a whole service, a resource type, an operation on every type). */
function candidatePatterns(input: CompressionInput): string[] {
  const structural = input.actions.flatMap((a) => [
    `${a.service}:*:*`,
    `${a.service}:${a.resourceType}:*`,
    `${a.service}:*:${a.operation}`,
  ]);
  return [...new Set([...structural, ...(input.candidates ?? [])])];
}

const matchers = new Map<string, ReturnType<typeof compileActionPattern>>();

/** The actions of the universe a pattern matches (`?` is a wildcard only in 5.0 patterns). */
export function coveredBy(pattern: string, universe: readonly CatalogAction[]): CatalogAction[] {
  let matcher = matchers.get(pattern);
  if (!matcher) {
    matcher = compileActionPattern(pattern, pattern.includes('?') ? '5.0' : '1.1');
    matchers.set(pattern, matcher);
  }
  const compiled = matcher;
  return universe.filter((a) => matchAction(compiled, a.name));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
