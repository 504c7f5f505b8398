/**
 * A grant that may not exist (its count or for_each is unknown) or whose project is unknown.
 * Leaving it out would drop the Deny statements of what it grants, so those are granted under
 * the condition no query supplies, as a policy of their own; the rest is left out, since leaving
 * out an Allow never adds access.
 */
import type { Catalog } from '../../catalog/catalog.js';
import type { SourcePosition } from '../../model/source.js';
import type { Statement } from '../../policy/types.js';
import { fixedOrigin, type HolderRef } from '../builder.js';
import { ALLOW_NOTE, conditionalPolicy } from './conditional-deny.js';
import type { TfInstance } from './instance.js';
import type { TfContext } from './resources.js';
import type { Value } from './values.js';

/** Where an uncertain grant applies: its scope, or every project when the scope is unknown. */
export interface UncertainScope {
  scope: string | undefined;
  /** Why the grant may not apply as written. */
  reason: string;
}

/**
 * Grants the Deny statements of `permission`, conditional, as `<permission> (known after
 * apply)`; reports what was done, or that the grant is left out when it holds no Deny.
 */
export function grantUncertain(
  context: TfContext,
  instance: TfInstance,
  to: HolderRef,
  permission: string,
  { scope, reason }: UncertainScope,
): void {
  const name = conditionalVariant(context, instance, permission, reason);
  if (name === undefined) {
    context.log.unknown(
      `${instance.address}: ${reason}; the grant of ${permission} is left out ` +
        `(it holds no Deny, and ${ALLOW_NOTE})`,
      instance.position,
    );
    return;
  }
  context.builder.grant(to, name, scope, fixedOrigin(instance.position));
  context.log.unknown(
    `${instance.address}: the Deny is kept as conditional: ${reason}; its Deny statements are ` +
      `granted as policy "${name}"${scope === undefined ? '' : ` on ${scope}`}`,
    instance.position,
  );
}

/** A grant that may exist: of whom, what, and where. */
export interface MaybeGrant {
  to: HolderRef;
  permission: string;
  scope: string | undefined;
}

/**
 * Grants that may exist when who holds them, what they grant or whether a user is in a group is
 * unknown: each one's Deny statements, conditional, to each holder it may reach. Reports once
 * for the instance what was granted to how many, or that nothing it may grant holds a Deny.
 */
export function grantMaybe(
  context: TfContext,
  instance: TfInstance,
  grants: readonly MaybeGrant[],
  reason: string,
  at: SourcePosition = instance.position,
): void {
  const granted = new Set<string>();
  const holders = new Set<string>();
  for (const { to, permission, scope } of grants) {
    const name = conditionalVariant(context, instance, permission, reason);
    if (name === undefined) continue;
    context.builder.grant(to, name, scope, fixedOrigin(at));
    granted.add(name);
    holders.add(`${to.kind} ${to.name}`);
  }
  const whom = `${countOf(holders.size, 'holder')}: ${[...holders].sort().join(', ')}`;
  context.log.unknown(
    granted.size === 0
      ? `${instance.address}: ${reason}; left out (nothing it may grant holds a Deny, and ${ALLOW_NOTE})`
      : `${instance.address}: the Deny is kept as conditional: ${reason}; the Deny statements it ` +
          `may grant are granted as ${quotedList([...granted])} to ${whom}`,
    at,
  );
}

/** The name of the policy holding `permission`'s Deny statements, conditional; undefined when it has none. */
function conditionalVariant(
  context: TfContext,
  instance: TfInstance,
  permission: string,
  reason: string,
): string | undefined {
  const document =
    context.builder.policyDocument(permission) ?? catalogDenies(context.catalog, permission);
  const maybe =
    document === undefined ? undefined : conditionalPolicy(document as Value, '1.1', reason);
  if (maybe?.document === undefined) return undefined;
  return variantName(context, instance, permission, maybe.document);
}

/** Every permission that may hold a Deny: the custom policies, and the catalog's that do. */
export function permissionsWithDeny(context: TfContext): string[] {
  const system = [...context.catalog.permissions.values()]
    .filter((p) => p.document.statements.some((s) => s.effect === 'Deny'))
    .map((p) => p.name);
  return [...context.builder.policyNames(), ...system];
}

function quotedList(names: readonly string[]): string {
  const sorted = [...names].sort().map((n) => `"${n}"`);
  return sorted.length === 1 ? `policy ${sorted[0]}` : `policies ${sorted.join(', ')}`;
}

function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The policy that holds the conditional Deny statements: the permission itself when it already is that. */
function variantName(
  context: TfContext,
  instance: TfInstance,
  permission: string,
  document: unknown,
): string {
  const same =
    JSON.stringify(context.builder.policyDocument(permission)) === JSON.stringify(document);
  if (same) return permission;

  return context.builder.policy(
    `${permission} (known after apply)`,
    {
      document,
      description: `the Deny statements of ${permission}, conditional: the grant is known only after apply`,
    },
    fixedOrigin(instance.position),
  );
}

/** A system permission's Deny statements, as a document; undefined when it has none. */
function catalogDenies(catalog: Catalog, permission: string): unknown {
  const found = catalog.findPermission(permission);
  const denies = found?.document.statements.filter((s) => s.effect === 'Deny') ?? [];
  if (found === undefined || denies.length === 0) return undefined;

  return { Version: found.document.version, Statement: denies.map(rawStatement) };
}

function rawStatement(statement: Statement): Record<string, unknown> {
  return {
    Effect: statement.effect,
    ...(statement.action ? { Action: statement.action } : {}),
    ...(statement.notAction ? { NotAction: statement.notAction } : {}),
    ...(statement.resource ? { Resource: statement.resource } : {}),
    ...(statement.condition ? { Condition: statement.condition } : {}),
  };
}
