/**
 * `conditionalPolicy`, table-style: a policy document with parts unknown until apply becomes
 * the exact known part plus Deny statements under `permgraph:KnownAfterApply`, as wide as the
 * unknown parts may make them; Allow statements with unknown parts are left out.
 */
import { describe, expect, it } from 'vitest';
import { conditionalPolicy, knownStructure } from '../../src/import/terraform/conditional-deny.js';
import { PartialText, Unknown, type Value } from '../../src/import/terraform/values.js';

const x = new Unknown('var.x is unknown');
const maybe = { Bool: { 'permgraph:KnownAfterApply': ['true'] } };
const doc = (...Statement: Value[]): Value => ({ Version: '1.1', Statement });

describe('conditionalPolicy', () => {
  const cases: { name: string; tree: Value; uncertain?: string; statements: unknown[] }[] = [
    {
      name: 'an unknown Resource element: the known resources for sure, any resource maybe',
      tree: doc({
        Effect: 'Deny',
        Action: ['obs:object:delete'],
        Resource: ['obs:*:*:bucket:a', x],
      }),
      statements: [
        { Effect: 'Deny', Action: ['obs:object:delete'], Resource: ['obs:*:*:bucket:a'] },
        { Effect: 'Deny', Action: ['obs:object:delete'], Condition: maybe },
      ],
    },
    {
      name: 'an unknown NotAction element: the known exceptions only, maybe',
      tree: doc({ Effect: 'Deny', NotAction: ['rds:instance:list', x] }),
      statements: [{ Effect: 'Deny', NotAction: ['rds:instance:list'], Condition: maybe }],
    },
    {
      name: 'an unknown Effect: a conditional Deny',
      tree: doc({ Effect: x, Action: ['rds:instance:delete'] }),
      statements: [{ Effect: 'Deny', Action: ['rds:instance:delete'], Condition: maybe }],
    },
    {
      name: 'an unknown statement: a conditional Deny of any action',
      tree: doc({ Effect: 'Allow', Action: ['rds:*:*'] }, x),
      statements: [
        { Effect: 'Allow', Action: ['rds:*:*'] },
        { Effect: 'Deny', Action: ['*:*:*'], Condition: maybe },
      ],
    },
    {
      name: 'an unknown condition key: dropped, the known ones and the Bool operator merged',
      tree: doc({
        Effect: 'Deny',
        Action: ['rds:instance:delete'],
        Condition: { Bool: { 'g:MFAPresent': ['false'] }, StringEquals: { 'g:UserName': [x] } },
      }),
      statements: [
        {
          Effect: 'Deny',
          Action: ['rds:instance:delete'],
          Condition: {
            Bool: { 'g:MFAPresent': ['false'], 'permgraph:KnownAfterApply': ['true'] },
          },
        },
      ],
    },
    {
      name: 'a policy that may not exist: its Denies conditional, its Allows left out',
      tree: doc({ Effect: 'Allow', Action: ['rds:*:*'] }, { Effect: 'Deny', Action: ['rds:a:b'] }),
      uncertain: 'its count is unknown',
      statements: [{ Effect: 'Deny', Action: ['rds:a:b'], Condition: maybe }],
    },
  ];

  for (const c of cases)
    it(c.name, () => {
      const { document } = conditionalPolicy(c.tree, '1.1', c.uncertain);
      expect(document?.Statement).toEqual(c.statements);
    });

  it('a policy that may not exist and holds no Deny: nothing is left, and the note says why', () => {
    const result = conditionalPolicy(doc({ Effect: 'Allow', Action: ['rds:*:*'] }), '1.1', 'u');
    expect(result).toEqual({
      document: undefined,
      notes: [
        'u; the policy and its grants are left out (it holds no Deny, and leaving out an Allow never adds access)',
      ],
    });
  });
});

describe('knownStructure of a heredoc with unknown interpolations', () => {
  it('reads a mark inside a string, and one standing for a whole value', () => {
    const inString = new PartialText('r', [
      '{"Statement": [{"Effect": "Deny", "Action": ["',
      x,
      '"]}]}',
    ]);
    const whole = new PartialText('r', ['{"Statement": [{"Effect": "Deny", "Action": ', x, '}]}']);
    expect(knownStructure(inString)).toEqual({
      Statement: [{ Effect: 'Deny', Action: [new Unknown('var.x is unknown')] }],
    });
    expect(knownStructure(whole)).toEqual({
      Statement: [{ Effect: 'Deny', Action: new Unknown('var.x is unknown') }],
    });
  });

  it('text that is not JSON either way stays unknown as a whole', () => {
    const mixed = new PartialText('r', ['{"a": "', x, '", "b": ', x, '}']);
    expect(knownStructure(mixed)).toBeInstanceOf(Unknown);
  });
});
