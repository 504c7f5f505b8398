/**
 * A grant that may not exist (its count or for_each is unknown) or whose project is unknown.
 * Leaving it out would drop the Deny statements of what it grants, so those are granted under
 * the condition no query supplies, as a policy of their own; the rest is left out, since leaving
 * out an Allow never adds access.
 */
import type { Catalog } from '../../catalog/catalog.js';
import type { Statement } from '../../policy/types.js';
import { fixedOrigin, type HolderRef } from '../builder.js';
import { conditionalPolicy } from './conditional-deny.js';
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
  const document =
    context.builder.policyDocument(permission) ?? catalogDenies(context.catalog, permission);
  const maybe =
    document === undefined ? undefined : conditionalPolicy(document as Value, '1.1', reason);
  if (maybe?.document === undefined) {
    context.log.unknown(
      `${instance.address}: ${reason}; the grant of ${permission} is left out (it holds no Deny, and leaving out an Allow never adds access)`,
      instance.position,
    );
    return;
  }
  const name = variantName(context, instance, permission, maybe.document);
  context.builder.grant(to, name, scope, fixedOrigin(instance.position));
  context.log.unknown(
    `${instance.address}: the Deny is kept as conditional: ${reason}; its Deny statements are granted as policy "${name}"${scope === undefined ? '' : ` on ${scope}`}`,
    instance.position,
  );
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
