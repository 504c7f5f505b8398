/** `policy/invalid-document`: literal cases with the message id and position of each finding. */
import { invalidDocument } from '../../../../src/lint/rules/policy/invalid-document.js';
import { ruleTester } from '../../helpers.js';

ruleTester(invalidDocument, {
  format: 'json',
  valid: [
    {
      name: 'valid 1.1',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:list"] }
  ]
}`,
    },
    {
      name: 'valid 5.0',
      code: `{
  "Version": "5.0",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:list"] }
  ]
}`,
    },
  ],
  invalid: [
    {
      name: 'Effect with a leading space',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": " Allow", "Action": ["rds:instance:list"] }
  ]
}`,
      errors: [
        {
          messageId: 'invalid',
          line: 4,
          column: 7,
          message: 'Statement[0].Effect must be "Allow" or "Deny", got " Allow"',
        },
      ],
    },
    {
      name: 'missing Statement',
      code: `{
  "Version": "1.1"
}`,
      errors: [
        {
          messageId: 'invalid',
          line: 1,
          column: 1,
          message: 'the policy document is missing "Statement"',
        },
      ],
    },
    {
      name: 'Action not a list',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": 42 }
  ]
}`,
      errors: [
        {
          messageId: 'invalid',
          line: 4,
          column: 26,
          message: 'Statement[0].Action must be a string or a list, got the number 42',
        },
      ],
    },
  ],
});
