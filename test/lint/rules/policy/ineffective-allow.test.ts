/** `policy/ineffective-allow`: literal cases with the message id and position of each finding. */
import { ineffectiveAllow } from '../../../../src/lint/rules/policy/ineffective-allow.js';
import { ruleTester } from '../../helpers.js';

ruleTester(ineffectiveAllow, {
  format: 'json',
  valid: [
    {
      name: 'Deny narrower than Allow',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:backup:*"] },
    { "Effect": "Deny", "Action": ["rds:backup:delete"] }
  ]
}`,
    },
    {
      name: 'conditional Deny',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:backup:create"] },
    { "Effect": "Deny", "Action": ["rds:backup:*"], "Condition": { "Bool": { "g:MFAPresent": ["false"] } } }
  ]
}`,
    },
  ],
  invalid: [
    {
      name: 'every action denied',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:backup:create", "rds:backup:delete"] },
    { "Effect": "Deny", "Action": ["rds:backup:*"] }
  ]
}`,
      errors: [
        {
          messageId: 'denied',
          line: 4,
          column: 26,
          message:
            'statement 1 allows rds:backup:create and rds:backup:delete, but the Deny of statement 2 in the same policy covers all of it',
        },
      ],
    },
    {
      name: 'denied by two statements',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:backup:create", "rds:instance:list"] },
    { "Effect": "Deny", "Action": ["rds:backup:*"] },
    { "Effect": "Deny", "Action": ["rds:*:list"] }
  ]
}`,
      errors: [
        {
          messageId: 'denied',
          line: 4,
          column: 26,
          message:
            'statement 1 allows rds:backup:create and rds:instance:list, but the Deny of statement 2 and statement 3 in the same policy covers all of it',
        },
      ],
    },
  ],
});
