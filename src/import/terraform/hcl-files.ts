/**
 * Reading a directory of `.tf` files with `@cdktf/hcl2json`, which returns each block's body
 * as JSON but loses line numbers: the lines of blocks and of their attributes are found in
 * the text here, so findings point at the `.tf` file and line.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { PermgraphError } from '../../errors.js';
import type { SourcePosition } from '../../model/source.js';
import { readText } from '../json.js';

/** A `resource`, `data`, `variable`, `locals`, `provider` or `module` block. */
export interface HclBlock {
  kind: string;
  labels: string[];
  body: Record<string, unknown>;
  file: string;
  line: number;
  /** The lines of the block's file, for finding attribute lines. */
  lines: readonly string[];
}

/** Every block of the `.tf` files of `dir`, files in name order. */
export async function readHclDirectory(dir: string): Promise<HclBlock[]> {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.tf'))
    .sort();
  if (files.length === 0) throw new PermgraphError('E_READ', `no .tf files in ${dir}`);
  const blocks: HclBlock[] = [];
  for (const name of files) blocks.push(...(await readHclFile(join(dir, name))));

  return blocks;
}

/** Parses one `.tf` file into its blocks. */
export async function readHclFile(file: string): Promise<HclBlock[]> {
  const text = readText(file);
  const json = await parseHcl(file, text);
  const lines = text.split('\n');
  const blocks: HclBlock[] = [];
  for (const [kind, content] of Object.entries(json)) {
    const depth =
      kind === 'resource' || kind === 'data'
        ? 2
        : kind === 'locals' || kind === 'terraform'
          ? 0
          : 1;
    for (const { labels, body } of flatten(content, depth)) {
      blocks.push({ kind, labels, body, file, line: blockLine(lines, kind, labels), lines });
    }
  }

  return blocks;
}

/** Parses HCL text (a `.tf` or `.tfvars` file) to hcl2json's JSON. */
export async function parseHcl(file: string, text: string): Promise<Record<string, unknown>> {
  try {
    return (await parse(file, text)) as Record<string, unknown>;
  } catch (cause) {
    const message = String((cause as Error).message ?? cause).split('\n')[0] ?? '';
    // hcl2json says `parse config: [FILE:LINE,COL-COL: summary; detail]`: the position moves
    // into the error's position, the words stay.
    const at = /:(\d+),(\d+)(?:-\d+)?: ([^\]]*)\]?$/.exec(message);
    const position = { file, line: at ? Number(at[1]) : 1, column: at ? Number(at[2]) : 1 };
    throw new PermgraphError('E_PARSE', `invalid HCL: ${at ? (at[3] as string) : message}`, {
      position,
    });
  }
}

function flatten(
  content: unknown,
  depth: number,
  labels: string[] = [],
): { labels: string[]; body: Record<string, unknown> }[] {
  if (depth === 0) {
    const bodies = Array.isArray(content) ? content : [content];
    return bodies.map((body) => ({ labels, body: body as Record<string, unknown> }));
  }
  return Object.entries(content as Record<string, unknown>).flatMap(([label, inner]) =>
    flatten(inner, depth - 1, [...labels, label]),
  );
}

function blockLine(lines: readonly string[], kind: string, labels: string[]): number {
  const quoted = labels.map((l) => `\\s+"?${escape(l)}"?`).join('');
  const pattern = new RegExp(`^\\s*${kind}${quoted}\\s*\\{`);
  const index = lines.findIndex((line) => pattern.test(line));
  return index + 1 || 1;
}

/** Where `attribute = …` is written inside the block, or the block's own line. */
export function attributeLine(block: HclBlock, attribute: string): SourcePosition {
  const start = block.line - 1;
  const pattern = new RegExp(`^(\\s*)${escape(attribute)}\\s*=`);
  for (let i = start + 1; i < block.lines.length; i++) {
    const line = block.lines[i] as string;
    if (/^(resource|data|variable|locals|output|module|provider|terraform)\b/.test(line)) break;
    const match = pattern.exec(line);
    if (match)
      return {
        file: block.file,
        line: i + 1,
        column: (match[1] as string).length + 1,
        path: `${address(block)}.${attribute}`,
      };
  }
  return blockPosition(block);
}

/** A heredoc's text as written in a `.tf` file, and where its first line is. */
export interface HeredocText {
  text: string;
  /** The file line of the heredoc's first text line. */
  line: number;
  /** Columns `<<-` stripped from every line. */
  indent: number;
}

/**
 * The heredoc an attribute is written as (`policy = <<EOT` … `EOT`), so a JSON document inside
 * it can be located line by line; undefined when the attribute is written another way.
 */
export function attributeHeredoc(block: HclBlock, attribute: string): HeredocText | undefined {
  const at = attributeLine(block, attribute);
  if (at.path === blockPosition(block).path) return undefined;
  const opener = /=\s*<<(-?)([A-Za-z_][\w-]*)\s*$/.exec(block.lines[at.line - 1] ?? '');
  if (!opener) return undefined;
  const body: string[] = [];
  for (let i = at.line; i < block.lines.length; i++) {
    const line = (block.lines[i] as string).replace(/\r$/, '');
    if (line.trim() === opener[2]) {
      const indent = opener[1] === '-' ? commonIndent(body) : 0;
      const text = body.map((l) => l.slice(indent)).join('\n');
      return { text: `${text}\n`, line: at.line + 1, indent };
    }
    body.push(line);
  }
  return undefined;
}

function commonIndent(lines: readonly string[]): number {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)?.[0].length ?? 0);
  return indents.length === 0 ? 0 : Math.min(...indents);
}

/** The block's own position, its address as the path. */
export function blockPosition(block: HclBlock): SourcePosition {
  const column = (/^\s*/.exec(block.lines[block.line - 1] ?? '')?.[0].length ?? 0) + 1;
  return { file: block.file, line: block.line, column, path: address(block) };
}

function address(block: HclBlock): string {
  return [block.kind === 'data' ? 'data' : '', ...block.labels].filter(Boolean).join('.');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
