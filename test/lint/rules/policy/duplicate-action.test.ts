/** `policy/duplicate-action`: literal cases with the message id and position of each finding. */
import { duplicateAction } from '../../../../src/lint/rules/policy/duplicate-action.js';
import { ruleTester } from '../../helpers.js';

ruleTester(duplicateAction, {
  format: 'json',
  valid: [
    {
      name: 'distinct actions',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:*:list", "rds:instance:restart"] }
  ]
}`,
    },
    {
      name: 'same action in two statements',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:list"] },
    { "Effect": "Deny", "Action": ["rds:instance:list"] }
  ]
}`,
    },
  ],
  invalid: [
    {
      name: 'covered by a wildcard',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:*:list", "rds:instance:list"] }
  ]
}`,
      errors: [
        {
          messageId: 'covered',
          line: 4,
          column: 51,
          message: 'rds:instance:list is already covered by rds:*:list in statement 1',
        },
      ],
    },
    {
      name: 'listed twice, case differs',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:list", "rds:Instance:List"] }
  ]
}`,
      errors: [
        {
          messageId: 'duplicate',
          line: 4,
          column: 58,
          message: 'rds:Instance:List is listed twice in statement 1',
        },
      ],
    },
    {
      name: '* and *:*:*',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["*", "*:*:*"] }
  ]
}`,
      errors: [
        {
          messageId: 'covered',
          line: 4,
          column: 42,
          message: '*:*:* is already covered by * in statement 1',
        },
      ],
    },
  ],
});
