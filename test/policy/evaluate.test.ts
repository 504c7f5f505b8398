import { describe, it, expect } from 'vitest';
import {
  compileStatement,
  matchStatement,
  type StatementRequest,
} from '../../src/policy/evaluate.js';
import type { PolicyVersion, RequestContext, Statement } from '../../src/policy/types.js';

const noContext: RequestContext = new Map();

function match(
  statement: Omit<Statement, 'index'>,
  request: Partial<StatementRequest>,
  version: PolicyVersion = '1.1',
) {
  const compiled = compileStatement({ index: 0, ...statement }, version);
  return matchStatement(compiled, {
    action: 'rds:instance:create',
    context: noContext,
    ...request,
  });
}

describe('matchStatement: actions', () => {
  it('matches the first Action pattern that applies', () => {
    expect(match({ effect: 'Allow', action: ['ecs:*:*', 'rds:*:*'] }, {})).toEqual({
      truth: 'true',
      actionMatched: true,
      matchedPattern: 'rds:*:*',
      unknownResource: false,
      conditionTruth: 'true',
      unknownKeys: [],
      failed: [],
      unknownOperators: [],
    });
  });

  it('is false when no Action pattern applies', () => {
    expect(match({ effect: 'Allow', action: ['rds:backup:*'] }, {})).toMatchObject({
      truth: 'false',
      reason: 'action',
      actionMatched: false,
    });
  });

  it('applies NotAction to every action it does not list', () => {
    const statement = { effect: 'Deny' as const, notAction: ['iam:*:*', 'rds:backup:*'] };
    expect(match(statement, {}, '5.0')).toMatchObject({ truth: 'true', actionMatched: true });
    expect(match(statement, { action: 'iam:users:listUsers' }, '5.0')).toMatchObject({
      truth: 'false',
      reason: 'not-action',
      excludedBy: 'iam:*:*',
    });
  });

  it('removes actions matched by ExcludeAction', () => {
    const statement = { effect: 'Allow' as const, action: ['*:*:*'], excludeAction: ['iam:*:*'] };
    expect(match(statement, {}).truth).toBe('true');
    expect(match(statement, { action: 'iam:users:listUsers' })).toMatchObject({
      truth: 'false',
      reason: 'excluded',
      matchedPattern: '*:*:*',
      excludedBy: 'iam:*:*',
    });
  });

  it('never matches through a malformed pattern', () => {
    expect(match({ effect: 'Allow', action: ['rds:*'] }, {}).truth).toBe('false');
  });
});

describe('matchStatement: resources', () => {
  const dli = {
    effect: 'Allow' as const,
    action: ['dli:table:select'],
    resource: ['dli:*:*:table:databases.db1.tables.*'],
  };
  const action = 'dli:table:select';

  it('matches a named resource against the Resource patterns', () => {
    expect(
      match(dli, { action, resource: 'dli:cn-north-1:d1:table:databases.db1.tables.t1' }),
    ).toMatchObject({
      truth: 'true',
      matchedResource: 'dli:*:*:table:databases.db1.tables.*',
    });
  });

  it('is false for a known resource outside the patterns', () => {
    expect(
      match(dli, { action, resource: 'dli:cn-north-1:d1:table:databases.db2.tables.t1' }),
    ).toMatchObject({
      truth: 'false',
      reason: 'resource',
      actionMatched: true,
      matchedPattern: 'dli:table:select',
    });
  });

  it('is unknown when the statement names resources and the request does not', () => {
    expect(match(dli, { action })).toMatchObject({
      truth: 'unknown',
      unknownResource: true,
      conditionTruth: 'true',
    });
  });

  it('covers every resource with Resource "*"', () => {
    expect(match({ ...dli, resource: ['*'] }, { action })).toMatchObject({
      truth: 'true',
      unknownResource: false,
    });
  });
});

describe('matchStatement: conditions', () => {
  const mfa = {
    effect: 'Allow' as const,
    action: ['rds:*:*'],
    condition: { Bool: { 'g:MFAPresent': ['true'] } },
  };

  it.each([
    [new Map([['g:mfapresent', ['true']]]), 'true'],
    [new Map([['g:mfapresent', ['false']]]), 'false'],
    [new Map<string, string[] | null>([['g:mfapresent', null]]), 'false'],
    [noContext, 'unknown'],
  ] as const)('combines the condition %j → %s', (context, expected) => {
    expect(match(mfa, { context }).truth).toBe(expected);
  });

  it('reports the keys a conditional answer depends on', () => {
    expect(match(mfa, {})).toMatchObject({
      truth: 'unknown',
      conditionTruth: 'unknown',
      unknownKeys: ['g:MFAPresent'],
    });
  });

  it('reports the failed condition', () => {
    const context = new Map([['g:mfapresent', ['false']]]);
    expect(match(mfa, { context })).toMatchObject({
      truth: 'false',
      reason: 'condition',
      failed: [{ operator: 'Bool', key: 'g:MFAPresent', values: ['true'] }],
    });
  });

  it('is false when the resource is unknown but a condition is false', () => {
    const statement = { ...mfa, resource: ['rds:*:*:instance:*'] };
    const context = new Map([['g:mfapresent', ['false']]]);
    expect(match(statement, { context })).toMatchObject({
      truth: 'false',
      unknownResource: true,
      reason: 'condition',
    });
  });

  it('does not look at conditions when the action does not match', () => {
    expect(match(mfa, { action: 'ecs:cloudServers:list' }).conditionTruth).toBeUndefined();
  });
});
