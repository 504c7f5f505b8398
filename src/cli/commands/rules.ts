/** `permgraph rules`: every lint rule with its level, category and description. */
import { Option, type Command } from 'commander';
import { PermgraphError } from '../../errors.js';
import { allRules, findRule } from '../../lint/registry.js';
import { formatRuleDoc } from '../../report/lint-rule-doc.js';
import { formatRulesJson, formatRulesText } from '../../report/lint-rules.js';
import type { Register } from '../run.js';
import { formatOption } from './shared.js';

interface RulesFlags {
  format: 'text' | 'json';
  doc?: string;
}

/** Registers `rules`. */
export function registerRules(program: Command, register: Register): void {
  const command = program
    .command('rules')
    .description('list every lint rule with its level and description')
    .addOption(formatOption(['text', 'json'], 'text'))
    .addOption(new Option('--doc <rule>', "print one rule's help page (Markdown)"));
  register(command, (flags: RulesFlags) => (io) => {
    if (flags.doc !== undefined) {
      const rule = findRule(flags.doc);
      if (!rule)
        throw new PermgraphError('E_USAGE', `unknown lint rule "${flags.doc}"`, {
          hint: 'run `permgraph rules` to list the rules',
        });
      io.stdout.write(formatRuleDoc(rule.meta, rule.options.parse({}) as Record<string, unknown>));
      return 0;
    }
    const metas = allRules.map((r) => r.meta);
    io.stdout.write(flags.format === 'json' ? formatRulesJson(metas) : formatRulesText(metas));
    return 0;
  });
}
