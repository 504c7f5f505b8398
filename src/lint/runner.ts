/**
 * The lint runner: runs every enabled rule over the inputs, then renders, fingerprints,
 * suppresses, baselines and sorts the findings. It reads no files and prints nothing.
 */
import { dliCatalogFromSections } from '../dli/catalog.js';
import { replayRequests } from '../dli/replay.js';
import { Evaluator } from '../engine/evaluator.js';
import { displayPath, relativizePositions } from '../errors.js';
import { buildGraph } from '../graph/build.js';
import type { SourcePosition } from '../model/source.js';
import { noProgress, type Progress } from '../progress.js';
import { VERSION } from '../version.js';
import { applyBaseline, fingerprintOf, type Baseline } from './baseline.js';
import { defaultLintConfig, type LintConfig } from './config.js';
import type { LintInput, LintModelInput } from './inputs.js';
import { sublocator } from './locate.js';
import { renderTemplate } from './message.js';
import { allRules } from './registry.js';
import type { DliLintState, DocumentReport, PolicyInput, Rule } from './rule.js';
import { findSuppression, suppressionStates } from './suppress.js';
import type { Finding, Level, LintResult, LintSummary, LintedFile, Report } from './types.js';

/** How to run lint. */
export interface LintOptions {
  config?: LintConfig | undefined;
  baseline?: Baseline | undefined;
  /** Today; decides suppression expiry and `g:CurrentTime`. */
  now?: Date | undefined;
  /** Files in the result are shown relative to this directory. */
  baseDir?: string | undefined;
  /** The rules to run; every registered rule by default. */
  rules?: readonly Rule[] | undefined;
  /** Told each document and model rule as it is done. */
  progress?: Progress | undefined;
}

/** A rule with its configured level and validated options. */
interface Configured {
  rule: Rule;
  level: Level;
  options: unknown;
}

interface RawFinding {
  configured: Configured;
  report: Report;
}

/** One run's mutable state. */
class Run {
  readonly raw: RawFinding[] = [];
  readonly files = new Map<string, { kind: LintedFile['kind']; rules: Set<string> }>();

  ran(file: string, kind: LintedFile['kind'], ruleId: string): void {
    const entry = this.files.get(file) ?? { kind, rules: new Set<string>() };
    entry.rules.add(ruleId);
    this.files.set(file, entry);
  }
}

