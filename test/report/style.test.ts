import { describe, expect, it } from 'vitest';
import { escapeControl, noStyle, printLines, styleFor } from '../../src/report/style.js';

describe('escapeControl', () => {
  it('writes control characters as JSON does', () => {
    expect(escapeControl('a\nb\r\tc\u001b[2Jd\u0000e\u007ff\u009bg')).toBe(
      'a\\nb\\r\\tc\\u001b[2Jd\\u0000e\\u007ff\\u009bg',
    );
  });

  it('escapes the line separators and bidi overrides too', () => {
    expect(escapeControl('x\u2028y\u202ez\u2066')).toBe('x\\u2028y\\u202ez\\u2066');
  });

  it('leaves ordinary text, arrows and backslashes alone', () => {
    expect(escapeControl('group:dba → statement 1 (Allow) C:\\policies ✔')).toBe(
      'group:dba → statement 1 (Allow) C:\\policies ✔',
    );
  });
});

describe('printLines', () => {
  it('plain: escapes every control character in each line, one line per entry', () => {
    expect(printLines(['ok', 'user:evil\u001b[31m\nALLOWED'], noStyle)).toBe(
      'ok\nuser:evil\\u001b[31m\\nALLOWED\n',
    );
  });

  it('coloured: keeps its own colour codes and escapes the rest', () => {
    const style = styleFor({ isTTY: true }, {});
    const line = `${style.green('allowed')} evil\u001b[2J\u001b[1A\nALLOWED`;
    expect(printLines([line], style)).toBe(
      '\u001b[32mallowed\u001b[39m evil\\u001b[2J\\u001b[1A\\nALLOWED\n',
    );
  });
});
