import { describe, expect, it } from 'vitest';
import { PermgraphError } from '../../src/errors.js';
import { parseSourceText } from '../../src/model/source.js';

function parseError(text: string, file: string): PermgraphError {
  try {
    parseSourceText(text, file);
  } catch (error) {
    if (error instanceof PermgraphError) return error;
    throw error;
  }
  throw new Error('expected a parse error');
}

describe('source positions', () => {
  it('locates YAML values by path, at the key of a mapping entry', () => {
    const doc = parseSourceText(
      'groups:\n  - name: dba\n    grants:\n      - permission: X\n',
      'm.yaml',
    );
    expect(doc.locate(['groups', 0, 'grants', 0, 'permission'])).toEqual({
      file: 'm.yaml',
      line: 4,
      column: 9,
      path: 'groups[0].grants[0].permission',
    });
    expect(doc.locate(['groups', 0])).toMatchObject({ line: 2, column: 5 });
  });

  it('locates JSON values by path, at the member key', () => {
    const doc = parseSourceText(
      '{\n  "Version": "1.1",\n  "Statement": [\n    {"Effect": "Allow"}\n  ]\n}',
      'p.json',
    );
    expect(doc.locate(['Statement', 0, 'Effect'])).toMatchObject({ line: 4, column: 6 });
    expect(doc.locate(['Version'])).toMatchObject({ line: 2, column: 3 });
  });

  it('falls back to the deepest existing node for a missing path', () => {
    const doc = parseSourceText('users:\n  - name: a\n', 'm.yaml');
    expect(doc.locate(['users', 0, 'groups'])).toMatchObject({ line: 2, column: 5 });
  });

  it('reports a YAML syntax error with line and column', () => {
    const error = parseError('users:\n  - name: a\n    groups: [x\n', 'bad.yaml');
    expect(error.code).toBe('E_PARSE');
    expect(error.position?.file).toBe('bad.yaml');
    expect(error.position?.line).toBeGreaterThanOrEqual(3);
    expect(error.message).toMatch(/^invalid YAML/);
  });

  it('rejects duplicate YAML keys', () => {
    const error = parseError('account: a\naccount: b\n', 'dup.yaml');
    expect(error.code).toBe('E_PARSE');
    expect(error.position).toMatchObject({ line: 2, column: 1 });
  });

  it('reports a JSON syntax error (trailing comma) with its position', () => {
    const error = parseError('{\n  "a": 1,\n}', 'bad.json');
    expect(error.code).toBe('E_PARSE');
    expect(error.position).toMatchObject({ file: 'bad.json', line: 3, column: 1 });
    expect(error.message).toBe('invalid JSON: property name expected');
  });

  it('reports an empty JSON file', () => {
    const error = parseError('', 'empty.json');
    expect(error.message).toBe('invalid JSON: value expected');
  });

  it('rejects a key given twice in a JSON object, at the second one', () => {
    // `"Effect"` twice: whichever a reader took, the other reading would decide differently.
    const text = '{"Statement": [{"Effect": "Deny",\n  "Action": ["rds:*:*"], "Effect": "Allow"}]}';
    const error = parseError(text, 'policy.json');
    expect(error.code).toBe('E_PARSE');
    expect(error.message).toBe('invalid JSON: duplicate key "Effect"');
    expect(error.position).toMatchObject({ file: 'policy.json', line: 2, column: 26 });
  });

  it('keeps __proto__ as an ordinary key in JSON and YAML', () => {
    const json = parseSourceText('{"c": {"__proto__": ["x"]}}', 'a.json').value as {
      c: object;
    };
    expect(Object.keys(json.c)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(json.c)).toBe(Object.prototype);
    const yaml = parseSourceText('c:\n  __proto__: [x]\n', 'a.yaml').value as { c: object };
    expect(Object.keys(yaml.c)).toEqual(['__proto__']);
  });

  it('refuses documents nested too deeply and YAML alias bombs with a parse error', () => {
    const deep = parseError(`${'['.repeat(3000)}${']'.repeat(3000)}`, 'deep.json');
    expect(deep.code).toBe('E_PARSE');
    expect(deep.message).toBe('invalid JSON: nested more than 256 levels deep');
    const aliases = Array.from({ length: 6 }, (_, i) =>
      i === 0
        ? 'a0: &a0 [x, x, x, x, x, x, x, x, x]'
        : `a${i}: &a${i} [${Array(9)
            .fill(`*a${i - 1}`)
            .join(', ')}]`,
    ).join('\n');
    const bomb = parseError(aliases, 'bomb.yaml');
    expect(bomb.code).toBe('E_PARSE');
    expect(bomb.message).toContain('invalid YAML: Excessive alias count');
  });
});
