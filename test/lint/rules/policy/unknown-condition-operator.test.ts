/** `policy/unknown-condition-operator`: literal cases with the message id and position of each finding. */
import { unknownConditionOperator } from '../../../../src/lint/rules/policy/unknown-condition-operator.js';
import { ruleTester } from '../../helpers.js';

ruleTester(unknownConditionOperator, {
  format: 'json',
  valid: [
    {
      name: 'IfExists form',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:list"], "Condition": { "StringEndWithIfExists": { "g:UserName": ["-ops"] } } }
  ]
}`,
    },
    {
      name: 'set prefix',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:list"], "Condition": { "ForAnyValue:StringEquals": { "g:UserName": ["a"] } } }
  ]
}`,
    },
  ],
  invalid: [
    {
      name: 'letters swapped',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:list"], "Condition": { "StringEndWithIfExsits": { "g:UserName": ["-ops"] } } }
  ]
}`,
      errors: [
        {
          messageId: 'unknown',
          line: 4,
          column: 74,
          message:
            'unknown condition operator "StringEndWithIfExsits"; did you mean "StringEndWithIfExists"?',
        },
      ],
    },
    {
      name: 'Null with IfExists',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:list"], "Condition": { "NullIfExists": { "g:UserName": ["true"] } } }
  ]
}`,
      errors: [
        {
          messageId: 'null-if-exists',
          line: 4,
          column: 74,
          message: '"NullIfExists": IfExists is not allowed on Null',
        },
      ],
    },
  ],
});
