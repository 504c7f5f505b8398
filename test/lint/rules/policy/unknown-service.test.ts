/** `policy/unknown-service`: literal cases with the message id and position of each finding. */
import { unknownService } from '../../../../src/lint/rules/policy/unknown-service.js';
import { ruleTester } from '../../helpers.js';

ruleTester(unknownService, {
  format: 'json',
  valid: [
    {
      name: 'covered service',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["vpc:vpcs:list"] }
  ]
}`,
    },
    {
      name: 'service wildcard',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["*:*:list"] }
  ]
}`,
    },
  ],
  invalid: [
    {
      name: 'OBS',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["obs:bucket:ListAllMyBuckets", "obs:object:GetObject"] }
  ]
}`,
      errors: [{ messageId: 'uncovered', line: 4, column: 37 }],
    },
    {
      name: 'two services',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["smn:topic:list"] },
    { "Effect": "Allow", "Action": ["bms:servers:list"] }
  ]
}`,
      errors: [
        { messageId: 'uncovered', line: 4, column: 37 },
        { messageId: 'uncovered', line: 5, column: 37 },
      ],
    },
  ],
});
