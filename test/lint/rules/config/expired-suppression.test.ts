/** `config/expired-suppression`: literal cases with the message id and position of each finding. */
import { expiredSuppression } from '../../../../src/lint/rules/config/expired-suppression.js';
import { ruleTester } from '../../helpers.js';

ruleTester(expiredSuppression, {
  format: 'config',
  valid: [
    {
      name: 'not yet expired',
      code: `suppressions:
  - rule: grant/broad-scope
    reason: audit
    expires: 2026-06-01`,
    },
    {
      name: 'no expiry',
      code: `suppressions:
  - rule: grant/*
    reason: migration`,
    },
  ],
  invalid: [
    {
      name: 'expired yesterday',
      code: `suppressions:
  - rule: grant/broad-scope
    target: group:auditors
    reason: audit
    expires: 2026-05-31`,
      errors: [
        {
          messageId: 'expired',
          line: 2,
          column: 5,
          message:
            'the suppression of grant/broad-scope for group:auditors expired on 2026-05-31; its findings count again',
        },
      ],
    },
    {
      name: 'second suppression',
      code: `suppressions:
  - rule: grant/*
    reason: a
  - rule: dli/*
    reason: b
    expires: 2025-12-31`,
      errors: [
        {
          messageId: 'expired',
          line: 4,
          column: 5,
          message: 'the suppression of dli/* expired on 2025-12-31; its findings count again',
        },
      ],
    },
  ],
});
