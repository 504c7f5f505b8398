import { describe, it, expect } from 'vitest';
import {
  andTruth,
  checkConditionValues,
  evaluateCondition,
  evaluateConditionBlock,
} from '../../src/policy/condition.js';
import type { RequestContext, Truth } from '../../src/policy/types.js';

/** A context from plain entries; keys are stored lower-case, as the engine stores them. */
function ctx(entries: Record<string, string | string[] | null>): RequestContext {
  return new Map(
    Object.entries(entries).map(([k, v]) => [k.toLowerCase(), typeof v === 'string' ? [v] : v]),
  );
}

const empty = ctx({});

function check(
  operator: string,
  values: string[],
  request: string | string[] | null | undefined,
): Truth {
  const context = request === undefined ? empty : ctx({ 'g:Key': request });
  return evaluateCondition(operator, 'g:Key', values, context);
}

describe('string operators', () => {
  it.each([
    ['StringEquals', ['alice'], 'alice', 'true'],
    ['StringEquals', ['alice'], 'Alice', 'false'],
    ['StringEquals', ['bob', 'alice'], 'alice', 'true'],
    ['StringNotEquals', ['bob', 'alice'], 'alice', 'false'],
    ['StringNotEquals', ['bob', 'alice'], 'carol', 'true'],
    ['StringNotEquals', ['alice'], 'Alice', 'true'],
    ['StringEqualsIgnoreCase', ['ALICE'], 'alice', 'true'],
    ['StringNotEqualsIgnoreCase', ['ALICE', 'bob'], 'Bob', 'false'],
    ['StringLike', ['dev'], 'team-dev-01', 'true'],
    ['StringLike', ['dev*01'], 'my-dev-01', 'true'],
    ['StringLike', ['DEV'], 'team-dev', 'true'],
    ['StringNotLike', ['dev', 'test'], 'prod-1', 'true'],
    ['StringNotLike', ['dev', 'test'], 'test-1', 'false'],
    ['StringMatch', ['dev-??'], 'dev-01', 'true'],
    ['StringMatch', ['dev-*'], 'xdev-01', 'false'],
    ['StringMatch', ['dev-*'], 'DEV-01', 'false'],
    ['StringNotMatch', ['dev-*'], 'prod-01', 'true'],
    ['StringStartWith', ['TestUser'], 'testuser7', 'true'],
    ['StringStartWith', ['TestUser'], 'user7', 'false'],
    ['StringNotStartWith', ['TestUser'], 'user7', 'true'],
    ['StringEndWith', ['specialCharacter'], 'xSpecialCharacter', 'true'],
    ['StringNotEndWith', ['x'], 'abx', 'false'],
    ['StringEqualsAnyOf', ['a', 'b'], 'b', 'true'],
    ['StringEqualsAnyOf', ['a', 'b'], 'B', 'false'],
    ['StringNotEqualsAnyOf', ['a', 'b'], 'c', 'true'],
    ['StringNotEqualsAnyOf', ['a', 'b'], 'a', 'false'],
    ['StringEqualsIgnoreCaseAnyOf', ['a', 'b'], 'B', 'true'],
    ['StringNotEqualsIgnoreCaseAnyOf', ['a', 'b'], 'B', 'false'],
    ['StringLikeAnyOf', ['x', 'dev'], 'a-dev', 'true'],
    ['StringNotLikeAnyOf', ['x', 'dev'], 'a-dev', 'false'],
    ['StringStartWithAnyOf', ['cn-', 'eu-'], 'eu-de', 'true'],
    ['StringNotStartWithAnyOf', ['cn-', 'eu-'], 'eu-de', 'false'],
    ['StringEndWithAnyOf', ['-1', '-4'], 'cn-north-4', 'true'],
    ['StringNotEndWithAnyOf', ['-1', '-4'], 'cn-north-9', 'true'],
  ] as const)('%s %j with %j → %s', (operator, values, request, expected) => {
    expect(check(operator, [...values], request)).toBe(expected);
  });

  it('matches operator names case-insensitively', () => {
    expect(check('stringequals', ['alice'], 'alice')).toBe('true');
    expect(check('STRINGEQUALSIFEXISTS', ['alice'], null)).toBe('true');
  });

  it('matches condition keys case-insensitively', () => {
    expect(
      evaluateCondition('StringEquals', 'G:USERNAME', ['alice'], ctx({ 'g:UserName': 'alice' })),
    ).toBe('true');
  });
});

