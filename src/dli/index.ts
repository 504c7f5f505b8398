/**
 * DLI data permissions: the catalog of object types and privileges, object paths, request
 * bodies, replay into a grant state with diagnostics, and query responses.
 */
export * from './catalog.js';
export * from './diagnostics.js';
export * from './file.js';
export * from './grants.js';
export * from './iam.js';
export * from './inventory.js';
export * from './model.js';
export * from './object.js';
export * from './privilege.js';
export * from './replay.js';
export * from './request.js';
export * from './response.js';
