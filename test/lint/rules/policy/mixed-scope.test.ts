/** `policy/mixed-scope`: literal cases with the message id and position of each finding. */
import { mixedScope } from '../../../../src/lint/rules/policy/mixed-scope.js';
import { ruleTester } from '../../helpers.js';

ruleTester(mixedScope, {
  format: 'json',
  valid: [
    {
      name: 'project-level only',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:create", "vpc:vpcs:list"] }
  ]
}`,
    },
    {
      name: 'global only',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["iam:agencies:listAgencies"] }
  ]
}`,
    },
    {
      name: '5.0 is not checked',
      code: `{
  "Version": "5.0",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:create", "iam:agencies:listAgencies"] }
  ]
}`,
    },
  ],
  invalid: [
    {
      name: 'RDS with IAM',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["rds:instance:create", "iam:agencies:listAgencies"] }
  ]
}`,
      errors: [
        {
          messageId: 'mixed',
          line: 4,
          column: 60,
          message:
            'this policy mixes global-service actions (iam: iam:agencies:listAgencies) with project-level actions (rds: rds:instance:create)',
        },
      ],
    },
    {
      name: 'global first, in two statements',
      code: `{
  "Version": "1.1",
  "Statement": [
    { "Effect": "Allow", "Action": ["bss:order:pay"] },
    { "Effect": "Allow", "Action": ["rds:instance:create"] }
  ]
}`,
      errors: [
        {
          messageId: 'mixed',
          line: 5,
          column: 37,
          message:
            'this policy mixes global-service actions (bss: bss:order:pay) with project-level actions (rds: rds:instance:create)',
        },
      ],
    },
  ],
});
