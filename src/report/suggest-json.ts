/**
 * The JSON form of `suggest-policy`: the result with each document as the JSON to create (the
 * evaluator's parsed copy and the text are left out).
 */
import type { SuggestResult } from '../engine/suggest.js';
import { documentView } from './fix-json.js';

/** The plain object `suggest-policy --format json` prints. */
export function suggestJsonView(result: SuggestResult): unknown {
  return {
    ...result,
    suggestions: result.suggestions.map((s) => ({
      ...s,
      documents: s.documents.map(documentView),
    })),
  };
}
