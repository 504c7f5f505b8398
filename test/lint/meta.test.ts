/**
 * Every registered rule has its metadata, a help page, a test file and examples that behave:
 * the invalid example triggers the rule and the valid one does not.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { templateSlots } from '../../src/lint/message.js';
import { formatRuleDoc } from '../../src/report/lint-rule-doc.js';
import { allRules } from '../../src/lint/registry.js';
import { levels } from '../../src/lint/types.js';
import { findingsOf } from './helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('rule registry', () => {
  it('lists rules sorted by id, without duplicates', () => {
    const ids = allRules.map((r) => r.meta.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const rule of allRules) {
    const { meta } = rule;
    describe(meta.id, () => {
      it('has metadata', () => {
        expect(meta.id).toMatch(/^(policy|grant|intent|dli|config)\/[a-z]+(-[a-z]+)*$/);
        expect(levels).toContain(meta.level);
        expect(meta.description).toMatch(/^[A-Z][a-z]+s\b.*\.$/);
        expect(meta.help.length).toBeGreaterThan(80);
        expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
        expect(rule.options.safeParse({}).success).toBe(true);
        for (const id of Object.keys(meta.fixes ?? {})) expect(meta.messages).toHaveProperty(id);
      });

      it('lives in the module its id names', () => {
        expect(existsSync(path.join(root, 'src/lint/rules', `${meta.id}.ts`))).toBe(true);
      });

      it('has a help page with both examples', () => {
        const page = path.join(root, 'docs/rules', `${meta.id}.md`);
        expect(existsSync(page)).toBe(true);
        const text = readFileSync(page, 'utf8');
        expect(text).toContain(`# ${meta.id}`);
        expect(text).toContain(meta.examples.invalid);
        expect(text).toContain(meta.examples.valid);
        // Regenerate with: permgraph rules --doc <id> > docs/rules/<id>.md
        expect(text).toBe(formatRuleDoc(meta, rule.options.parse({}) as Record<string, unknown>));
      });

      it('has a table-driven test file', () => {
        const test = path.join(root, 'test/lint/rules', `${meta.id}.test.ts`);
        expect(existsSync(test)).toBe(true);
        expect(readFileSync(test, 'utf8')).toContain('ruleTester(');
      });

      it('is triggered by its invalid example and not by its valid one', () => {
        const { format, invalid, valid } = meta.examples;
        expect(findingsOf(rule, format, invalid).length).toBeGreaterThan(0);
        expect(findingsOf(rule, format, valid)).toEqual([]);
      });

      it('fills every slot of its messages from the data it reports', () => {
        const found = findingsOf(rule, meta.examples.format, meta.examples.invalid);
        for (const finding of found) {
          expect(finding.message).not.toMatch(/\{\w+\}/);
          const template = meta.messages[finding.messageId] ?? '';
          const required = templateSlots(template.replace(/\[[^\]]*\]/g, ''));
          for (const slot of required) expect(finding.data).toHaveProperty(slot);
        }
      });
    });
  }
});
