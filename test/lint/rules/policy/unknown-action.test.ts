/** `policy/unknown-action`: literal cases with the message id and position of each finding. */
import { unknownAction } from '../../../../src/lint/rules/policy/unknown-action.js';
import { ruleTester } from '../../helpers.js';

ruleTester(unknownAction, {
  format: 'json',
  valid: [
    {
      name: 'known action',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:list"] }
  ]
}`,
    },
    {
      name: 'uncovered service',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["obs:bucket:ListAllMyBuckets"] }
  ]
}`,
    },
    {
      name: 'wildcard',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:*"] }
  ]
}`,
    },
  ],
  invalid: [
    {
      name: 'typo',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:lst"] }
  ]
}`,
      errors: [{ messageId: 'unknown', line: 4, column: 37 }],
    },
    {
      name: 'second entry',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:list", "vpc:vpc:get"] }
  ]
}`,
      errors: [{ messageId: 'unknown', line: 4, column: 58 }],
    },
  ],
});
