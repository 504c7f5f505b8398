/**
 * The catalog's own file formats (zod). The catalog is data in `policies/`: services, actions,
 * system permissions, operations and DLI privileges, each entry with its source.
 */
import { z } from 'zod';

const text = z.strictObject({ en: z.string().min(1), zh: z.string().optional() });

/** Access levels, as Huawei's identity-policy references classify actions. */
export const accessLevels = ['list', 'read', 'write', 'permissions', 'tagging'] as const;

/** `policies/catalog.yaml`: the catalog's version and date, printed in every report. */
export const catalogInfoSchema = z.strictObject({
  version: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'),
  description: z.string().optional(),
});

/** `policies/services.yaml` (or any file with a `services` list). */
export const serviceSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a lower-case service name'),
  title: z.string().min(1),
  scope: z.enum(['global', 'project']),
  resourceLevel: z.boolean(),
  resourceTypes: z.array(z.string()).default([]),
  source: z.string().min(1),
  note: z.string().optional(),
});

/** One action of `<service>/actions.yaml`. */
export const actionSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]*:[A-Za-z0-9_]*:[A-Za-z0-9_]+$/, 'service:resourceType:operation'),
  access: z.enum(accessLevels),
  description: text,
  api: z.array(z.string()).default([]),
  /** Older spellings of the same action (snake_case DLI names, renamed actions). */
  aliases: z.array(z.string()).default([]),
  source: z.string().min(1),
});

const dependSchema = z.strictObject({ catalog: z.string(), display_name: z.string() });

/**
 * A system permission's document. It is a Huawei document plus one catalog-only field,
 * `ExcludeAction`, used for derived permissions that Huawei describes as "all except IAM".
 */
const catalogStatementSchema = z.strictObject({
  Sid: z.string().optional(),
  Effect: z.enum(['Allow', 'Deny']),
  Action: z.array(z.string()).optional(),
  NotAction: z.array(z.string()).optional(),
  Resource: z.array(z.string()).optional(),
  Condition: z.record(z.string(), z.record(z.string(), z.array(z.string()))).optional(),
  ExcludeAction: z.array(z.string()).optional(),
});

export const catalogDocumentSchema = z.strictObject({
  Version: z.enum(['1.0', '1.1', '5.0']),
  Statement: z.array(catalogStatementSchema).min(1),
  Depends: z.array(dependSchema).optional(),
});

/** A permission that must be granted elsewhere for this one to work fully. */
const companionSchema = z.strictObject({
  permission: z.string(),
  scope: z.enum(['global', 'project', 'all']),
  when: z.string().min(1),
  why: z.string().min(1),
});

/** One system permission of `<service>/permissions.yaml`. */
export const permissionSchema = z.strictObject({
  name: z.string().min(1),
  kind: z.enum(['role', 'policy']),
  catalog: z.string().min(1),
  /** Where Huawei's console lets it be granted: region projects, global services, or both. */
  scope: z.enum(['project', 'global', 'both']),
  description: text,
  internalNames: z.array(z.string()).default([]),
  /** Set when Huawei's exact document is not public: how this one was derived. */
  derived: z.string().optional(),
  companions: z.array(companionSchema).default([]),
  document: catalogDocumentSchema,
  source: z.string().min(1),
});

/** A requirement of an operation: an action, or a system permission held in a scope. */
export const requirementSchema = z.union([
  z.strictObject({ action: z.string(), why: z.string().optional() }),
  z.strictObject({
    permission: z.string(),
    scope: z.enum(['project', 'global']),
    why: z.string().optional(),
  }),
]);

const variantSchema = z.strictObject({
  description: text,
  requires: z.array(requirementSchema).min(1),
});

/** One operation of `<service>/operations.yaml`: what a person does, and what it needs. */
export const operationSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-zA-Z0-9-]+)+$/, 'service.resource.verb'),
  name: text,
  requires: z.array(requirementSchema).min(1),
  variants: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), variantSchema).default({}),
  api: z.array(z.string()).default([]),
  source: z.string().min(1),
});

/** Any catalog file: each key is optional, so one file may hold services, actions or both. */
export const catalogFileSchema = z.strictObject({
  catalog: catalogInfoSchema.optional(),
  service: z.string().optional(),
  services: z.array(serviceSchema).optional(),
  actions: z.array(actionSchema).optional(),
  permissions: z.array(permissionSchema).optional(),
  operations: z.array(operationSchema).optional(),
  /** DLI object types and privileges; validated by the DLI module. */
  dli: z.unknown().optional(),
});

export type ServiceEntry = z.infer<typeof serviceSchema>;
export type ActionEntry = z.infer<typeof actionSchema>;
export type PermissionEntry = z.infer<typeof permissionSchema>;
export type OperationEntry = z.infer<typeof operationSchema>;
export type Requirement = z.infer<typeof requirementSchema>;
export type CatalogFile = z.infer<typeof catalogFileSchema>;
export type AccessLevel = (typeof accessLevels)[number];
