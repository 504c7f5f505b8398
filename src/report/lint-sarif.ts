/**
 * SARIF 2.1.0 for GitHub code scanning: one run, rule metadata with `security-severity`, results
 * with locations relative to the working directory (`%SRCROOT%`), `partialFingerprints` that
 * survive line moves, related locations, and explanation paths as code flows. Suppressed and
 * baselined findings are kept, marked with a SARIF suppression.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SourcePosition } from '../model/source.js';
import type { Finding, FindingLocation, Level, LintResult, RuleMeta } from '../lint/types.js';

const sarifLevel: Readonly<Record<Level, 'error' | 'warning' | 'note'>> = {
  error: 'error',
  security: 'error',
  warning: 'warning',
  suggestion: 'note',
};

/** `security-severity` when a rule does not set its own (GitHub: ≥ 7 high, ≥ 4 medium). */
const defaultSeverity: Readonly<Record<Level, number>> = {
  error: 5.0,
  security: 7.0,
  warning: 3.0,
  suggestion: 1.0,
};

/** Where rule help pages live, for `helpUri`. */
export const rulesHelpBase = 'https://github.com/permgraph/permgraph/blob/main/docs/rules/';

/** Renders a lint result as a SARIF 2.1.0 log. */
export function formatLintSarif(result: LintResult): string {
  const ruleIndex = new Map(result.rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: result.tool.name,
            version: result.tool.version,
            semanticVersion: result.tool.version,
            informationUri: 'https://github.com/permgraph/permgraph',
            rules: result.rules.map(ruleDescriptor),
          },
        },
        columnKind: 'unicodeCodePoints',
        results: result.findings.map((f) => sarifResult(f, ruleIndex.get(f.ruleId) ?? -1)),
        properties: { catalog: result.catalog },
      },
    ],
  };

  return `${JSON.stringify(log, null, 2)}\n`;
}

function ruleDescriptor(rule: RuleMeta): Record<string, unknown> {
  const tags = [rule.category, ...(rule.level === 'security' ? ['security'] : [])];

  return {
    id: rule.id,
    name: rule.id
      .split(/[/-]/)
      .map((w) => (w[0] ?? '').toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.help },
    help: {
      text: rule.help,
      markdown: `${rule.help}\n\nSee [${rule.id}](${rulesHelpBase}${rule.id}.md).`,
    },
    helpUri: `${rulesHelpBase}${rule.id}.md`,
    defaultConfiguration: { level: sarifLevel[rule.level] },
    properties: {
      tags,
      precision: 'high',
      'security-severity': (rule.securitySeverity ?? defaultSeverity[rule.level]).toFixed(1),
      'permgraph-level': rule.level,
    },
  };
}

function sarifResult(f: Finding, ruleIndex: number): Record<string, unknown> {
  const text = f.fix ? `${f.message}. Fix: ${f.fix}` : f.message;
  const out: Record<string, unknown> = {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel[f.level],
    message: { text },
    locations: [physical({ file: f.file, line: f.line, column: f.column })],
    partialFingerprints: { 'permgraph/v1': f.fingerprint },
    properties: { 'permgraph-level': f.level, target: f.target, messageId: f.messageId },
  };
  const related = f.related.filter((r) => r.position);
  if (related.length > 0)
    out.relatedLocations = related.map((r, i) => ({
      id: i + 1,
      ...physical(r.position),
      message: { text: r.message },
    }));
  if (f.flow.length > 0) out.codeFlows = [codeFlow(f.flow)];
  if (f.status !== 'active') {
    const justification =
      f.status === 'suppressed'
        ? (f.suppression?.reason ?? 'suppressed')
        : 'accepted in the lint baseline';
    out.suppressions = [{ kind: 'external', status: 'accepted', justification }];
  }

  return out;
}

function codeFlow(flow: readonly FindingLocation[]): Record<string, unknown> {
  return {
    threadFlows: [
      {
        locations: flow.map((step, i) => ({
          executionOrder: i + 1,
          location: {
            ...(step.position ? physical(step.position) : {}),
            message: { text: step.message },
          },
        })),
      },
    ],
  };
}

function physical(position: Pick<SourcePosition, 'file' | 'line' | 'column'> | undefined) {
  if (!position) return {};

  return {
    physicalLocation: {
      artifactLocation: artifact(position.file),
      region: { startLine: Math.max(1, position.line), startColumn: Math.max(1, position.column) },
    },
  };
}

/** A relative path under `%SRCROOT%`, or a file URI for a file outside the working directory. */
function artifact(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };

  return { uri: encodeURI(file.split('\\').join('/')), uriBaseId: '%SRCROOT%' };
}
