/** `policy/over-limits`: literal cases with the message id and position of each finding. */
import { overLimits } from '../../../../src/lint/rules/policy/over-limits.js';
import { ruleTester } from '../../helpers.js';

ruleTester(overLimits, {
  format: 'json',
  valid: [
    {
      name: 'one statement',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:*:list"] }
  ]
}`,
    },
    {
      name: 'eight statements',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:list"] },
    { "Effect": "Allow", "Action": ["rds:instance:list"] },
    { "Effect": "Allow", "Action": ["rds:instance:list"] },
    { "Effect": "Allow", "Action": ["rds:instance:list"] },
    { "Effect": "Allow", "Action": ["rds:instance:list"] },
    { "Effect": "Allow", "Action": ["rds:instance:list"] },
    { "Effect": "Allow", "Action": ["rds:instance:list"] },
    { "Effect": "Allow", "Action": ["rds:instance:list"] }
  ]
}`,
    },
  ],
  invalid: [
    {
      name: 'nine statements',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:list"] },
    { "Effect": "Allow", "Action": ["rds:instance:list"] },
    { "Effect": "Allow", "Action": ["rds:instance:list"] },
    { "Effect": "Allow", "Action": ["rds:instance:list"] },
    { "Effect": "Allow", "Action": ["rds:instance:list"] },
    { "Effect": "Allow", "Action": ["rds:instance:list"] },
    { "Effect": "Allow", "Action": ["rds:instance:list"] },
    { "Effect": "Allow", "Action": ["rds:instance:list"] },
    { "Effect": "Allow", "Action": ["rds:instance:list"] }
  ]
}`,
      errors: [
        {
          messageId: 'statements',
          line: 12,
          column: 5,
          message: 'the policy has 9 statements; the limit is 8',
        },
      ],
    },
    {
      name: 'eleven resources',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["dli:queue:submitJob"], "Resource": ["dli:*:*:queue:queues.q0", "dli:*:*:queue:queues.q1", "dli:*:*:queue:queues.q2", "dli:*:*:queue:queues.q3", "dli:*:*:queue:queues.q4", "dli:*:*:queue:queues.q5", "dli:*:*:queue:queues.q6", "dli:*:*:queue:queues.q7", "dli:*:*:queue:queues.q8", "dli:*:*:queue:queues.q9", "dli:*:*:queue:queues.q10"] }
  ]
}`,
      errors: [
        {
          messageId: 'resources',
          line: 4,
          column: 61,
          message: 'statement 1 lists 11 resources; the limit is 10',
        },
      ],
    },
  ],
});
