/**
 * Operations a person performs (create an encrypted, prepaid RDS instance): expand the catalog
 * entry and its variants into requirements, then check each one.
 */
import type { CatalogOperation } from '../catalog/catalog.js';
import type { Requirement as CatalogRequirement } from '../catalog/schema.js';
import { PermgraphError } from '../errors.js';

/** A requirement of an expanded operation, with the variant that added it. */
export interface ExpandedRequirement {
  requirement: CatalogRequirement;
  variant?: string | undefined;
}

/** Splits `rds.instance.create+encrypted+prepaid` into the id and its variants. */
export function splitOperationSpec(spec: string): { id: string; variants: string[] } {
  const [id = '', ...variants] = spec.split('+');
  return { id, variants };
}

/**
 * The operation's own requirements, then each variant's in the order given, without
 * duplicates (the first variant that needs something is the one named as its reason).
 */
export function expandOperation(
  operation: CatalogOperation,
  variants: readonly string[],
): ExpandedRequirement[] {
  const unknown = variants.filter((v) => !Object.hasOwn(operation.variants, v));
  if (unknown.length > 0) {
    const known = Object.keys(operation.variants);
    throw new PermgraphError(
      'E_USAGE',
      `operation ${operation.id} has no variant ${unknown.map((v) => `"${v}"`).join(', ')}`,
      {
        hint:
          known.length > 0
            ? `its variants are: ${known.join(', ')}`
            : 'this operation has no variants',
      },
    );
  }
  const out: ExpandedRequirement[] = [];
  const seen = new Set<string>();
  const add = (requirement: CatalogRequirement, variant?: string): void => {
    const key =
      'action' in requirement
        ? `a:${requirement.action.toLowerCase()}`
        : `p:${requirement.permission}:${requirement.scope}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ requirement, variant });
  };
  for (const requirement of operation.requires) add(requirement);
  for (const variant of variants)
    for (const requirement of operation.variants[variant]?.requires ?? [])
      add(requirement, variant);
  return out;
}
