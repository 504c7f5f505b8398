/**
 * permgraph's library API: load a catalog and a model, build the graph, ask questions.
 * The CLI is a thin layer over exactly these functions.
 */
export { loadCatalog, loadCatalogFrom, builtinCatalogDirectory } from './catalog/load.js';
export { Catalog } from './catalog/catalog.js';
export type { CatalogAction, SystemPermission, CatalogOperation } from './catalog/catalog.js';
export { loadModel, loadModelText } from './model/load.js';
export { modelJsonSchema } from './model/schema.js';
export type * from './model/types.js';
export { buildGraph } from './graph/build.js';
export type { PermissionGraph } from './graph/build.js';
export { Evaluator } from './engine/evaluator.js';
export { can, parsePrincipal } from './engine/can.js';
export type * from './engine/types.js';
export { PermgraphError } from './errors.js';
export { formatCanText } from './report/can-text.js';
