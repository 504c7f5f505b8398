import { describe, it, expect } from 'vitest';
import { PermgraphError } from '../../src/errors.js';
import { parseSourceText } from '../../src/model/source.js';
import {
  parsePolicyDocument,
  unwrapPolicyDocument,
  validatePolicyDocument,
} from '../../src/policy/parse.js';

function json(value: unknown, file = 'policy.json') {
  return parseSourceText(JSON.stringify(value, null, 2), file);
}

function parseError(value: unknown): PermgraphError {
  try {
    parsePolicyDocument(json(value));
  } catch (error) {
    if (error instanceof PermgraphError) return error;
    throw error;
  }
  throw new Error('expected a PermgraphError');
}

function messages(value: unknown): string[] {
  return validatePolicyDocument(json(value)).map((p) => p.message);
}

const allow = (extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Action: ['rds:*:*'],
  ...extra,
});

describe('parsePolicyDocument', () => {
  it('normalises a 1.1 policy: single strings become lists, condition values become strings', () => {
    const doc = parseSourceText(
      `{
  "Version": "1.1",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "obs:bucket:ListBucket",
      "Resource": "obs:*:*:bucket:logs",
      "Condition": { "Bool": { "g:MFAPresent": true }, "NumberLessThan": { "g:MFAAge": [3600] } }
    },
    { "Effect": "Deny", "Action": ["obs:object:DeleteObject"] }
  ]
}`,
      'p.json',
    );
    expect(parsePolicyDocument(doc)).toEqual({
      version: '1.1',
      depends: [],
      statements: [
        {
          effect: 'Allow',
          index: 0,
          position: { file: 'p.json', line: 4, column: 5, path: 'Statement[0]' },
          action: ['obs:bucket:ListBucket'],
          resource: ['obs:*:*:bucket:logs'],
          condition: {
            Bool: { 'g:MFAPresent': ['true'] },
            NumberLessThan: { 'g:MFAAge': ['3600'] },
          },
        },
        {
          effect: 'Deny',
          index: 1,
          position: { file: 'p.json', line: 10, column: 5, path: 'Statement[1]' },
          action: ['obs:object:DeleteObject'],
        },
      ],
    });
  });

  it('keeps the URIs of an agency policy resource', () => {
    const parsed = parsePolicyDocument(
      json({
        Version: '1.1',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['iam:agencies:assume'],
            Resource: { uri: ['/iam/agencies/07a1'] },
          },
        ],
      }),
    );
    expect(parsed.statements[0]?.resource).toEqual(['/iam/agencies/07a1']);
  });

  it('reads a 1.0 role with its Depends', () => {
    const parsed = parsePolicyDocument(
      json({
        Version: '1.0',
        Statement: [{ Effect: 'Allow', Action: ['DNS:Zone:*'] }],
        Depends: [{ catalog: 'BASE', display_name: 'Tenant Guest' }],
      }),
    );
    expect(parsed.version).toBe('1.0');
    expect(parsed.depends).toEqual([{ catalog: 'BASE', display_name: 'Tenant Guest' }]);
  });

  it('reads a 5.0 policy with Sid and NotAction', () => {
    const parsed = parsePolicyDocument(
      json({
        Version: '5.0',
        Statement: [{ Sid: 'NoIam', Effect: 'Deny', NotAction: 'iam:*:*', Resource: ['*'] }],
      }),
    );
    expect(parsed.statements[0]).toMatchObject({
      sid: 'NoIam',
      notAction: ['iam:*:*'],
      resource: ['*'],
    });
    expect(parsed.statements[0]?.action).toBeUndefined();
  });

  it('rejects " Allow" with the value and its position', () => {
    const error = parseError({
      Version: '1.1',
      Statement: [{ Effect: ' Allow', Action: ['rds:*:*'] }],
    });
    expect(error.code).toBe('E_POLICY');
    expect(error.message).toBe('Statement[0].Effect must be "Allow" or "Deny", got " Allow"');
    expect(error.position).toEqual({
      file: 'policy.json',
      line: 5,
      column: 7,
      path: 'Statement[0].Effect',
    });
  });

  it('positions errors inside YAML, relative to a base path', () => {
    const doc = parseSourceText(
      'policies:\n  - name: ops\n    document:\n      Version: "1.1"\n      Statement:\n        - Effect: allow\n          Action: [rds:*:*]\n',
      'model.yaml',
    );
    const problems = validatePolicyDocument(doc, ['policies', 0, 'document']);
    expect(problems).toEqual([
      {
        message: 'Statement[0].Effect must be "Allow" or "Deny", got "allow"',
        path: ['policies', 0, 'document', 'Statement', 0, 'Effect'],
        position: {
          file: 'model.yaml',
          line: 6,
          column: 11,
          path: 'policies[0].document.Statement[0].Effect',
        },
      },
    ]);
  });

  it('says how many more problems there are', () => {
    const error = parseError({
      Version: '1.1',
      Statement: [{ Effect: 'allow' }, { Effect: 'Deny' }],
    });
    expect(error.message).toBe('Statement[0] is missing "Action" (and 2 more problems)');
  });
});

