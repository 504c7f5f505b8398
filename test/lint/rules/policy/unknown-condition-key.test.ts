/** `policy/unknown-condition-key`: literal cases with the message id and position of each finding. */
import { unknownConditionKey } from '../../../../src/lint/rules/policy/unknown-condition-key.js';
import { ruleTester } from '../../helpers.js';

ruleTester(unknownConditionKey, {
  format: 'json',
  valid: [
    {
      name: 'documented key',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:list"], "Condition": { "StringEquals": { "g:UserName": ["alice"] } } }
  ]
}`,
    },
    {
      name: 'service key',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["obs:object:GetObject"], "Condition": { "StringLike": { "obs:prefix": ["logs/"] } } }
  ]
}`,
    },
  ],
  invalid: [
    {
      name: 'misspelt key',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:list"], "Condition": { "StringEquals": { "g:UserNme": ["alice"] } } }
  ]
}`,
      errors: [
        {
          messageId: 'unknown',
          line: 4,
          column: 92,
          message:
            'condition key "g:UserNme" is not a documented global key; did you mean "g:UserName"?',
        },
      ],
    },
    {
      name: 'no prefix',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:list"], "Condition": { "StringEquals": { "UserName": ["alice"] } } }
  ]
}`,
      errors: [
        {
          messageId: 'no-prefix',
          line: 4,
          column: 92,
          message: 'condition key "UserName" has no prefix; keys are g:<name> or <service>:<name>',
        },
      ],
    },
  ],
});