describe('number, date, bool and IP operators', () => {
  it.each([
    ['NumberEquals', ['300'], '300.0', 'true'],
    ['NumberNotEquals', ['300', '600'], '600', 'false'],
    ['NumberLessThan', ['3600'], '120', 'true'],
    ['NumberLessThan', ['3600'], '3600', 'false'],
    ['NumberLessThanEquals', ['3600'], '3600', 'true'],
    ['NumberGreaterThan', ['10'], '9', 'false'],
    ['NumberGreaterThanEquals', ['10'], '10', 'true'],
    ['NumberEqualsAnyOf', ['1', '2'], '2', 'true'],
    ['NumberNotEqualsAnyOf', ['1', '2'], '3', 'true'],
    ['NumberEquals', ['300'], 'abc', 'false'],
    ['DateLessThan', ['2030-01-01T00:00:00Z'], '2026-06-30T12:00:00Z', 'true'],
    ['DateLessThan', ['2030-01-01T00:00:00Z'], '2030-01-01T00:00:00Z', 'false'],
    ['DateLessThanEquals', ['2030-01-01T00:00:00Z'], '2030-01-01T08:00:00+08:00', 'true'],
    ['DateGreaterThan', ['2026-01-01'], '2026-01-01T00:00:01Z', 'true'],
    ['DateGreaterThanEquals', ['2026-01-01T00:00:00Z'], '2025-12-31T23:59:59Z', 'false'],
    ['Bool', ['true'], 'true', 'true'],
    ['Bool', ['true'], 'false', 'false'],
    ['Bool', ['TRUE'], 'true', 'true'],
    ['IpAddress', ['192.0.2.0/24'], '192.0.2.77', 'true'],
    ['IpAddress', ['192.0.2.0/24'], '192.0.3.1', 'false'],
    ['IpAddress', ['10.0.0.0/8', '192.0.2.0/24'], '10.200.1.1', 'true'],
    ['IpAddress', ['203.0.113.5'], '203.0.113.5', 'true'],
    ['IpAddress', ['192.0.2.0/24'], '::ffff:192.0.2.9', 'true'],
    ['IpAddress', ['2001:db8::/32'], '2001:db8:1234::1', 'true'],
    ['IpAddress', ['2001:db8::/32'], '2001:db9::1', 'false'],
    ['IpAddress', ['2001:db8::/32'], '192.0.2.1', 'false'],
    ['IpAddress', ['0.0.0.0/0'], '8.8.8.8', 'true'],
    ['NotIpAddress', ['192.0.2.0/24'], '198.51.100.1', 'true'],
    ['NotIpAddress', ['192.0.2.0/24'], '192.0.2.1', 'false'],
  ] as const)('%s %j with %j → %s', (operator, values, request, expected) => {
    expect(check(operator, [...values], request)).toBe(expected);
  });

  it('makes a comparison with a malformed policy value false, negated or not', () => {
    expect(check('DateLessThan', ['next tuesday'], '2026-01-01T00:00:00Z')).toBe('false');
    expect(check('Bool', ['yes'], 'true')).toBe('false');
    expect(check('NumberNotEquals', ['ten'], '3')).toBe('false');
    expect(check('IpAddress', ['192.0.2.0/33'], '192.0.2.1')).toBe('false');
  });
});

describe('absent and unknown keys', () => {
  it.each([
    ['StringEquals', null, 'false'],
    ['StringNotEquals', null, 'false'],
    ['StringEqualsIfExists', null, 'true'],
    ['StringNotEqualsIfExists', null, 'true'],
    ['StringEquals', undefined, 'unknown'],
    ['StringEqualsIfExists', undefined, 'unknown'],
    ['ForAnyValue:StringEquals', null, 'false'],
    ['ForAnyValue:StringEquals', [], 'false'],
    ['ForAllValues:StringEquals', null, 'true'],
    ['ForAllValues:StringEquals', [], 'true'],
    ['ForAllValues:StringEquals', undefined, 'unknown'],
    ['ForAnyValue:StringEqualsIfExists', null, 'true'],
  ] as const)('%s on %j → %s', (operator, request, expected) => {
    expect(
      check(operator, ['dev'], request === null || request === undefined ? request : [...request]),
    ).toBe(expected);
  });

  it.each([
    [['true'], null, 'true'],
    [['true'], ['x'], 'false'],
    [['false'], ['x'], 'true'],
    [['false'], null, 'false'],
    [['true'], undefined, 'unknown'],
  ] as const)('Null %j on %j → %s', (values, request, expected) => {
    expect(
      check(
        'Null',
        [...values],
        request === null || request === undefined ? request : [...request],
      ),
    ).toBe(expected);
  });

  it('evaluates the unary presence operators', () => {
    expect(check('IsNullOrEmpty', [], null)).toBe('true');
    expect(check('IsNullOrEmpty', [], [''])).toBe('true');
    expect(check('IsNullOrEmpty', [], ['x'])).toBe('false');
    expect(check('IsNull', [], null)).toBe('true');
    expect(check('IsNotNull', [], ['x'])).toBe('true');
  });
});

