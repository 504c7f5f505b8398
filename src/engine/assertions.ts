/**
 * The assertions file of `permgraph test`: expected decisions written down once (alice may not
 * delete instances in cn-north-1; the dba group may create encrypted ones) and checked against
 * the model on every change. This module is its format — a zod schema, its JSON Schema, and the
 * validation of a parsed file with errors at file:line:column. `assertions-run.ts` runs it.
 */
import { z } from 'zod';
import { PermgraphError } from '../errors.js';
import type { SourceDocument, SourcePosition } from '../model/source.js';
import { checkContextValue, checkResourceUrn } from './context.js';

/**
 * What an assertion may expect: one of the four decisions, or `denied` for "not allowed,
 * explicitly or implicitly" when the reason does not matter to the reader.
 */
export const expectedDecisions = [
  'allow',
  'conditional',
  'deny',
  'implicit-deny',
  'denied',
] as const;

/** An expected decision. */
export type ExpectedDecision = (typeof expectedDecisions)[number];

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const contextSchema = z
  .record(z.string().min(1), z.union([scalar, z.array(scalar), z.null()]))
  .describe('condition key values: a value, a list, or null for "known to be absent"');
const projectSchema = z.string().min(1).describe('region project name or id');

const assertionSchema = z
  .strictObject({
    name: z.string().min(1).optional().describe('what the assertion checks, as reports show it'),
    principal: z.string().min(1).describe('alice, user:alice, group:dba or project:<id>'),
    action: z.string().min(1).optional().describe('a catalog action: rds:instance:delete'),
    operation: z
      .string()
      .min(1)
      .optional()
      .describe('an operation, variants after +: rds.instance.create+encrypted'),
    privilege: z.string().min(1).optional().describe('a DLI privilege: SELECT (with object)'),
    variants: z.array(z.string().min(1)).optional().describe('operation variants: [encrypted]'),
    project: projectSchema.optional(),
    object: z.string().min(1).optional().describe('DLI object: databases.db1.tables.tbl'),
    resource: z.string().min(1).optional().describe('resource URN, for statements with Resource'),
    context: contextSchema.optional(),
    expect: z
      .enum(expectedDecisions)
      .describe('the expected decision; denied = deny or implicit-deny'),
  })
  .superRefine((value, ctx) => {
    const asked = (['action', 'operation', 'privilege'] as const).filter((k) => value[k]);
    if (asked.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          asked.length === 0
            ? 'an assertion needs one of "action", "operation" or "privilege"'
            : `an assertion asks one thing: it has ${asked.map((k) => `"${k}"`).join(' and ')}`,
      });
    }
    if (value.variants && !value.operation) {
      ctx.addIssue({
        code: 'custom',
        path: ['variants'],
        message: '"variants" belong to an "operation"',
      });
    }
  });

/** The assertions file as it is written. */
export const assertionsFileSchema = z.strictObject({
  version: z.literal(1).optional().describe('format version; 1'),
  defaults: z
    .strictObject({ project: projectSchema.optional(), context: contextSchema.optional() })
    .optional()
    .describe('applied to every assertion that does not say otherwise'),
  assertions: z.array(assertionSchema).min(1),
});

type AssertionInput = z.infer<typeof assertionSchema>;

/** One assertion, validated, with its defaults applied and where it was written. */
export interface Assertion {
  /** 1-based, in file order. */
  index: number;
  name: string;
  principal: string;
  kind: 'action' | 'operation' | 'privilege';
  what: string;
  variants: string[];
  project?: string | undefined;
  object?: string | undefined;
  resource?: string | undefined;
  context: Record<string, string[] | null>;
  expect: ExpectedDecision;
  position: SourcePosition;
}

/** The JSON Schema of the assertions file, for `permgraph schema assertions` and editors. */
export function assertionsJsonSchema(): unknown {
  return z.toJSONSchema(assertionsFileSchema, { io: 'input', unrepresentable: 'any' });
}

