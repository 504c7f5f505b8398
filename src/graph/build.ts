/**
 * Builds the graphology graph of an account: users, groups, grants at their scopes,
 * permissions and statements, with the edges that connect them. Built once per model.
 */
import { MultiDirectedGraph } from 'graphology';
import type { Catalog } from '../catalog/catalog.js';
import type { AccountModel, Grant, Permission } from '../model/types.js';
import { nodeKey, type EdgeAttributes, type EdgeKind, type NodeAttributes } from './kinds.js';

/** The account graph. */
export type AccountGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

/** The graph with the model and catalog it was built from. */
export interface PermissionGraph {
  graph: AccountGraph;
  model: AccountModel;
  catalog: Catalog;
}

/** Builds the graph for a resolved model. */
export function buildGraph(model: AccountModel, catalog: Catalog): PermissionGraph {
  const graph: AccountGraph = new MultiDirectedGraph();
  for (const group of model.groups.values()) {
    graph.addNode(nodeKey('group', group.name), {
      kind: 'group',
      payload: group,
      position: group.position,
    });
  }
  for (const user of model.users.values()) {
    const key = nodeKey('user', user.name);
    graph.addNode(key, { kind: 'user', payload: user, position: user.position });
    for (const group of user.groups) link(graph, key, nodeKey('group', group), 'member-of');
  }
  for (const group of model.groups.values())
    addGrants(graph, nodeKey('group', group.name), group.grants);
  for (const user of model.users.values())
    addGrants(graph, nodeKey('user', user.name), user.grants);
  for (const policy of model.policies.values()) addPermission(graph, policy);
  addDependencies(graph, catalog);
  return { graph, model, catalog };
}

function link(graph: AccountGraph, from: string, to: string, kind: EdgeKind): void {
  graph.addDirectedEdge(from, to, { kind });
}

function addGrants(graph: AccountGraph, holderKey: string, grants: readonly Grant[]): void {
  for (const grant of grants) {
    const key = nodeKey('grant', grant.id);
    graph.addNode(key, { kind: 'grant', payload: grant, position: grant.position });
    link(graph, holderKey, key, 'holds');
    link(graph, key, addPermission(graph, grant.permission), 'grants');
  }
}

function addPermission(graph: AccountGraph, permission: Permission): string {
  const key = nodeKey('permission', permission.name);
  if (graph.hasNode(key)) return key;
  graph.addNode(key, { kind: 'permission', payload: permission, position: permission.position });
  for (const statement of permission.document.statements) {
    const statementKey = nodeKey('statement', `${permission.name}#${statement.index}`);
    graph.addNode(statementKey, {
      kind: 'statement',
      payload: { permission, statement },
      position: statement.position,
    });
    link(graph, key, statementKey, 'contains');
  }
  return key;
}

/** Role dependencies become edges between the permissions present in the graph. */
function addDependencies(graph: AccountGraph, catalog: Catalog): void {
  graph.forEachNode((key, attributes) => {
    if (attributes.kind !== 'permission') return;
    for (const dependency of attributes.payload.document.depends) {
      const target = catalog.findPermission(dependency.display_name);
      const targetKey = target ? nodeKey('permission', target.name) : undefined;
      if (targetKey && graph.hasNode(targetKey)) link(graph, key, targetKey, 'depends-on');
    }
  });
}
