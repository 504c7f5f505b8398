/** `config/expired-suppression`: a suppression past its expiry date, which no longer applies. */
import { configRule, noOptions } from '../../rule.js';

export const expiredSuppression = configRule({
  meta: {
    id: 'config/expired-suppression',
    level: 'warning',
    category: 'configuration',
    description: 'Reports suppressions of .permgraph.yaml whose expiry date has passed.',
    help:
      'A suppression with `expires` accepts its findings until the end of that day (UTC). ' +
      'After it, the suppression stops applying, its findings count again, and this rule ' +
      'says so, so that an accepted risk is looked at again rather than forgotten. Renew the ' +
      'date with a reason, or fix the findings and remove the suppression.',
    needs: 'config',
    messages: {
      expired:
        'the suppression of {rule}[ for {target}] expired on {expires}; its findings count again',
    },
    fixes: {
      expired: 'fix the findings and remove the suppression, or set a new expiry date',
    },
    identity: ['rule', 'target', 'expires'],
    examples: {
      format: 'config',
      invalid: `suppressions:
  - rule: grant/broad-scope
    target: group:auditors
    reason: auditors read every project until the 2026 audit closes
    expires: 2026-01-31`,
      valid: `suppressions:
  - rule: grant/broad-scope
    target: group:auditors
    reason: auditors read every project until the 2027 audit closes
    expires: 2027-01-31`,
    },
  },
  options: noOptions,
  check({ suppressions, report }) {
    for (const s of suppressions) {
      if (!s.expired) continue;
      const data = { rule: s.rule, target: s.target ?? '', expires: s.expires ?? '' };
      report({ messageId: 'expired', position: s.position, target: s.rule, data });
    }
  },
});
