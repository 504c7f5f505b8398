/**
 * The lint configuration (`.permgraph.yaml`): rules turned off, on or re-levelled, rule options,
 * suppressions with a reason and an optional expiry, and the default `--fail-on`. Validated with
 * zod; unknown keys, unknown rules and bad options are errors at file:line:column.
 */
import { z } from 'zod';
import { suggest } from '../catalog/catalog.js';
import { PermgraphError } from '../errors.js';
import type { DocPath, SourceDocument, SourcePosition } from '../model/source.js';
import { compileGlob } from '../policy/glob.js';
import type { Rule } from './rule.js';
import { levels, type FailOn, type Level } from './types.js';

const levelOrSwitch = z.enum(['off', 'on', ...levels]);
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine(isCalendarDay, 'a day of the calendar (month 01-12, a day the month has)');

/** Whether `YYYY-MM-DD` names a real day: 2099-13-45 and 2026-02-30 do not. */
function isCalendarDay(text: string): boolean {
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

const ruleEntrySchema = z.union([
  levelOrSwitch,
  z.strictObject({
    level: levelOrSwitch.optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  }),
]);

const suppressionSchema = z.strictObject({
  rule: z.string().min(1).describe('a rule id, or a glob such as grant/*'),
  target: z
    .string()
    .min(1)
    .optional()
    .describe('a glob over the finding target (group:dba, policy:ops) or its file path'),
  reason: z.string().min(1).describe('why the finding is accepted; required'),
  expires: date.optional().describe('after this day the suppression stops applying'),
});

/** `.permgraph.yaml`. */
export const lintConfigSchema = z.strictObject({
  version: z.literal(1).optional(),
  failOn: z.enum([...levels, 'none']).optional(),
  rules: z
    .record(z.string(), ruleEntrySchema)
    .default({})
    .describe(
      'rule id (or glob) -> off | on | error | security | warning | suggestion | {level, options}',
    ),
  suppressions: z.array(suppressionSchema).default([]),
});

/** The JSON Schema of the configuration, for `permgraph schema config` and editors. */
export function lintConfigJsonSchema(): unknown {
  return z.toJSONSchema(lintConfigSchema, { io: 'input', unrepresentable: 'any' });
}

/** How one rule is configured. */
export interface RuleSetting {
  enabled: boolean;
  level?: Level | undefined;
  /** Already validated against the rule's options schema. */
  options?: unknown;
}

/** One suppression, with where it was written. */
export interface Suppression {
  rule: string;
  target?: string | undefined;
  reason: string;
  expires?: string | undefined;
  position: SourcePosition;
}

/** A validated configuration. */
export interface LintConfig {
  file?: string | undefined;
  rules: Map<string, RuleSetting>;
  suppressions: Suppression[];
  failOn?: FailOn | undefined;
}

/** The configuration when there is no file: every rule at its own level. */
export function defaultLintConfig(): LintConfig {
  return { rules: new Map(), suppressions: [] };
}

/** Validates a parsed `.permgraph.yaml` against the schema and the registered rules. */
export function parseLintConfig(source: SourceDocument, rules: readonly Rule[]): LintConfig {
  const result = lintConfigSchema.safeParse(source.value ?? {});
  if (!result.success) throw configError(source, result.error.issues[0]);
  const { data } = result;
  const settings = new Map<string, RuleSetting>();
  for (const [key, entry] of Object.entries(data.rules)) {
    for (const rule of matchingRules(source, key, rules)) {
      settings.set(rule.meta.id, ruleSetting(source, key, entry, rule));
    }
  }
  const suppressions = data.suppressions.map((s, i) => ({
    ...s,
    position: source.locate(['suppressions', i]),
  }));
  suppressions.forEach((s, i) => matchingRules(source, s.rule, rules, ['suppressions', i, 'rule']));

  return { file: source.file, rules: settings, suppressions, failOn: data.failOn };
}

function matchingRules(
  source: SourceDocument,
  key: string,
  rules: readonly Rule[],
  path: DocPath = ['rules', key],
): Rule[] {
  const glob = compileGlob(key, { singleChar: true, ignoreCase: false });
  const found = rules.filter((r) => glob.test(r.meta.id));
  if (found.length > 0) return found;
  const near = suggest(
    key,
    rules.map((r) => r.meta.id),
  );
  throw new PermgraphError('E_SCHEMA', `unknown lint rule "${key}"`, {
    position: source.locate(path),
    hint: near ? `did you mean "${near}"?` : 'run `permgraph rules` to list the rules',
  });
}

type RuleEntry = z.infer<typeof ruleEntrySchema>;

function ruleSetting(
  source: SourceDocument,
  key: string,
  entry: RuleEntry,
  rule: Rule,
): RuleSetting {
  const { level, options } =
    typeof entry === 'string' ? { level: entry, options: undefined } : entry;
  const parsed = rule.options.safeParse(options ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = ['rules', key, 'options', ...issuePath(issue)];
    throw new PermgraphError('E_SCHEMA', `options of ${rule.meta.id}: ${describeIssue(issue)}`, {
      position: source.locate(path),
      hint: `see docs/rules/${rule.meta.id}.md for its options`,
    });
  }
  const enabled = level !== 'off';
  const relevel = level === undefined || level === 'on' || level === 'off' ? undefined : level;

  return { enabled, level: relevel, options: parsed.data };
}

function issuePath(issue: z.core.$ZodIssue | undefined): (string | number)[] {
  return (issue?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol');
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'invalid value';
  if (issue.code === 'unrecognized_keys')
    return `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_union') {
    return 'must be off, on, a level (error, security, warning, suggestion) or {level, options}';
  }

  return issue.message;
}

function configError(source: SourceDocument, issue: z.core.$ZodIssue | undefined): PermgraphError {
  const path = issuePath(issue);
  const position = source.locate(path);
  const where = path.length > 0 ? `${position.path ?? ''}: ` : '';

  return new PermgraphError(
    'E_SCHEMA',
    `invalid lint configuration: ${where}${describeIssue(issue)}`,
    {
      position,
      hint: 'run `permgraph schema config` for the configuration format',
    },
  );
}
