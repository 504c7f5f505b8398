/** `policy/deprecated-action-name`: literal cases with the message id and position of each finding. */
import { deprecatedActionName } from '../../../../src/lint/rules/policy/deprecated-action-name.js';
import { ruleTester } from '../../helpers.js';

ruleTester(deprecatedActionName, {
  format: 'json',
  valid: [
    {
      name: 'current name',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["dli:queue:submitJob"] }
  ]
}`,
    },
    {
      name: 'wildcard',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["dli:queue:*"] }
  ]
}`,
    },
  ],
  invalid: [
    {
      name: 'snake_case DLI action',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["dli:queue:submit_job"] }
  ]
}`,
      errors: [
        {
          messageId: 'alias',
          line: 4,
          column: 37,
          message: 'dli:queue:submit_job is an older spelling of dli:queue:submitJob',
        },
      ],
    },
  ],
});