describe('validatePolicyDocument', () => {
  it.each([
    [
      { Version: '2.0', Statement: [] },
      ['Version must be "1.0", "1.1" or "5.0", got the string "2.0"'],
    ],
    [
      { Version: 1.1, Statement: [] },
      ['Version must be a string, got the number 1.1; quote it: "Version": "1.1"'],
    ],
    [
      { Statement: [allow()] },
      ['the policy document is missing "Version"; expected "1.0", "1.1" or "5.0"'],
    ],
    [
      ['not', 'an', 'object'],
      ['a policy document must be an object with "Version" and "Statement", got a list'],
    ],
    [{ Version: '1.1' }, ['the policy document is missing "Statement"']],
    [{ Version: '1.1', Statement: [] }, ['Statement must not be an empty list']],
    [{ Version: '1.1', Statement: [{ Effect: 'Allow' }] }, ['Statement[0] is missing "Action"']],
    [
      { Version: '1.1', Statement: [allow({ Action: 5 })] },
      ['Statement[0].Action must be a string or a list, got the number 5'],
    ],
    [
      { Version: '1.1', Statement: [allow({ Action: [] })] },
      ['Statement[0].Action must not be an empty list'],
    ],
    [
      { Version: '1.1', Statement: [allow({ Efect: 'Allow' })] },
      [
        'Statement[0] has an unexpected property "Efect"; allowed: "Effect", "Action", "Resource" and "Condition"',
      ],
    ],
    [
      { Version: '1.1', Statement: [allow({ NotAction: ['iam:*:*'] })] },
      [
        'Statement[0] has an unexpected property "NotAction"; allowed: "Effect", "Action", "Resource" and "Condition"',
      ],
    ],
    [
      { Version: '1.0', Statement: [allow({ Resource: '*' })] },
      ['Statement[0] has an unexpected property "Resource"; allowed: "Effect" and "Action"'],
    ],
    [
      { Version: '1.1', Statement: [allow({ Resource: { urn: ['x'] } })] },
      [
        'Statement[0].Resource is missing "uri"',
        'Statement[0].Resource has an unexpected property "urn"; allowed: "uri"',
      ],
    ],
    [
      {
        Version: '1.1',
        Statement: [allow({ Condition: { Bool: { 'g:MFAPresent': { value: true } } } })],
      },
      [
        'Statement[0].Condition.Bool["g:MFAPresent"] must be a list, a string, a boolean or a number, got an object',
      ],
    ],
    [
      { Version: '5.0', Statement: [{ Effect: 'Deny', Action: ['a:b:c'], NotAction: ['d:e:f'] }] },
      ['Statement[0] must not have both "Action" and "NotAction"'],
    ],
    [
      { Version: '5.0', Statement: [{ Effect: 'Deny' }] },
      ['Statement[0] must have "Action" or "NotAction"'],
    ],
    [
      { Version: '1.1', Statement: [allow({ ExcludeAction: ['iam:*:*'] })] },
      [
        'Statement[0] has an unexpected property "ExcludeAction"; allowed: "Effect", "Action", "Resource" and "Condition"',
      ],
    ],
    [{ Version: '1.1', Depends: [], Statement: [allow()] }, []],
    [{ Version: '5.0', Statement: [allow({ Resource: '*' })] }, []],
  ])('%j → %j', (value, expected) => {
    expect(messages(value)).toEqual(expected);
  });

  it('says when the base path leads nowhere', () => {
    const problems = validatePolicyDocument(json({ policies: [] }), ['policies', 0, 'document']);
    expect(problems.map((p) => p.message)).toEqual([
      'a policy document must be an object with "Version" and "Statement", got nothing',
    ]);
  });

  it('accepts ExcludeAction in catalog documents only', () => {
    const doc = json({
      Version: '1.0',
      Statement: [allow({ Action: ['*:*:*'], ExcludeAction: ['iam:*:*'] })],
    });
    expect(validatePolicyDocument(doc, [], { allowExcludeAction: true })).toEqual([]);
    expect(
      parsePolicyDocument(doc, [], { allowExcludeAction: true }).statements[0]?.excludeAction,
    ).toEqual(['iam:*:*']);
  });
});

describe('unwrapPolicyDocument', () => {
  const policy = { Version: '1.1', Statement: [allow()] };

  it.each([
    [policy, []],
    [{ policy }, ['policy']],
    [{ role: { display_name: 'ops', type: 'XA', policy } }, ['role', 'policy']],
    [{ auth: { identity: { methods: ['token'], policy } } }, ['auth', 'identity', 'policy']],
  ])('finds the document in %j at %j', (value, path) => {
    expect(unwrapPolicyDocument(value)).toEqual({ value: policy, path });
  });

  it('does not search lists or scalars', () => {
    expect(unwrapPolicyDocument({ roles: [{ policy }] })).toBeUndefined();
    expect(unwrapPolicyDocument('policy')).toBeUndefined();
  });

  it('gives a path parsePolicyDocument accepts', () => {
    const doc = json({ role: { policy } });
    const found = unwrapPolicyDocument(doc.value);
    expect(parsePolicyDocument(doc, found?.path).statements[0]?.position).toEqual({
      file: 'policy.json',
      line: 6,
      column: 9,
      path: 'role.policy.Statement[0]',
    });
  });
});
