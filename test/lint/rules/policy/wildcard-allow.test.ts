/** `policy/wildcard-allow`: literal cases with the message id and position of each finding. */
import { wildcardAllow } from '../../../../src/lint/rules/policy/wildcard-allow.js';
import { ruleTester } from '../../helpers.js';

ruleTester(wildcardAllow, {
  format: 'json',
  valid: [
    {
      name: 'read-only wildcard',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:*:list"] }
  ]
}`,
    },
    {
      name: 'Deny wildcard',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Deny", "Action": ["rds:*:*"] }
  ]
}`,
    },
    {
      name: 'concrete actions',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:create"] }
  ]
}`,
    },
  ],
  invalid: [
    {
      name: 'whole service',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:*:*"] }
  ]
}`,
      errors: [{ messageId: 'service', line: 4, column: 37 }],
    },
    {
      name: 'everything',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["*:*:*"] }
  ]
}`,
      errors: [{ messageId: 'everything', line: 4, column: 37 }],
    },
    {
      name: 'write wildcard',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:backup:*"] }
  ]
}`,
      errors: [{ messageId: 'mutating', line: 4, column: 37 }],
    },
    {
      name: 'uncovered service',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["obs:*:*"] }
  ]
}`,
      errors: [{ messageId: 'uncovered', line: 4, column: 37 }],
    },
  ],
});
