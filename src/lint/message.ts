/**
 * The one place finding text is rendered: a rule's message and fix templates filled from the
 * finding's data. `{slot}` takes a value; a `[…]` segment is kept only when every slot inside it
 * has a non-empty value, so optional details read naturally.
 */
import type { FindingData } from './types.js';

const slot = /\{(\w+)\}/g;

/** Fills a template from data; unknown slots become empty. */
export function renderTemplate(template: string, data: FindingData): string {
  const value = (key: string): string => {
    const found = data[key];
    return found === undefined ? '' : String(found);
  };
  const optional = (_: string, inner: string): string =>
    [...inner.matchAll(slot)].every((m) => value(m[1] ?? '') !== '') ? inner : '';

  return template.replace(/\[([^\]]*)\]/g, optional).replace(slot, (_, key: string) => value(key));
}

/** The slot names a template uses, for the meta-test. */
export function templateSlots(template: string): string[] {
  return [...template.matchAll(slot)].map((m) => m[1] ?? '');
}

/** Joins a list for a message: `a, b and c`, at most `limit` items then `and N more`. */
export function listText(items: readonly string[], limit = 8): string {
  if (items.length === 0) return '';
  const shown = items.slice(0, limit);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length === 1) return shown[0] ?? '';

  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** `1 action`, `3 actions`. */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}
