/** `policy/pattern-matches-nothing`: literal cases with the message id and position of each finding. */
import { patternMatchesNothing } from '../../../../src/lint/rules/policy/pattern-matches-nothing.js';
import { ruleTester } from '../../helpers.js';

ruleTester(patternMatchesNothing, {
  format: 'json',
  valid: [
    {
      name: 'wildcard that matches',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:*"] }
  ]
}`,
    },
    {
      name: 'uncovered service',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["obs:*:get*"] }
  ]
}`,
    },
    {
      name: '? in 5.0',
      code: `{
  "Version": "5.0",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:lis?"] }
  ]
}`,
    },
  ],
  invalid: [
    {
      name: 'old resource type',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:rds:*"] }
  ]
}`,
      errors: [{ messageId: 'no-match', line: 4, column: 37 }],
    },
    {
      name: 'two parts',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["functiongraph:*"] }
  ]
}`,
      errors: [
        {
          messageId: 'malformed',
          line: 4,
          column: 37,
          message: 'functiongraph:* is not service:resourceType:operation, so it matches no action',
        },
      ],
    },
    {
      name: '? in 1.1',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:lis?*"] }
  ]
}`,
      errors: [
        {
          messageId: 'question-mark',
          line: 4,
          column: 37,
          message:
            'rds:instance:lis?* matches no action of rds: "?" is a wildcard only in Version 5.0 policies',
        },
      ],
    },
  ],
});
