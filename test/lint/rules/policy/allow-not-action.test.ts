/** `policy/allow-not-action`: literal cases with the message id and position of each finding. */
import { allowNotAction } from '../../../../src/lint/rules/policy/allow-not-action.js';
import { ruleTester } from '../../helpers.js';

ruleTester(allowNotAction, {
  format: 'json',
  valid: [
    {
      name: 'Deny with NotAction',
      code: `{
  "Version": "5.0",
  "Statement": [
    { "Effect": "Deny", "NotAction": ["rds:*:list"] }
  ]
}`,
    },
    {
      name: 'Allow with Action',
      code: `{
  "Version": "5.0",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:*:list"] }
  ]
}`,
    },
  ],
  invalid: [
    {
      name: 'Allow with NotAction',
      code: `{
  "Version": "5.0",
  "Statement": [
    { "Effect": "Allow", "NotAction": ["iam:*:*"] }
  ]
}`,
      errors: [{ messageId: 'allow-not-action', line: 4, column: 26 }],
    },
    {
      name: 'second statement',
      code: `{
  "Version": "5.0",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:list"] },
    { "Effect": "Allow", "NotAction": ["rds:*:*", "iam:*:*"] }
  ]
}`,
      errors: [{ messageId: 'allow-not-action', line: 5, column: 26 }],
    },
  ],
});
