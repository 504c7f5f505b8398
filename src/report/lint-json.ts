/**
 * The JSON form of a lint result: a fixed field order, findings sorted as the runner sorts them,
 * the tool and catalog versions. Scripts may rely on these fields.
 */
import type { Finding, LintResult } from '../lint/types.js';

/** Renders a lint result as JSON with a stable field list. */
export function formatLintJson(result: LintResult): string {
  const value = {
    tool: result.tool,
    catalog: result.catalog,
    summary: result.summary,
    files: result.files,
    findings: result.findings.map(findingJson),
    rules: result.rules.map((r) => ({
      id: r.id,
      level: r.level,
      category: r.category,
      description: r.description,
    })),
  };

  return `${JSON.stringify(value, null, 2)}\n`;
}

function findingJson(f: Finding): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    level: f.level,
    status: f.status,
    file: f.file,
    line: f.line,
    column: f.column,
    path: f.path ?? null,
    target: f.target,
    messageId: f.messageId,
    message: f.message,
    fix: f.fix ?? null,
    data: sortKeys(f.data),
    fingerprint: f.fingerprint,
    suppression: f.suppression ?? null,
    related: f.related,
    flow: f.flow,
  };
}

function sortKeys<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) as T;
}
