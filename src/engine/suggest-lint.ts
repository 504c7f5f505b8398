/**
 * Lints suggested policy documents with the same rules `permgraph lint` runs on policy files,
 * so a suggestion is only presented as clean when lint says so.
 */
import type { Catalog } from '../catalog/catalog.js';
import { policyInput } from '../lint/inputs.js';
import { lint } from '../lint/runner.js';
import type { LintResult } from '../lint/types.js';
import { parseJson } from '../model/source.js';
import type { SuggestedDocument } from './suggest-document.js';

/** Lints the documents as the files `suggest-policy -o DIR` writes (`<name>.json`). */
export function lintSuggestedDocuments(
  catalog: Catalog,
  documents: readonly SuggestedDocument[],
  now: Date = new Date(),
): LintResult {
  const inputs = documents.map((document) => {
    const file = `${document.name}.json`;
    return policyInput(parseJson(document.text, file), {
      target: file,
      name: document.name,
      origin: 'file',
      type: document.type,
    });
  });
  return lint({ catalog, documents: inputs }, { now });
}
