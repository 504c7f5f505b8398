/**
 * What lint works with and returns: levels, rule metadata, findings and the whole result. Plain
 * data, so formatters, tests and baselines all read the same thing.
 */
import type { SourcePosition } from '../model/source.js';

/** How bad a finding is, from "does not work as written" down to "redundant". */
export type Level = 'error' | 'security' | 'warning' | 'suggestion';

/** Every level, most severe first. */
export const levels: readonly Level[] = ['error', 'security', 'warning', 'suggestion'];

/** `--fail-on`: a level, or `none` to never fail on findings. */
export type FailOn = Level | 'none';

/** What kind of problem a rule finds; used to group rules in listings and SARIF tags. */
export type Category =
  | 'syntax'
  | 'catalog'
  | 'scope'
  | 'dependency'
  | 'least-privilege'
  | 'risk'
  | 'redundancy'
  | 'hygiene'
  | 'configuration';

/** A rule's examples: a document or model that triggers it, and one that does not. */
export interface RuleExamples {
  /** `json` for a policy document, `yaml` for a model, `config` for a `.permgraph.yaml`. */
  format: 'json' | 'yaml' | 'config';
  invalid: string;
  valid: string;
}

/** What a rule declares about itself; the runner, `permgraph rules`, docs and SARIF read it. */
export interface RuleMeta {
  /** `namespace/name`, equal to the module's path under `rules/`. */
  id: string;
  level: Level;
  category: Category;
  /** One line, starting with a verb. */
  description: string;
  /** Why it matters and what to do, a paragraph or two. */
  help: string;
  /** `document`: needs one policy document and the catalog; `model`: the whole account. */
  needs: 'document' | 'model' | 'config';
  /** Message templates by message id: `{slot}` is filled from data; `[…]` only when all its slots are. */
  messages: Readonly<Record<string, string>>;
  /** What to change, by message id, with the same slots. */
  fixes?: Readonly<Record<string, string>>;
  /** Data keys that identify a finding across runs (for baselines); default: all of them. */
  identity?: readonly string[];
  /** SARIF `security-severity` (0–10); defaults by level. */
  securitySeverity?: number;
  examples: RuleExamples;
}

/** Values for message slots. */
export type FindingData = Record<string, string | number>;

/** A place and a sentence: a related location, or one hop of an explanation path. */
export interface FindingLocation {
  message: string;
  position?: SourcePosition | undefined;
}

/** What a rule reports; the runner adds the rule, level, rendered text and fingerprint. */
export interface Report {
  messageId: string;
  data?: FindingData;
  position: SourcePosition;
  /** What the finding is about: `policy:<name>`, `group:<name>`, a file path, `dli:<grantee>`. */
  target: string;
  related?: FindingLocation[];
  /** The explanation path (principal → group → grant → …), exported as SARIF code flows. */
  flow?: FindingLocation[];
}

/** Whether a finding counts toward `--fail-on`. */
export type FindingStatus = 'active' | 'suppressed' | 'baseline';

/** One finding, rendered and sorted. */
export interface Finding {
  ruleId: string;
  level: Level;
  messageId: string;
  message: string;
  fix?: string | undefined;
  data: FindingData;
  file: string;
  line: number;
  column: number;
  /** JSON path inside the file (`groups[0].grants[1]`), when known. */
  path?: string | undefined;
  target: string;
  /** Stable across runs and line moves: rule, file, target and identifying data. */
  fingerprint: string;
  status: FindingStatus;
  /** Set when a suppression of the configuration applies. */
  suppression?: { reason: string; expires?: string | undefined } | undefined;
  related: FindingLocation[];
  flow: FindingLocation[];
}

/** A file lint looked at, and the rules that ran over it (JUnit lists one test case per pair). */
export interface LintedFile {
  file: string;
  kind: 'model' | 'policy' | 'config';
  rules: string[];
}

/** Counts of the active findings per level, and of the others. */
export interface LintSummary {
  error: number;
  security: number;
  warning: number;
  suggestion: number;
  suppressed: number;
  baseline: number;
}

/** Everything a lint run found. */
export interface LintResult {
  tool: { name: string; version: string };
  catalog: { version: string; date: string };
  /** Metadata of every rule that ran, with its effective level, sorted by id. */
  rules: RuleMeta[];
  files: LintedFile[];
  findings: Finding[];
  summary: LintSummary;
}
