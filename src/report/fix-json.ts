/**
 * The JSON form of a `fix` answer: the result as it is, with each proposed policy document given
 * once, as the JSON a user would create (the evaluator's parsed copy and the text are left out).
 */
import type { FixResult } from '../engine/fix.js';
import type { SuggestedDocument } from '../engine/suggest-document.js';

/** A proposed document as JSON output shows it. */
export function documentView(
  document: SuggestedDocument,
): Omit<SuggestedDocument, 'parsed' | 'text'> {
  const { parsed: _parsed, text: _text, ...rest } = document;
  return rest;
}

/** The plain object `fix --format json` prints. */
export function fixJsonView(result: FixResult): unknown {
  return {
    ...result,
    proposals: result.proposals.map((p) => ({ ...p, documents: p.documents.map(documentView) })),
  };
}
