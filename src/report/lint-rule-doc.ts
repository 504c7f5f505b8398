/**
 * The help page of a lint rule (`docs/rules/<id>.md`), written from its metadata so the page and
 * the rule cannot drift apart; a test compares the committed pages with this output.
 */
import type { RuleMeta } from '../lint/types.js';

const fence: Readonly<Record<RuleMeta['examples']['format'], string>> = {
  json: 'json',
  yaml: 'yaml',
  config: 'yaml',
};

const exampleFile: Readonly<Record<RuleMeta['examples']['format'], string>> = {
  json: 'a policy document (`permgraph lint policy.json`)',
  yaml: 'a model (`permgraph lint permgraph.yaml`)',
  config: 'a `.permgraph.yaml` configuration',
};

/** Renders the help page of one rule; `defaults` are its options as `{}` parses them. */
export function formatRuleDoc(meta: RuleMeta, defaults: Record<string, unknown> = {}): string {
  const { examples } = meta;
  const messages = Object.entries(meta.messages).map(([id, text]) => {
    const fix = meta.fixes?.[id];
    return `- \`${id}\`: ${text}${fix ? `\n  - fix: ${fix}` : ''}`;
  });
  const lines = [
    `# ${meta.id}`,
    '',
    `Level: **${meta.level}** · category: ${meta.category} · checks: ${meta.needs === 'document' ? 'one policy document' : meta.needs === 'model' ? 'the account model' : 'the lint configuration'}`,
    '',
    meta.description,
    '',
    meta.help,
    '',
    '## Triggers it',
    '',
    `In ${exampleFile[examples.format]}:`,
    '',
    `\`\`\`${fence[examples.format]}`,
    examples.invalid,
    '```',
    '',
    '## Does not trigger it',
    '',
    `\`\`\`${fence[examples.format]}`,
    examples.valid,
    '```',
    '',
    '## Messages',
    '',
    '`{slot}` is filled from the finding; `[…]` appears only when its slots have values.',
    '',
    ...messages,
    '',
    '## Configuration',
    '',
    'In `.permgraph.yaml`:',
    '',
    '```yaml',
    'rules:',
    `  ${meta.id}: off        # or on, error, security, warning, suggestion`,
    ...optionLines(meta.id, defaults),
    '```',
    '',
  ];

  return lines.join('\n');
}

/** The rule's options with their defaults, as a `.permgraph.yaml` entry. */
function optionLines(id: string, defaults: Record<string, unknown>): string[] {
  const entries = Object.entries(defaults);
  if (entries.length === 0) return [];

  return [
    '# options, shown with their defaults:',
    'rules:',
    `  ${id}:`,
    '    options:',
    ...entries.map(([key, value]) => `      ${key}: ${JSON.stringify(value)}`),
  ];
}