/** Lints the inputs and returns every finding, sorted, with a summary. */
export function lint(input: LintInput, options: LintOptions = {}): LintResult {
  const config = options.config ?? defaultLintConfig();
  const now = options.now ?? new Date();
  const configured = configureRules(options.rules ?? allRules, config);
  const run = new Run();
  const policies = [...(input.model?.policies ?? []), ...input.documents];
  const progress = options.progress ?? noProgress;
  progress.phase('lint: policies', policies.length);
  for (const policy of policies) {
    runDocumentRules(run, configured, input, policy);
    progress.step();
  }
  if (input.model) {
    const modelRules = configured.filter((c) => c.rule.kind === 'model').length;
    progress.phase('lint: account rules', modelRules);
    runModelRules(run, configured, input, input.model, now, options.baseDir, progress);
  }
  progress.end();
  if (config.file !== undefined) runConfigRules(run, configured, config, now);
  const findings = run.raw.map((r) => toFinding(r, options.baseDir));
  for (const finding of findings) suppress(finding, config, now);
  if (options.baseline) applyBaseline(findings, options.baseline);

  return {
    tool: { name: 'permgraph', version: VERSION },
    catalog: { version: input.catalog.info.version, date: input.catalog.info.date },
    rules: configured
      .map((c) => ({ ...c.rule.meta, level: c.level }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    files: lintedFiles(run, options.baseDir),
    findings: findings.sort(compareFindings),
    summary: summarize(findings),
  };
}

function configureRules(rules: readonly Rule[], config: LintConfig): Configured[] {
  return rules.flatMap((rule) => {
    const setting = config.rules.get(rule.meta.id);
    if (setting && !setting.enabled) return [];
    const options = setting?.options ?? rule.options.parse({});

    return [{ rule, level: setting?.level ?? rule.meta.level, options }];
  });
}

function runDocumentRules(
  run: Run,
  configured: readonly Configured[],
  input: LintInput,
  policy: PolicyInput,
): void {
  const document = policy.document ?? { version: '1.1' as const, statements: [], depends: [] };
  const locate = (path: readonly (string | number)[]): SourcePosition =>
    policy.source.locate([...policy.basePath, ...path]);
  for (const c of configured) {
    const { rule } = c;
    if (rule.kind !== 'document' || (!policy.document && !rule.acceptsInvalid)) continue;
    run.ran(policy.file, policy.origin === 'file' ? 'policy' : 'model', rule.meta.id);
    const report = (r: DocumentReport): void => {
      const { path, position, ...rest } = r;
      const at = position ?? locate(path ?? []);
      run.raw.push({ configured: c, report: { ...rest, position: at, target: policy.target } });
    };
    rule.check({ catalog: input.catalog, policy, document, options: c.options, locate, report });
  }
}

function runModelRules(
  run: Run,
  configured: readonly Configured[],
  input: LintInput,
  modelInput: LintModelInput,
  now: Date,
  baseDir: string | undefined,
  progress: Progress,
): void {
  const { model } = modelInput;
  const evaluator = new Evaluator(buildGraph(model, input.catalog));
  const dli = dliState(input, modelInput);
  const memos = new Map<string, unknown>();
  const memo = <T>(key: string, compute: () => T): T => {
    if (!memos.has(key)) memos.set(key, compute());
    return memos.get(key) as T;
  };
  const locate = sublocator(modelInput.sources);
  for (const c of configured) {
    if (c.rule.kind !== 'model') continue;
    for (const file of model.files) run.ran(file, 'model', c.rule.meta.id);
    const report = (r: Report): void => void run.raw.push({ configured: c, report: r });
    const base = { catalog: input.catalog, model, evaluator, dli, now, baseDir, locate, memo };
    c.rule.check({ ...base, options: c.options, report });
    progress.step();
  }
}

function dliState(input: LintInput, modelInput: LintModelInput): DliLintState | undefined {
  if (!modelInput.dli) return undefined;
  const catalog = dliCatalogFromSections(input.catalog.dliSections);
  const { requests, objects } = modelInput.dli;
  const replay = replayRequests(requests, catalog, objects ? { objects } : {});

  return { catalog, requests, objects, replay };
}

function runConfigRules(
  run: Run,
  configured: readonly Configured[],
  config: LintConfig,
  now: Date,
): void {
  const suppressions = suppressionStates(config, now);
  for (const c of configured) {
    if (c.rule.kind !== 'config') continue;
    if (config.file !== undefined) run.ran(config.file, 'config', c.rule.meta.id);
    const report = (r: Report): void => void run.raw.push({ configured: c, report: r });
    c.rule.check({ suppressions, options: c.options, now, report });
  }
}

function toFinding({ configured, report }: RawFinding, baseDir: string | undefined): Finding {
  const { meta } = configured.rule;
  const data = report.data ?? {};
  const fix = meta.fixes?.[report.messageId];
  const file = displayPath(report.position.file, baseDir);
  const relative = <T>(value: T): T =>
    baseDir === undefined ? value : relativizePositions(value, baseDir);

  return {
    ruleId: meta.id,
    level: configured.level,
    messageId: report.messageId,
    message: renderTemplate(meta.messages[report.messageId] ?? report.messageId, data),
    fix: fix === undefined ? undefined : renderTemplate(fix, data),
    data,
    file,
    line: report.position.line,
    column: report.position.column,
    path: report.position.path,
    target: report.target,
    fingerprint: fingerprintOf({ ...report, ruleId: meta.id, file, data, identity: meta.identity }),
    status: 'active',
    related: relative(report.related ?? []),
    flow: relative(report.flow ?? []),
  };
}

function suppress(finding: Finding, config: LintConfig, now: Date): void {
  const suppression = findSuppression(config, finding, now);
  if (!suppression) return;
  finding.status = 'suppressed';
  finding.suppression = { reason: suppression.reason, expires: suppression.expires };
}

/** Sorted by file, line, column, rule and message: the same input always prints the same. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}

/** Counts active findings per level, and the suppressed and baselined ones. */
export function summarize(findings: readonly Finding[]): LintSummary {
  const summary: LintSummary = {
    error: 0,
    security: 0,
    warning: 0,
    suggestion: 0,
    suppressed: 0,
    baseline: 0,
  };
  for (const f of findings) {
    if (f.status === 'active') summary[f.level] += 1;
    else summary[f.status] += 1;
  }

  return summary;
}

function lintedFiles(run: Run, baseDir: string | undefined): LintedFile[] {
  return [...run.files.entries()]
    .map(([file, entry]) => ({
      file: displayPath(file, baseDir),
      kind: entry.kind,
      rules: [...entry.rules].sort(),
    }))
    .sort((a, b) => a.file.localeCompare(b.file));
}
