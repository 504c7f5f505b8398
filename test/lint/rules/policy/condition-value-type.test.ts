/** `policy/condition-value-type`: literal cases with the message id and position of each finding. */
import { conditionValueType } from '../../../../src/lint/rules/policy/condition-value-type.js';
import { ruleTester } from '../../helpers.js';

ruleTester(conditionValueType, {
  format: 'json',
  valid: [
    {
      name: 'Bool true',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:restart"], "Condition": { "Bool": { "g:MFAPresent": ["true"] } } }
  ]
}`,
    },
    {
      name: 'ISO date',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:restart"], "Condition": { "DateLessThan": { "g:CurrentTime": ["2026-01-31T23:59:59Z"] } } }
  ]
}`,
    },
  ],
  invalid: [
    {
      name: 'Bool yes',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:restart"], "Condition": { "Bool": { "g:MFAPresent": ["yes"] } } }
  ]
}`,
      errors: [
        {
          messageId: 'bad-value',
          line: 4,
          column: 104,
          message: 'Bool value for g:MFAPresent must be "true" or "false", got "yes"',
        },
      ],
    },
    {
      name: 'date not ISO',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:restart"], "Condition": { "DateLessThan": { "g:CurrentTime": ["31/01/2026"] } } }
  ]
}`,
      errors: [
        {
          messageId: 'bad-value',
          line: 4,
          column: 113,
          message:
            'DateLessThan value for g:CurrentTime must be an ISO 8601 date such as 2012-11-11T23:59:59Z, got "31/01/2026"',
        },
      ],
    },
    {
      name: 'number not numeric',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:restart"], "Condition": { "NumberLessThan": { "g:MFAAge": ["ten"] } } }
  ]
}`,
      errors: [
        {
          messageId: 'bad-value',
          line: 4,
          column: 110,
          message: 'NumberLessThan value for g:MFAAge must be a number such as 3600, got "ten"',
        },
      ],
    },
  ],
});
