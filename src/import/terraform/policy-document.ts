/**
 * Reading a custom policy's document from a Terraform attribute: a JSON string (a heredoc, a
 * variable, `jsonencode(…)` evaluated) parsed and validated, located at its own `.tf` lines when
 * it is a literal heredoc; a document with values unknown until apply, or of a policy that may
 * not exist, rewritten so that its Deny statements are kept as conditional.
 */
import { formatDocPath, parseJson, type SourceDocument } from '../../model/source.js';
import { PermgraphError } from '../../errors.js';
import { validatePolicyDocument } from '../../policy/parse.js';
import type { Origin } from '../builder.js';
import { conditionalPolicy, knownStructure } from './conditional-deny.js';
import type { TfInstance } from './instance.js';
import type { TfContext } from './resources.js';
import { findPending, type Value } from './values.js';

/** A policy document to import; `exact` when it is the document as written. */
export interface ImportedDocument {
  document: unknown;
  exact: boolean;
}

/**
 * A policy document from a JSON string (a heredoc, a variable, `jsonencode(…)` evaluated):
 * parsed, never compared as text. Invalid documents are reported. A document with values
 * unknown until apply, or of a policy that may not exist, keeps its Deny statements as
 * conditional (see `conditional-deny.ts`); undefined when nothing of it can be imported.
 */
export function policyDocument(
  context: TfContext,
  instance: TfInstance,
  attr: string,
): ImportedDocument | undefined {
  const value = instance.attribute(attr);
  const at = instance.attributePosition(attr);
  if (value === undefined) {
    context.log.unknown(
      `${instance.address}.${attr}: ${instance.address} has no ${attr}; the policy and its grants are left out`,
      at,
    );
    return undefined;
  }
  if (findPending(value))
    return conditionalDocument(context, instance, attr, knownStructure(value));
  const document = parsedDocument(context, instance, attr, value);
  if (document === undefined || instance.uncertain === undefined)
    return document === undefined ? undefined : { document, exact: true };

  return conditionalDocument(context, instance, attr, document as Value);
}

/** The document with its unknown parts (or its unknown existence) as conditional Deny statements. */
function conditionalDocument(
  context: TfContext,
  instance: TfInstance,
  attr: string,
  tree: Value,
): ImportedDocument | undefined {
  const at = instance.attributePosition(attr);
  const version = instance.type === 'huaweicloud_identityv5_policy' ? '5.0' : '1.1';
  const { document, notes } = conditionalPolicy(tree, version, instance.uncertain);
  for (const note of notes) context.log.unknown(`${instance.address}.${attr}: ${note}`, at);
  if (document === undefined) return undefined;
  const problem = validatePolicyDocument({ value: document, locate: () => at })[0];
  if (problem) {
    context.log.skip('E_POLICY', `${instance.address}.${attr}: ${problem.message}`, at);
    return undefined;
  }

  return { document, exact: false };
}

/** A document written in full: parsed from its JSON text and validated. */
function parsedDocument(
  context: TfContext,
  instance: TfInstance,
  attr: string,
  value: Value,
): unknown {
  const at = instance.attributePosition(attr);
  let document: unknown = value;
  if (typeof value === 'string') {
    try {
      document = parseJson(value, instance.address).value;
    } catch (error) {
      if (!(error instanceof PermgraphError)) throw error;
      const inside = error.position;
      const heredoc = instance.attributeHeredoc?.(attr);
      // In a heredoc the slip has its own .tf line; elsewhere it is named inside the document.
      const where =
        inside && !heredoc ? ` (line ${inside.line}, column ${inside.column} of the document)` : '';
      const position =
        inside && heredoc
          ? { ...at, line: heredoc.line + inside.line - 1, column: inside.column + heredoc.indent }
          : at;
      context.log.skip(
        'E_POLICY',
        `${instance.address}.${attr} is not JSON: ${error.message.replace(/^invalid JSON: /, '')}${where}`,
        position,
      );
      return undefined;
    }
  }
  const locate = heredocLocator(instance, attr) ?? (() => at);
  const problem = validatePolicyDocument({ value: document, locate })[0];
  if (problem) {
    context.log.skip(
      'E_POLICY',
      `${instance.address}.${attr}: ${problem.message}`,
      problem.position ?? at,
    );
    return undefined;
  }

  return document;
}

/**
 * Positions inside a policy written as a heredoc of literal JSON: a statement is located at
 * its own `.tf` line. Undefined for any other form (`jsonencode`, a variable, interpolation),
 * whose document is located at the attribute.
 */
export function heredocLocator(instance: TfInstance, attr: string): Origin | undefined {
  const heredoc = instance.attributeHeredoc?.(attr);
  const value = instance.attribute(attr);
  if (!heredoc || typeof value !== 'string' || value.trimEnd() !== heredoc.text.trimEnd())
    return undefined;
  let parsed: SourceDocument;
  try {
    parsed = parseJson(heredoc.text, instance.position.file);
  } catch {
    return undefined;
  }

  return (path) => {
    const inside = parsed.locate(path);
    return {
      file: instance.position.file,
      line: heredoc.line + inside.line - 1,
      column: inside.column + heredoc.indent,
      path: [`${instance.address}.${attr}`, formatDocPath(path)].filter(Boolean).join('.'),
    };
  };
}
