/** `policy/resource-not-supported`: literal cases with the message id and position of each finding. */
import { resourceNotSupported } from '../../../../src/lint/rules/policy/resource-not-supported.js';
import { ruleTester } from '../../helpers.js';

ruleTester(resourceNotSupported, {
  format: 'json',
  valid: [
    {
      name: 'DLI accepts resources',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["dli:queue:submitJob"], "Resource": ["dli:*:*:queue:queues.etl"] }
  ]
}`,
    },
    {
      name: 'no Resource',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:restart"] }
  ]
}`,
    },
  ],
  invalid: [
    {
      name: 'RDS resource',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:restart"], "Resource": ["rds:*:*:instance:prod-*"] }
  ]
}`,
      errors: [
        {
          messageId: 'unsupported',
          line: 4,
          column: 75,
          message:
            'rds:*:*:instance:prod-* names rds, which does not accept resource-level authorization in Version 1.1 policies',
        },
      ],
    },
  ],
});
