/**
 * The account model's file format (DESIGN.md §2), in zod. `permgraph schema model` prints the
 * JSON Schema generated from it, so the two cannot drift apart.
 */
import { z } from 'zod';

const name = z.string().min(1);

/** A permission attached to a group (or, for enterprise projects, a user) at a scope. */
export const grantSchema = z.strictObject({
  permission: name.describe('a system permission display name or a custom policy name'),
  scope: name
    .optional()
    .describe(
      'a project name or id, `global`, `all`, or `enterprise-project:<name or id>`; may be omitted only for 5.0 identity policies',
    ),
});

export const projectSchema = z.strictObject({
  name: name.describe('the region project name, such as cn-north-1 or cn-north-1_analytics'),
  id: z.string().optional(),
});

export const enterpriseProjectSchema = z.strictObject({ name, id: z.string().optional() });

export const userSchema = z.strictObject({
  name,
  id: z.string().optional(),
  groups: z.array(name).default([]),
  grants: z
    .array(grantSchema)
    .default([])
    .describe('direct grants; Huawei allows them for enterprise projects'),
  description: z.string().optional(),
});

export const groupSchema = z.strictObject({
  name,
  id: z.string().optional(),
  description: z.string().optional(),
  grants: z.array(grantSchema).default([]),
});

export const customPolicySchema = z
  .strictObject({
    name,
    id: z.string().optional(),
    description: z.string().optional(),
    type: z
      .enum(['AX', 'XA'])
      .optional()
      .describe('AX: global services, XA: project-level services'),
    document: z.unknown().optional().describe('the policy document, Version 1.1 or 5.0'),
    file: z.string().optional().describe('a JSON file holding the document, relative to this file'),
  })
  .refine((p) => (p.document === undefined) !== (p.file === undefined), {
    message: 'a policy needs exactly one of `document` and `file`',
  });

export const intentSchema = z.strictObject({
  principal: name.describe('user:<name> or group:<name>'),
  project: z.string().optional(),
  operations: z
    .array(name)
    .default([])
    .describe('operation ids, variants joined with +: rds.instance.create+encrypted'),
  actions: z.array(name).default([]),
  description: z.string().optional(),
});

/** One model file; a directory of them is merged. */
export const modelFileSchema = z.strictObject({
  version: z.literal(1).optional(),
  account: z.string().optional(),
  domainId: z.string().optional(),
  projects: z.array(projectSchema).default([]),
  enterpriseProjects: z.array(enterpriseProjectSchema).default([]),
  users: z.array(userSchema).default([]),
  groups: z.array(groupSchema).default([]),
  policies: z.array(customPolicySchema).default([]),
  dli: z.unknown().optional().describe('DLI objects and authorization requests'),
  intents: z.array(intentSchema).default([]),
});

export type ModelFile = z.infer<typeof modelFileSchema>;
export type GrantInput = z.infer<typeof grantSchema>;

/** The JSON Schema of a model file, for editors and `permgraph schema model`. */
export function modelJsonSchema(): unknown {
  return z.toJSONSchema(modelFileSchema, { io: 'input', unrepresentable: 'any' });
}
