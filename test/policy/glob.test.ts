import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compileGlob, globMatch, hasWildcard } from '../../src/policy/glob.js';

const exact = { singleChar: true, ignoreCase: false };
const starOnly = { singleChar: false, ignoreCase: false };

/** The obvious recursive definition, exponential but fine on short inputs. */
function reference(pattern: string[], text: string[], singleChar: boolean): boolean {
  const [p, ...restP] = pattern;
  if (p === undefined) return text.length === 0;
  if (p === '*')
    return (
      reference(restP, text, singleChar) ||
      (text.length > 0 && reference(pattern, text.slice(1), singleChar))
    );
  const [t, ...restT] = text;
  if (t === undefined) return false;

  return (p === t || (singleChar && p === '?')) && reference(restP, restT, singleChar);
}

describe('globMatch', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything', true],
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['a*c', 'abbbc', true],
    ['a*c', 'abbbd', false],
    ['*get*', 'listgetter', true],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['**', 'x', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXcYb', false],
  ])('%s against %s → %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text, exact)).toBe(expected);
  });

  it('reads ? literally when single-character wildcards are off', () => {
    expect(globMatch('a?c', 'abc', starOnly)).toBe(false);
    expect(globMatch('a?c', 'a?c', starOnly)).toBe(true);
  });

  it('counts ? as one code point, not one UTF-16 unit', () => {
    expect(globMatch('a?c', 'a😀c', exact)).toBe(true);
  });

  it('ignores case when asked', () => {
    expect(globMatch('GET*', 'getServer', { singleChar: false, ignoreCase: true })).toBe(true);
    expect(globMatch('GET*', 'getServer', starOnly)).toBe(false);
  });

  it('finishes a pathological pattern without exponential backtracking', () => {
    const text = 'a'.repeat(5000);
    expect(globMatch('*a*a*a*a*a*a*a*a*b', text, exact)).toBe(false);
    expect(globMatch('*a*a*a*a*a*a*a*a*a', text, exact)).toBe(true);
  });

  it('marks patterns without wildcards as literal', () => {
    expect(compileGlob('getServer', exact).literal).toBe(true);
    expect(compileGlob('get*', exact).literal).toBe(false);
    expect(hasWildcard('a?b', false)).toBe(false);
    expect(hasWildcard('a?b', true)).toBe(true);
  });
});

describe('globMatch properties', () => {
  const alphabet = fc.constantFrom('a', 'b', '*', '?');
  const patterns = fc.array(alphabet, { maxLength: 8 }).map((cs) => cs.join(''));
  const texts = fc
    .array(fc.constantFrom('a', 'b', '?', '*'), { maxLength: 10 })
    .map((cs) => cs.join(''));

  it('agrees with the recursive reference, with and without ?', () => {
    fc.assert(
      fc.property(patterns, texts, fc.boolean(), (pattern, text, singleChar) => {
        const expected = reference([...pattern], [...text], singleChar);
        expect(globMatch(pattern, text, { singleChar, ignoreCase: false })).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('a pattern without wildcards matches exactly itself', () => {
    const plain = fc.string({ unit: fc.constantFrom('a', 'B', 'c', '-', '.'), maxLength: 12 });
    fc.assert(
      fc.property(plain, plain, (pattern, text) => {
        expect(globMatch(pattern, text, exact)).toBe(pattern === text);
      }),
    );
  });
});
