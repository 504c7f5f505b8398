/**
 * The text form of a `what-can` answer: per scope, per service, one line per access level with
 * the patterns (and single actions) that are allowed, then conditional and denied actions.
 */
import type {
  WhatCanLevel,
  WhatCanPattern,
  WhatCanResult,
  WhatCanService,
} from '../engine/what-can.js';
import { noStyle, printLines, type Style } from './style.js';

const LEVEL_WIDTH = 'permissions'.length;

/** Renders a `what-can` result as text. */
export function formatWhatCanText(result: WhatCanResult, style: Style = noStyle): string {
  const lines = [
    style.bold(`what can ${result.principal} do`),
    style.dim(`catalog ${result.catalog.version} (${result.catalog.date})`),
  ];
  for (const scope of result.scopes) {
    lines.push('', style.bold(scope.scope));
    if (scope.services.length === 0) lines.push(style.dim('  nothing'));
    for (const service of scope.services) lines.push(...serviceLines(service, style));
  }
  if (result.uncatalogued.length > 0) {
    lines.push('', style.bold('outside the catalog (not evaluated; as written)'));
    for (const u of result.uncatalogued)
      lines.push(`  ${u.statement}  ${style.dim(`${u.permission} on ${u.scope}`)}`);
  }
  return printLines(lines, style);
}

function serviceLines(service: WhatCanService, style: Style): string[] {
  const count = (pick: (l: WhatCanLevel) => number) =>
    service.levels.reduce((n, l) => n + pick(l), 0);
  const allowed = count((l) => l.allowed.reduce((n, p) => n + p.actions.length, 0));
  const conditional = count((l) => l.conditional.length);
  const denied = count((l) => l.denied.length);
  const totals = [
    `${allowed} allowed`,
    conditional ? `${conditional} conditional` : '',
    denied ? `${denied} denied` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return [
    `  ${style.cyan(service.service)}  ${style.dim(`(${totals})`)}`,
    ...service.levels.flatMap((l) => levelLines(l, style)),
  ];
}

function levelLines(level: WhatCanLevel, style: Style): string[] {
  const label = level.access.padEnd(LEVEL_WIDTH);
  const lines: string[] = [];
  if (level.allowed.length > 0)
    lines.push(`    ${label}  ${level.allowed.map(describePattern).join(', ')}`);
  for (const c of level.conditional) {
    lines.push(
      `    ${label}  ${style.yellow(`${c.action} if ${c.unknownKeys.join(', ') || 'conditions hold'}`)}`,
    );
  }
  for (const d of level.denied) {
    lines.push(
      `    ${label}  ${style.red(`${d.action} denied`)} ${style.dim(`by ${d.by.join(', ')}`)}`,
    );
  }
  return lines;
}

function describePattern(entry: WhatCanPattern): string {
  // A pattern with one action at this level reads better as that action.
  if (entry.actions.length === 1) return entry.actions[0] ?? entry.pattern;
  const except = entry.except.length > 0 ? ` except ${entry.except.join(', ')}` : '';
  return `${entry.pattern} (${entry.actions.length} actions${except})`;
}