describe('multi-valued requests', () => {
  const tags = ['team', 'cost'];
  it.each([
    ['ForAllValues:StringEquals', ['team', 'cost', 'env'], 'true'],
    ['ForAllValues:StringEquals', ['team'], 'false'],
    ['ForAnyValue:StringEquals', ['cost'], 'true'],
    ['ForAnyValue:StringEquals', ['env'], 'false'],
    ['ForAnyValue:StringNotEquals', ['team'], 'true'],
    ['ForAllValues:StringNotEquals', ['env'], 'true'],
    ['ForAllValues:StringNotEquals', ['team'], 'false'],
    ['StringEquals', ['cost'], 'true'],
    ['StringNotEquals', ['cost'], 'false'],
  ] as const)('%s %j with [team, cost] → %s', (operator, values, expected) => {
    expect(check(operator, [...values], tags)).toBe(expected);
  });
});

describe('evaluateConditionBlock', () => {
  const context = ctx({ 'g:UserName': 'TestUser7', 'g:MFAPresent': 'true', 'g:ProjectName': null });

  it('ANDs operators and keys, and reports failed and unknown parts', () => {
    const result = evaluateConditionBlock(
      {
        StringStartWith: { 'g:UserName': ['TestUser'] },
        Bool: { 'g:MFAPresent': ['false'] },
        StringEquals: { 'g:DomainName': ['acme'] },
      },
      context,
    );
    expect(result).toEqual({
      truth: 'false',
      unknownKeys: ['g:DomainName'],
      failed: [{ operator: 'Bool', key: 'g:MFAPresent', values: ['false'] }],
      unknownOperators: [],
    });
  });

  it('is unknown when nothing is false and a key is unknown', () => {
    const result = evaluateConditionBlock(
      { Bool: { 'g:MFAPresent': ['true'] }, StringEquals: { 'g:DomainName': ['acme'] } },
      context,
    );
    expect(result.truth).toBe('unknown');
    expect(result.unknownKeys).toEqual(['g:DomainName']);
  });

  it('is true for an IfExists condition on a known-absent key', () => {
    expect(
      evaluateConditionBlock({ StringEqualsIfExists: { 'g:ProjectName': ['cn-north-4'] } }, context)
        .truth,
    ).toBe('true');
  });

  it('counts a misspelt operator as unknown and names it', () => {
    const result = evaluateConditionBlock(
      { StringEndWithIfExsits: { 'g:UserName': ['7'] } },
      context,
    );
    expect(result).toEqual({
      truth: 'unknown',
      unknownKeys: [],
      failed: [],
      unknownOperators: ['StringEndWithIfExsits'],
    });
  });

  it('is true for an empty block', () => {
    expect(evaluateConditionBlock({}, context).truth).toBe('true');
  });
});

describe('andTruth', () => {
  it.each([
    [['true', 'true'], 'true'],
    [['true', 'unknown'], 'unknown'],
    [['unknown', 'false'], 'false'],
    [[], 'true'],
  ] as const)('%j → %s', (values, expected) => {
    expect(andTruth(...values)).toBe(expected);
  });
});

describe('checkConditionValues', () => {
  it('reports values that do not parse for their operator', () => {
    const problems = checkConditionValues({
      Bool: { 'g:MFAPresent': ['yes'] },
      DateLessThan: { 'g:CurrentTime': ['2026-01-01T00:00:00Z', '01/02/2026'] },
      NumberLessThan: { 'g:MFAAge': ['1h'] },
      IpAddressIfExists: { 'g:SourceIp': ['10.0.0.0/40'] },
      Null: { 'g:UserId': ['maybe'] },
      StringEquals: { 'g:UserName': ['anything'] },
      StringEqualsIfExsits: { 'g:UserName': ['x'] },
    });
    expect(problems.map((p) => p.message)).toEqual([
      'Bool value for g:MFAPresent must be "true" or "false", got "yes"',
      'DateLessThan value for g:CurrentTime must be an ISO 8601 date such as 2012-11-11T23:59:59Z, got "01/02/2026"',
      'NumberLessThan value for g:MFAAge must be a number such as 3600, got "1h"',
      'IpAddressIfExists value for g:SourceIp must be an IP address or CIDR block such as 192.0.2.0/24, got "10.0.0.0/40"',
      'Null value for g:UserId must be "true" or "false", got "maybe"',
    ]);
    expect(problems[1]).toMatchObject({
      operator: 'DateLessThan',
      key: 'g:CurrentTime',
      value: '01/02/2026',
      index: 1,
    });
  });
});
