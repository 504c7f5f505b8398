/** `policy/action-case`: literal cases with the message id and position of each finding. */
import { actionCase } from '../../../../src/lint/rules/policy/action-case.js';
import { ruleTester } from '../../helpers.js';

ruleTester(actionCase, {
  format: 'json',
  valid: [
    {
      name: 'lower-case service',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:list"] }
  ]
}`,
    },
    {
      name: 'upper-case operation is fine',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:Instance:List"] }
  ]
}`,
    },
    {
      name: 'v1.0 roles are not checked',
      code: `{
  "Version": "1.0",
  "Statement": [
    { "Effect": "Allow", "Action": ["DNS:Zone:*"] }
  ]
}`,
    },
  ],
  invalid: [
    {
      name: 'upper-case service',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["RDS:instance:list"] }
  ]
}`,
      errors: [
        {
          messageId: 'upper',
          line: 4,
          column: 37,
          message: 'the service part of RDS:instance:list is not lower-case',
        },
      ],
    },
    {
      name: 'mixed case, second entry',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:list", "Dli:queue:*"] }
  ]
}`,
      errors: [
        {
          messageId: 'upper',
          line: 4,
          column: 58,
          message: 'the service part of Dli:queue:* is not lower-case',
        },
      ],
    },
  ],
});
