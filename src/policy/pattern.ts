/**
 * Action patterns (`service:resourceType:operation`) and resource patterns
 * (`service:region:domainId:resourceType:resourcePath`), compiled once into matchers.
 *
 * Huawei documents the service part as lower-case and the resource type and operation as
 * case-insensitive; v1.0 roles nevertheless write `DNS:Zone:*` and documents write
 * `OBS:*:*:bucket:*`, so every segment but a resource path compares case-insensitively and
 * `hasNonLowerCaseService` lets a lint rule point at the spelling.
 */
import { compileGlob, type GlobMatcher } from './glob.js';
import type { PolicyVersion } from './types.js';

/** The three parts of an action name. */
export interface ActionParts {
  service: string;
  resourceType: string;
  operation: string;
}

/** A compiled `Action`/`NotAction` entry. */
export interface ActionMatcher {
  readonly pattern: string;
  /** Not three `:`-separated segments (and not a lone `*`): matches nothing. */
  readonly malformed: boolean;
  /** A lone `*` or `*:*:*`. */
  readonly matchesEverything: boolean;
  readonly segments: readonly GlobMatcher[];
}

/** The five parts of a resource URN; the path may itself contain `:`. */
export interface ResourceParts {
  service: string;
  region: string;
  domainId: string;
  resourceType: string;
  path: string;
}

/** A compiled `Resource` entry. */
export interface ResourceMatcher {
  readonly pattern: string;
  /** `urn` for `service:region:domain:type:path`; `uri` for agency paths (`/iam/agencies/…`). */
  readonly kind: 'urn' | 'uri';
  readonly malformed: boolean;
  readonly matchesEverything: boolean;
  readonly segments: readonly GlobMatcher[];
}

/** `?` is a wildcard only in v5.0 identity policies; before that it is an ordinary character. */
export function singleCharWildcard(version: PolicyVersion): boolean {
  return version === '5.0';
}

/** Splits `service:resourceType:operation`; undefined unless there are exactly three parts. */
export function splitAction(action: string): ActionParts | undefined {
  const parts = action.split(':');
  if (parts.length !== 3) return undefined;
  const [service = '', resourceType = '', operation = ''] = parts;

  return { service, resourceType, operation };
}

/** Compiles one action pattern; a malformed pattern yields a matcher that matches nothing. */
export function compileActionPattern(pattern: string, version: PolicyVersion): ActionMatcher {
  const options = { singleChar: singleCharWildcard(version), ignoreCase: true };
  if (pattern === '*') return { pattern, malformed: false, matchesEverything: true, segments: [] };
  const parts = pattern.split(':');
  if (parts.length !== 3)
    return { pattern, malformed: true, matchesEverything: false, segments: [] };
  const segments = parts.map((part) => compileGlob(part, options));

  return { pattern, malformed: false, matchesEverything: parts.every((p) => p === '*'), segments };
}

/** Whether the action (a concrete `service:type:operation` name) matches the pattern. */
export function matchAction(matcher: ActionMatcher, action: string): boolean {
  if (matcher.matchesEverything) return true;
  if (matcher.malformed) return false;
  const parts = action.split(':');
  if (parts.length !== 3) return false;

  return matcher.segments.every((segment, i) => segment.test(parts[i] ?? ''));
}

/** Whether the service part of a pattern has upper-case letters (`DNS:Zone:*`). */
export function hasNonLowerCaseService(pattern: string): boolean {
  const service = pattern.split(':', 1)[0] ?? '';

  return service !== service.toLowerCase();
}

/** Splits a resource URN at its first four `:`; undefined when there are fewer than five parts. */
export function splitResource(resource: string): ResourceParts | undefined {
  const parts = resource.split(':');
  if (parts.length < 5) return undefined;
  const [service = '', region = '', domainId = '', resourceType = ''] = parts;

  return { service, region, domainId, resourceType, path: parts.slice(4).join(':') };
}

/**
 * Compiles one resource pattern. Service, region, domain id and resource type compare
 * case-insensitively; the resource path (bucket and object names, DLI object paths) compares
 * exactly, because those names are case-sensitive where Huawei stores them.
 */
export function compileResourcePattern(pattern: string, version: PolicyVersion): ResourceMatcher {
  const singleChar = singleCharWildcard(version);
  if (pattern === '*') {
    return { pattern, kind: 'urn', malformed: false, matchesEverything: true, segments: [] };
  }
  if (pattern.startsWith('/')) {
    const whole = compileGlob(pattern, { singleChar, ignoreCase: false });
    return { pattern, kind: 'uri', malformed: false, matchesEverything: false, segments: [whole] };
  }
  const parts = splitResource(pattern);
  if (!parts)
    return { pattern, kind: 'urn', malformed: true, matchesEverything: false, segments: [] };
  const loose = { singleChar, ignoreCase: true };
  const segments = [parts.service, parts.region, parts.domainId, parts.resourceType]
    .map((part) => compileGlob(part, loose))
    .concat(compileGlob(parts.path, { singleChar, ignoreCase: false }));

  return { pattern, kind: 'urn', malformed: false, matchesEverything: false, segments };
}

/** Whether a concrete resource (URN, or agency URI) matches the pattern. */
export function matchResource(matcher: ResourceMatcher, resource: string): boolean {
  if (matcher.matchesEverything) return true;
  if (matcher.malformed) return false;
  if (matcher.kind === 'uri') return matcher.segments[0]?.test(resource) ?? false;
  const parts = splitResource(resource);
  if (!parts) return false;
  const values = [parts.service, parts.region, parts.domainId, parts.resourceType, parts.path];

  return matcher.segments.every((segment, i) => segment.test(values[i] ?? ''));
}