/** Validates a parsed assertions file; a schema error names the file, line and column. */
export function parseAssertions(source: SourceDocument): Assertion[] {
  const result = assertionsFileSchema.safeParse(source.value ?? {});
  if (!result.success) throw schemaError(source, result.error);
  const { defaults, assertions } = result.data;
  return assertions.map((input, i) => toAssertion(input, i, defaults, source));
}

function schemaError(source: SourceDocument, error: z.ZodError): PermgraphError {
  // A misspelt key explains the "missing" key that usually comes with it, so it goes first.
  const issue = error.issues.find((i) => i.code === 'unrecognized_keys') ?? error.issues[0];
  const path = (issue?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol');
  const position = source.locate(path);
  const where = path.length > 0 ? `${position.path}: ` : '';
  return new PermgraphError('E_SCHEMA', `${where}${describeIssue(issue, source.value, path)}`, {
    position,
    hint: 'run `permgraph schema assertions` for the format',
  });
}

function describeIssue(
  issue: z.core.$ZodIssue | undefined,
  value: unknown,
  path: readonly (string | number)[],
): string {
  if (!issue) return 'invalid assertions file';
  if (issue.code === 'unrecognized_keys')
    return `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  const key = path[path.length - 1];
  if (key !== undefined && valueAt(value, path) === undefined) {
    return `"${key}" is missing: ${issue.message.replace(/^Invalid (input|option): /, '')}`;
  }
  return issue.message;
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let here = value;
  for (const part of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string | number, unknown>)[part];
  }
  return here;
}

function toAssertion(
  input: AssertionInput,
  i: number,
  defaults: z.infer<typeof assertionsFileSchema>['defaults'],
  source: SourceDocument,
): Assertion {
  const kind = input.action ? 'action' : input.operation ? 'operation' : 'privilege';
  const what = input.action ?? input.operation ?? input.privilege ?? '';
  const project = input.project ?? defaults?.project;
  const assertion: Assertion = {
    index: i + 1,
    name: input.name ?? defaultName(input.principal, what, input.variants, project, input.object),
    principal: input.principal,
    kind,
    what,
    variants: input.variants ?? [],
    project,
    object: input.object,
    resource: input.resource,
    context: { ...contextOf(defaults?.context), ...contextOf(input.context) },
    expect: input.expect,
    position: source.locate(['assertions', i]),
  };
  checkRequestValues(assertion, i, source);
  return assertion;
}

/** Context values of the wrong type and malformed resources are errors at the assertion. */
function checkRequestValues(assertion: Assertion, i: number, source: SourceDocument): void {
  const at = (path: (string | number)[], check: () => void) => {
    try {
      check();
    } catch (error) {
      throw new PermgraphError('E_SCHEMA', (error as Error).message.replace(/^--\S+ /, ''), {
        position: source.locate(['assertions', i, ...path]),
      });
    }
  };
  for (const [key, values] of Object.entries(assertion.context))
    for (const value of values ?? []) at(['context', key], () => checkContextValue(key, value));
  const { resource } = assertion;
  if (resource !== undefined) at(['resource'], () => checkResourceUrn(resource));
}

/** `alice rds.instance.create+encrypted in cn-north-1`, when the author gave no name. */
function defaultName(
  principal: string,
  what: string,
  variants: readonly string[] | undefined,
  project: string | undefined,
  object: string | undefined,
): string {
  const plus = (variants ?? []).map((v) => `+${v}`).join('');
  const on = object === undefined ? '' : ` on ${object}`;
  const where = project === undefined ? '' : ` in ${project}`;
  return `${principal} ${what}${plus}${on}${where}`;
}

function contextOf(context: Record<string, unknown> | undefined): Record<string, string[] | null> {
  const out: Record<string, string[] | null> = {};
  for (const [key, value] of Object.entries(context ?? {})) {
    out[key] =
      value === null ? null : (Array.isArray(value) ? value : [value]).map((v) => String(v));
  }
  return out;
}
