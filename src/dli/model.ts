/**
 * The `dli:` section of the account model: an optional inventory of objects and their owners,
 * and the authorization requests sent, in order. Request items stay loose here; the request
 * normaliser validates them with positions.
 */
import { z } from 'zod';
import { PermgraphError } from '../errors.js';
import { formatDocPath, type DocPath } from '../model/source.js';
import { normaliseDliRequest, type DliLocator, type DliRequest } from './request.js';

const owner = z.string().min(1).optional();
const ownedSchema = z.strictObject({ owner }).nullable();
const tableSchema = z
  .strictObject({
    owner,
    /** A view shares a table's path; the flag selects the view privileges. */
    view: z.boolean().optional(),
    columns: z.array(z.string().min(1)).optional(),
  })
  .nullable();
const databaseSchema = z
  .strictObject({ owner, tables: z.record(z.string(), tableSchema).optional() })
  .nullable();
const groupSchema = z
  .strictObject({ owner, resources: z.record(z.string(), ownedSchema).optional() })
  .nullable();

/**
 * The object inventory: what exists and who owns it (the creator, unless changed). A kind that
 * is absent is unknown, not empty: grants to its objects are not reported as unknown objects.
 */
export const dliObjectsSchema = z.strictObject({
  databases: z.record(z.string(), databaseSchema).optional(),
  queues: z.record(z.string(), ownedSchema).optional(),
  /** Flink jobs by id. */
  jobs: z.record(z.string(), ownedSchema).optional(),
  groups: z.record(z.string(), groupSchema).optional(),
  /** Packages outside any group. */
  resources: z.record(z.string(), ownedSchema).optional(),
  edsconnections: z.record(z.string(), ownedSchema).optional(),
  datasourceauth: z.record(z.string(), ownedSchema).optional(),
  elasticresourcepools: z.record(z.string(), ownedSchema).optional(),
  variables: z.record(z.string(), ownedSchema).optional(),
  catalogs: z.record(z.string(), ownedSchema).optional(),
});

/** The model's `dli:` section. */
export const dliModelSchema = z.strictObject({
  objects: dliObjectsSchema.optional(),
  requests: z.array(z.unknown()).optional(),
});

/** A validated inventory. */
export type DliObjectInventory = z.infer<typeof dliObjectsSchema>;
/** A validated `dli:` section, requests not yet normalised. */
export type DliModelSection = z.infer<typeof dliModelSchema>;

/**
 * Normalises the section's requests in order. `path` is where the `requests` list sits in the
 * source document (`['dli', 'requests']` for a model file), so errors point into it.
 */
export function normaliseDliModelRequests(
  requests: readonly unknown[],
  source?: DliLocator,
  path: DocPath = ['dli', 'requests'],
): DliRequest[] {
  return requests.map((body, i) =>
    normaliseDliRequest(body, { source, path: [...path, i], allowProject: true }),
  );
}

/** A model's `dli:` section after validation, requests normalised. */
export interface DliModelInput {
  objects: DliObjectInventory | undefined;
  requests: DliRequest[];
}

/**
 * Validates one file's `dli:` section (`path` is where it sits, `['dli']` in a model file) and
 * normalises its requests. Throws `E_SCHEMA` for the section's shape and `E_DLI` for a request.
 */
export function parseDliModelSection(
  value: unknown,
  source?: DliLocator,
  path: DocPath = ['dli'],
): DliModelInput {
  const result = dliModelSchema.safeParse(value ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = [...path, ...((issue?.path ?? []) as (string | number)[])];
    throw new PermgraphError(
      'E_SCHEMA',
      `invalid dli section at ${formatDocPath(where)}: ${issue?.message ?? 'invalid value'}`,
      {
        position: source?.locate(where),
        hint: 'dli has objects (databases, queues, ...) and requests (authorization request bodies)',
      },
    );
  }

  return {
    objects: result.data.objects,
    requests: normaliseDliModelRequests(result.data.requests ?? [], source, [...path, 'requests']),
  };
}
