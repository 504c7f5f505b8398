import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  compileActionPattern,
  compileResourcePattern,
  hasNonLowerCaseService,
  matchAction,
  matchResource,
  splitAction,
  splitResource,
} from '../../src/policy/pattern.js';
import type { PolicyVersion } from '../../src/policy/types.js';

function actionMatches(pattern: string, action: string, version: PolicyVersion = '1.1'): boolean {
  return matchAction(compileActionPattern(pattern, version), action);
}

function resourceMatches(
  pattern: string,
  resource: string,
  version: PolicyVersion = '1.1',
): boolean {
  return matchResource(compileResourcePattern(pattern, version), resource);
}

describe('action patterns', () => {
  it.each([
    ['rds:*:*', 'rds:instance:create', true],
    ['rds:*:*', 'ecs:cloudServers:list', false],
    ['*', 'iam:users:listUsers', true],
    ['*:*:*', 'iam:users:listUsers', true],
    ['ecs:*:get*', 'ecs:cloudServers:getServer', true],
    ['ecs:*:get*', 'ecs:cloudServers:listServers', false],
    ['ecs:*:get', 'ecs:cloudServers:get', true],
    ['ecs:*:get', 'ecs:cloudServers:getServer', false],
    ['rds:instance:create', 'rds:instance:create', true],
    ['rds:instance:create', 'rds:instance:delete', false],
    ['rds:instance:*', 'rds:backup:create', false],
    ['obs:bucket:ListAllMyBuckets', 'obs:bucket:listallmybuckets', true],
    ['obs:bucket:ListAllMybuckets', 'obs:bucket:ListAllMyBuckets', true],
    ['rds:Instance:Create', 'rds:instance:create', true],
    ['DNS:Zone:*', 'dns:zone:create', true],
    ['RDS:*:*', 'rds:instance:create', true],
    ['rds:*:*', 'rdsx:instance:create', false],
    ['*:*:list*', 'vpc:ports:list', true],
  ])('%s vs %s → %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });

  it('does not let * cross a segment boundary', () => {
    expect(actionMatches('ecs:*:get', 'ecs:a:b:get')).toBe(false);
    expect(actionMatches('ecs:*', 'ecs:cloudServers:get')).toBe(false);
  });

  it('treats ? as one character in 5.0 and as a literal before', () => {
    expect(actionMatches('ecs:cloudServers:ge?', 'ecs:cloudServers:get', '5.0')).toBe(true);
    expect(actionMatches('ecs:cloudServers:ge?', 'ecs:cloudServers:get', '1.1')).toBe(false);
    expect(actionMatches('ecs:cloudServers:ge?', 'ecs:cloudServers:ge?', '1.1')).toBe(true);
    expect(actionMatches('ecs:cloudServers:ge?', 'ecs:cloudServers:ge', '5.0')).toBe(false);
  });

  it.each([
    ['ecs:*', true],
    ['functiongraph:*', true],
    ['a:b:c:d', true],
    ['', true],
    ['keyring:read', true],
    ['*', false],
    ['ecs::get', false],
  ])('flags %j as malformed: %s', (pattern, malformed) => {
    const matcher = compileActionPattern(pattern, '1.1');
    expect(matcher.malformed).toBe(malformed);
    if (malformed) expect(matchAction(matcher, 'ecs:cloudServers:get')).toBe(false);
  });

  it('says whether the service part is not lower-case', () => {
    expect(hasNonLowerCaseService('DNS:Zone:*')).toBe(true);
    expect(hasNonLowerCaseService('Rds:*:*')).toBe(true);
    expect(hasNonLowerCaseService('dns:Zone:*')).toBe(false);
    expect(hasNonLowerCaseService('*')).toBe(false);
  });

  it('splits actions into their three parts', () => {
    expect(splitAction('rds:instance:create')).toEqual({
      service: 'rds',
      resourceType: 'instance',
      operation: 'create',
    });
    expect(splitAction('rds:instance')).toBeUndefined();
    expect(splitAction('a:b:c:d')).toBeUndefined();
  });

  it('matches a wildcard-free pattern exactly itself, ignoring case', () => {
    const segment = fc.string({
      unit: fc.constantFrom('a', 'B', 'c', 'D', '1', '_'),
      minLength: 1,
      maxLength: 8,
    });
    const flip = (s: string, mask: number): string =>
      [...s].map((c, i) => ((mask >> i) & 1 ? c.toUpperCase() : c.toLowerCase())).join('');
    fc.assert(
      fc.property(segment, segment, segment, fc.nat(255), (service, type, operation, mask) => {
        const pattern = `${service}:${type}:${operation}`;
        expect(
          actionMatches(pattern, `${service}:${flip(type, mask)}:${flip(operation, mask >> 3)}`),
        ).toBe(true);
        expect(actionMatches(pattern, `${service}:${type}:${operation}x`)).toBe(false);
        expect(actionMatches(pattern, `${service}:${type}x:${operation}`)).toBe(false);
      }),
    );
  });
});

describe('resource patterns', () => {
  it.each([
    ['obs:*:*:bucket:*', 'obs:cn-north-4:d78c:bucket:logs', true],
    ['obs:*:*:bucket:*', 'obs:cn-north-4:d78c:object:logs/a.txt', false],
    ['OBS:*:*:bucket:TestBucket*', 'obs:cn-north-4:d78c:bucket:TestBucket01', true],
    ['OBS:*:*:bucket:TestBucket*', 'obs:cn-north-4:d78c:bucket:testbucket01', false],
    ['obs:*:*:object:my-bucket/my-object/*', 'obs:*:d78c:object:my-bucket/my-object/a/b.txt', true],
    ['obs:*:*:object:my-bucket/my-object/*', 'obs:*:d78c:object:my-bucket/other/b.txt', false],
    [
      'DLI:*:*:table:databases.db1.tables.*',
      'dli:cn-north-1:d78c:table:databases.db1.tables.t1',
      true,
    ],
    [
      'dli:*:*:table:databases.db1.tables.*',
      'dli:cn-north-1:d78c:table:databases.db2.tables.t1',
      false,
    ],
    ['dli:cn-north-1:*:queue:*', 'dli:cn-north-4:d78c:queue:queues.demo', false],
    ['dli:*:*:queue:queues.demo', 'dli:cn-north-4:d78c:queue:queues.demo', true],
    ['*', 'obs:cn-north-4:d78c:bucket:logs', true],
    ['obs:*:*:object:a:b*', 'obs:*:*:object:a:b:c', true],
  ])('%s vs %s → %s', (pattern, resource, expected) => {
    expect(resourceMatches(pattern, resource)).toBe(expected);
  });

  it('matches agency URIs as whole strings', () => {
    const matcher = compileResourcePattern('/iam/agencies/07a1*', '1.1');
    expect(matcher.kind).toBe('uri');
    expect(matchResource(matcher, '/iam/agencies/07a1b2')).toBe(true);
    expect(matchResource(matcher, '/iam/agencies/99')).toBe(false);
  });

  it('flags patterns with fewer than five parts as malformed', () => {
    const matcher = compileResourcePattern('obs:*:bucket:*', '1.1');
    expect(matcher.malformed).toBe(true);
    expect(matchResource(matcher, 'obs:r:d:bucket:x')).toBe(false);
  });

  it('treats ? as one character only in 5.0', () => {
    expect(resourceMatches('obs:*:*:bucket:log?', 'obs:r:d:bucket:logs', '5.0')).toBe(true);
    expect(resourceMatches('obs:*:*:bucket:log?', 'obs:r:d:bucket:logs', '1.1')).toBe(false);
  });

  it('splits URNs at the first four colons', () => {
    expect(splitResource('iam::0123:user:alice')).toEqual({
      service: 'iam',
      region: '',
      domainId: '0123',
      resourceType: 'user',
      path: 'alice',
    });
    expect(splitResource('obs:*:*:bucket')).toBeUndefined();
  });
});
