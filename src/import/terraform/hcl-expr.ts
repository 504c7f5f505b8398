/**
 * HCL expressions as `@cdktf/hcl2json` leaves them: every non-literal attribute becomes a string
 * `"${…}"` holding the expression's source text. This parses that text (templates, literals,
 * references, operators, conditionals, function calls, `for` and splat expressions) into a
 * small tree the evaluator walks. Heredocs and template directives (`%{…}`) are not parsed:
 * they become `unsupported` nodes, which evaluate to unknown values.
 */

/** A parsed expression. */
export type Expr =
  | { k: 'lit'; v: unknown }
  | { k: 'tmpl'; parts: (string | Expr)[] }
  | { k: 'name'; name: string }
  | { k: 'get'; obj: Expr; attr: string }
  | { k: 'index'; obj: Expr; key: Expr }
  | { k: 'splat'; obj: Expr; each: Expr }
  | { k: 'item' }
  | { k: 'call'; fn: string; args: Expr[] }
  | { k: 'tuple'; items: Expr[] }
  | { k: 'object'; items: [Expr, Expr][] }
  | { k: 'unary'; op: string; x: Expr }
  | { k: 'bin'; op: string; l: Expr; r: Expr }
  | { k: 'cond'; c: Expr; t: Expr; f: Expr }
  | {
      k: 'for';
      keyVar?: string;
      valVar: string;
      coll: Expr;
      key?: Expr;
      val: Expr;
      cond?: Expr;
      object: boolean;
    }
  | { k: 'unsupported'; what: string };

/** A syntax error in an expression. */
export class HclSyntaxError extends Error {}

