/** `policy/unknown-condition-operator`: a `Condition` operator Huawei does not have. */
import { suggest } from '../../../catalog/catalog.js';
import { knownConditionOperators, parseOperator } from '../../../policy/operators.js';
import { documentRule, noOptions } from '../../rule.js';
import { conditionEntries } from '../../statements.js';

const spellings = knownConditionOperators.flatMap((name) =>
  name === 'Null' ? [name] : [name, `${name}IfExists`],
);

export const unknownConditionOperator = documentRule({
  meta: {
    id: 'policy/unknown-condition-operator',
    level: 'error',
    category: 'syntax',
    description: 'Reports condition operators that are misspelt or not allowed in their form.',
    help:
      'An operator Huawei does not know makes its condition unusable: depending on the ' +
      'service the policy is rejected, or the statement never applies. Published examples ' +
      'misspell operators (StringEndWithIfExsits); `IfExists` is not allowed on Null, and a ' +
      'ForAllValues:/ForAnyValue: prefix makes no sense on a presence operator. permgraph ' +
      'treats such conditions as unknown, so every answer that depends on them is conditional.',
    needs: 'document',
    messages: {
      unknown: 'unknown condition operator "{operator}"[; did you mean "{suggestion}"?]',
      'null-if-exists': '"{operator}": IfExists is not allowed on Null',
      'set-on-presence':
        '"{operator}": a ForAllValues:/ForAnyValue: prefix does not apply to a presence test',
    },
    fixes: {
      unknown: '{advice}',
      'null-if-exists': 'use Null on its own: Null true already holds when the key is absent',
      'set-on-presence': 'drop the prefix',
    },
    identity: ['operator'],
    examples: {
      format: 'json',
      invalid: `{
  "Version": "1.1",
  "Statement": [{
    "Effect": "Allow",
    "Action": ["rds:instance:list"],
    "Condition": { "StringEndWithIfExsits": { "g:UserName": ["-ops"] } }
  }]
}`,
      valid: `{
  "Version": "1.1",
  "Statement": [{
    "Effect": "Allow",
    "Action": ["rds:instance:list"],
    "Condition": { "StringEndWithIfExists": { "g:UserName": ["-ops"] } }
  }]
}`,
    },
  },
  options: noOptions,
  check({ document, report }) {
    const seen = new Set<string>();
    for (const entry of conditionEntries(document)) {
      const parsed = parseOperator(entry.operator);
      const key = `${entry.statement.index}:${entry.operator}`;
      if (parsed.known || seen.has(key)) continue;
      seen.add(key);
      const path = ['Statement', entry.statement.index, 'Condition', entry.operator];
      const suggestion = nearest(entry.operator);
      const data = { operator: entry.operator, suggestion, advice: advice(suggestion) };
      report({ messageId: problemOf(parsed), path, data });
    }
  },
});

function problemOf(parsed: ReturnType<typeof parseOperator>): string {
  if (parsed.spec === undefined) return 'unknown';

  return parsed.ifExists && parsed.spec.name === 'Null' ? 'null-if-exists' : 'set-on-presence';
}

function advice(suggestion: string): string {
  return suggestion === ''
    ? `use one of ${knownConditionOperators.length} operators (StringEquals, StringLike, NumberLessThan, DateGreaterThan, Bool, Null, IpAddress, …), optionally with the IfExists suffix`
    : `write "${suggestion}"`;
}

/** The closest known spelling, keeping a set prefix the user wrote. */
function nearest(operator: string): string {
  const prefix = /^(ForAllValues:|ForAnyValue:)/i.exec(operator)?.[0] ?? '';
  const found = suggest(operator.slice(prefix.length), spellings);

  return found === undefined ? '' : `${prefix}${found}`;
}
