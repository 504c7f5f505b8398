/** `policy/redundant-statement`: literal cases with the message id and position of each finding. */
import { redundantStatement } from '../../../../src/lint/rules/policy/redundant-statement.js';
import { ruleTester } from '../../helpers.js';

ruleTester(redundantStatement, {
  format: 'json',
  valid: [
    {
      name: 'different actions',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:*:list"] },
    { "Effect": "Allow", "Action": ["rds:instance:restart"] }
  ]
}`,
    },
    {
      name: 'different effect',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:*:list"] },
    { "Effect": "Deny", "Action": ["rds:instance:list"] }
  ]
}`,
    },
    {
      name: 'cover has a condition',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:*:list"], "Condition": { "Bool": { "g:MFAPresent": ["true"] } } },
    { "Effect": "Allow", "Action": ["rds:instance:list"] }
  ]
}`,
    },
  ],
  invalid: [
    {
      name: 'covered by a wildcard statement',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:*:list"] },
    { "Effect": "Allow", "Action": ["rds:instance:list"] }
  ]
}`,
      errors: [
        {
          messageId: 'redundant',
          line: 5,
          column: 5,
          message: 'statement 2 adds nothing: statement 1 already allows all of its actions',
        },
      ],
    },
    {
      name: 'identical statements',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:list"] },
    { "Effect": "Allow", "Action": ["rds:instance:list"] }
  ]
}`,
      errors: [
        {
          messageId: 'redundant',
          line: 5,
          column: 5,
          message: 'statement 2 adds nothing: statement 1 already allows all of its actions',
        },
      ],
    },
  ],
});