const BINARY: readonly (readonly string[])[] = [
  ['||'],
  ['&&'],
  ['==', '!='],
  ['<', '>', '<=', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];
const PUNCT = [
  '...',
  '=>',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '${',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '.',
  ':',
  '?',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '!',
];

/** Parses an attribute string from hcl2json: a template, or one `${expr}` as its value. */
export function parseTemplate(text: string): Expr {
  const parser = new Parser(text, 0);
  const parts = parser.templateUntil(undefined);
  if (parts.length === 1 && typeof parts[0] !== 'string') return parts[0] as Expr;
  if (parts.every((p) => typeof p === 'string')) return { k: 'lit', v: parts.join('') };

  return { k: 'tmpl', parts };
}

class Parser {
  constructor(
    private readonly src: string,
    private pos: number,
  ) {}

  /** Reads template text until `end` (a closing quote) or the end of the source. */
  templateUntil(end: '"' | undefined): (string | Expr)[] {
    const parts: (string | Expr)[] = [];
    let text = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos] as string;
      if (end && ch === end) break;
      if (this.src.startsWith('$${', this.pos) || this.src.startsWith('%%{', this.pos)) {
        text += this.src.slice(this.pos + 1, this.pos + 3);
        this.pos += 3;
      } else if (this.src.startsWith('${', this.pos)) {
        if (text) parts.push(text);
        text = '';
        this.pos += 2;
        parts.push(this.expression());
        this.expect('}');
      } else if (this.src.startsWith('%{', this.pos)) {
        throw new HclSyntaxError('template directives (%{…}) are not evaluated');
      } else if (end && ch === '\\') {
        text += unescape(this.src[this.pos + 1] ?? '');
        this.pos += 2;
      } else {
        text += ch;
        this.pos++;
      }
    }
    if (text) parts.push(text);
    return parts;
  }

  expression(): Expr {
    const c = this.binary(0);
    if (!this.eat('?')) return c;
    const t = this.expression();
    this.expect(':');
    return { k: 'cond', c, t, f: this.expression() };
  }

  private binary(level: number): Expr {
    if (level >= BINARY.length) return this.unary();
    let l = this.binary(level + 1);
    for (
      let op = this.peekOp(BINARY[level] as readonly string[]);
      op;
      op = this.peekOp(BINARY[level] as readonly string[])
    ) {
      this.pos += op.length;
      l = { k: 'bin', op, l, r: this.binary(level + 1) };
    }
    return l;
  }

  private unary(): Expr {
    this.skip();
    if (this.peekOp(['!', '-'])) {
      const op = this.src[this.pos++] as string;
      return { k: 'unary', op, x: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(base: Expr): Expr {
    let expr = base;
    for (;;) {
      this.skip();
      if (this.src.startsWith('...', this.pos)) return expr;
      if (this.src.startsWith('.*', this.pos) || this.src.startsWith('[*]', this.pos)) {
        this.pos += this.src[this.pos] === '.' ? 2 : 3;
        return { k: 'splat', obj: expr, each: this.postfix({ k: 'item' }) };
      }
      if (this.eat('.')) {
        const attr = this.identOrNumber();
        expr = /^\d+$/.test(attr)
          ? { k: 'index', obj: expr, key: { k: 'lit', v: Number(attr) } }
          : { k: 'get', obj: expr, attr };
      } else if (this.peek('[')) {
        this.pos++;
        expr = { k: 'index', obj: expr, key: this.expression() };
        this.expect(']');
      } else {
        return expr;
      }
    }
  }

  private primary(): Expr {
    this.skip();
    const ch = this.src[this.pos];
    if (ch === undefined) throw new HclSyntaxError('unexpected end of expression');
    if (ch === '"') {
      this.pos++;
      const parts = this.templateUntil('"');
      this.expect('"');
      return parts.every((p) => typeof p === 'string')
        ? { k: 'lit', v: parts.join('') }
        : { k: 'tmpl', parts };
    }
    if (/[0-9]/.test(ch)) return { k: 'lit', v: this.number() };
    if (this.eat('(')) {
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (this.eat('['))
      return this.peekWord('for') ? this.forExpr(false) : { k: 'tuple', items: this.list(']') };
    if (this.eat('{')) return this.peekWord('for') ? this.forExpr(true) : this.object();
    if (this.src.startsWith('<<', this.pos))
      return { k: 'unsupported', what: 'a heredoc inside an expression' };
    return this.nameOrCall();
  }

  private nameOrCall(): Expr {
    const name = this.ident();
    if (name === 'true' || name === 'false') return { k: 'lit', v: name === 'true' };
    if (name === 'null') return { k: 'lit', v: null };
    this.skip();
    if (this.src.startsWith('::', this.pos)) {
      this.pos += 2;
      return this.nameOrCall();
    }
    if (!this.eat('(')) return { k: 'name', name };
    const args = this.list(')');
    return { k: 'call', fn: name, args };
  }

  private list(close: string): Expr[] {
    const items: Expr[] = [];
    while (!this.eat(close)) {
      items.push(this.expression());
      this.eat('...');
      if (!this.eat(',') && !this.peek(close))
        throw new HclSyntaxError(`expected "," or "${close}"`);
    }
    return items;
  }

  private object(): Expr {
    const items: [Expr, Expr][] = [];
    while (!this.eat('}')) {
      this.skip();
      const key: Expr =
        this.peek('"') || this.peek('(') ? this.primary() : { k: 'lit', v: this.ident() };
      if (!this.eat('=') && !this.eat(':')) throw new HclSyntaxError('expected "=" in an object');
      items.push([key, this.expression()]);
      this.eat(',');
    }
    return { k: 'object', items };
  }

  private forExpr(object: boolean): Expr {
    this.ident();
    const first = this.ident();
    const second = this.eat(',') ? this.ident() : undefined;
    if (this.ident() !== 'in') throw new HclSyntaxError('expected "in" in a for expression');
    const coll = this.expression();
    this.expect(':');
    const key = object ? this.expression() : undefined;
    if (object) this.expect('=>');
    const val = this.expression();
    this.eat('...');
    const cond = this.peekWord('if') ? (this.ident(), this.expression()) : undefined;
    this.expect(object ? '}' : ']');
    const vars = second === undefined ? { valVar: first } : { keyVar: first, valVar: second };
    return {
      k: 'for',
      ...vars,
      coll,
      val,
      object,
      ...(key ? { key } : {}),
      ...(cond ? { cond } : {}),
    };
  }

  private number(): number {
    const match = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(
      this.src.slice(this.pos),
    ) as RegExpExecArray;
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private ident(): string {
    this.skip();
    const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.src.slice(this.pos));
    if (!match)
      throw new HclSyntaxError(`expected a name at "${this.src.slice(this.pos, this.pos + 12)}"`);
    this.pos += match[0].length;
    return match[0];
  }

  private identOrNumber(): string {
    this.skip();
    const digits = /^[0-9]+/.exec(this.src.slice(this.pos));
    if (!digits) return this.ident();
    this.pos += digits[0].length;
    return digits[0];
  }

  private skip(): void {
    for (;;) {
      const rest = this.src.slice(this.pos);
      const match = /^(\s+|#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(rest);
      if (!match) return;
      this.pos += match[0].length;
    }
  }

  private peek(token: string): boolean {
    this.skip();
    return this.src.startsWith(token, this.pos);
  }

  private peekWord(word: string): boolean {
    this.skip();
    return new RegExp(`^${word}\\b`).test(this.src.slice(this.pos));
  }

  /** The longest operator of `ops` at the cursor (not the start of a longer punctuation). */
  private peekOp(ops: readonly string[]): string | undefined {
    this.skip();
    const token = PUNCT.find((p) => this.src.startsWith(p, this.pos));
    return token !== undefined && ops.includes(token) ? token : undefined;
  }

  private eat(token: string): boolean {
    if (!this.peek(token)) return false;
    this.pos += token.length;
    return true;
  }

  private expect(token: string): void {
    if (!this.eat(token))
      throw new HclSyntaxError(
        `expected "${token}" at "${this.src.slice(this.pos, this.pos + 12)}"`,
      );
  }
}

function unescape(ch: string): string {
  return ({ n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' } as Record<string, string>)[ch] ?? ch;
}
