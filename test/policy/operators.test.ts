import { describe, it, expect } from 'vitest';
import { knownConditionOperators, parseOperator } from '../../src/policy/operators.js';
import {
  findGlobalConditionKey,
  isKnownGlobalConditionKey,
} from '../../src/policy/condition-keys.js';

describe('parseOperator', () => {
  it.each([
    ['StringEquals', 'StringEquals', false, undefined, true],
    ['stringequals', 'StringEquals', false, undefined, true],
    ['StringEndWithIfExists', 'StringEndWith', true, undefined, true],
    ['ForAllValues:StringLike', 'StringLike', false, 'all', true],
    ['forAnyValue:StringNotEqualsIfExists', 'StringNotEquals', true, 'any', true],
    ['BoolIfExists', 'Bool', true, undefined, true],
    ['IpAddress', 'IpAddress', false, undefined, true],
    ['Null', 'Null', false, undefined, true],
    ['NullIfExists', 'Null', true, undefined, false],
    ['ForAllValues:Null', 'Null', false, 'all', false],
    ['IsNullOrEmptyIfExists', 'IsNullOrEmpty', true, undefined, true],
    ['StringEndWithIfExsits', 'StringEndWithIfExsits', false, undefined, false],
    ['StringEqual', 'StringEqual', false, undefined, false],
    ['DateEquals', 'DateEquals', false, undefined, false],
    ['ForAllValue:StringEquals', 'ForAllValue:StringEquals', false, undefined, false],
  ] as const)('%s → base %s, ifExists %s, set %s, known %s', (name, base, ifExists, set, known) => {
    expect(parseOperator(name)).toMatchObject({ name, base, ifExists, set, known });
  });

  it('lists every documented base operator', () => {
    expect(knownConditionOperators).toEqual([
      'StringEquals',
      'StringNotEquals',
      'StringEqualsIgnoreCase',
      'StringNotEqualsIgnoreCase',
      'StringLike',
      'StringNotLike',
      'StringMatch',
      'StringNotMatch',
      'StringStartWith',
      'StringNotStartWith',
      'StringEndWith',
      'StringNotEndWith',
      'StringEqualsAnyOf',
      'StringNotEqualsAnyOf',
      'StringEqualsIgnoreCaseAnyOf',
      'StringNotEqualsIgnoreCaseAnyOf',
      'StringLikeAnyOf',
      'StringNotLikeAnyOf',
      'StringStartWithAnyOf',
      'StringNotStartWithAnyOf',
      'StringEndWithAnyOf',
      'StringNotEndWithAnyOf',
      'NumberEquals',
      'NumberNotEquals',
      'NumberLessThan',
      'NumberLessThanEquals',
      'NumberGreaterThan',
      'NumberGreaterThanEquals',
      'NumberEqualsAnyOf',
      'NumberNotEqualsAnyOf',
      'DateLessThan',
      'DateLessThanEquals',
      'DateGreaterThan',
      'DateGreaterThanEquals',
      'Bool',
      'IpAddress',
      'NotIpAddress',
      'Null',
      'IsNullOrEmpty',
      'IsNull',
      'IsNotNull',
    ]);
  });
});

describe('global condition keys', () => {
  it.each([
    ['g:UserName', '1.1', true],
    ['g:username', '1.1', true],
    ['g:MFAAge', '1.1', true],
    ['g:SourceIp', '1.1', true],
    ['g:PrincipalUrn', '1.1', false],
    ['g:PrincipalUrn', '5.0', true],
    ['g:ResourceTag/team', '5.0', true],
    ['g:ResourceTag/', '5.0', false],
    ['g:UserNmae', '1.1', false],
  ] as const)('%s in %s → %s', (key, version, known) => {
    expect(isKnownGlobalConditionKey(key, version)).toBe(known);
  });

  it('gives the documented type of a key', () => {
    expect(findGlobalConditionKey('g:CurrentTime')?.type).toBe('date');
    expect(findGlobalConditionKey('g:RequestTag/env')?.name).toBe('g:RequestTag/');
  });
});
