/**
 * The explanation as a picture: a small graphology graph of one principal — principal → groups →
 * grants (with scope) → permissions → statements → actions. For a request it holds only the
 * paths that decide it, each marked allowing, denying, conditional or without effect; without a
 * request it shows everything the principal holds. Mermaid, DOT, JSON and HTML are drawn from it.
 */
import { DirectedGraph } from 'graphology';
import {
  layerOf,
  strength,
  type Picture,
  type PictureEdge,
  type PictureInfo,
  type PictureNode,
  type PictureState,
} from './picture-types.js';
import { can, parsePrincipal } from '../engine/can.js';
import type { Evaluator } from '../engine/evaluator.js';
import { checkDependencies, type HeldGrant } from '../engine/grants.js';
import type {
  CanResult,
  Check,
  Decision,
  NearMiss,
  PrincipalRef,
  QueryOptions,
  StatementMatch,
  Target,
} from '../engine/types.js';
import { statementMatches } from '../engine/action.js';
import { buildContext } from '../engine/context.js';
import { formatPrincipal } from '../engine/types.js';
import { PermgraphError, formatPosition } from '../errors.js';
import type { SourcePosition } from '../model/source.js';
import type { Grant, Permission } from '../model/types.js';
import { describeScope } from '../model/types.js';
import type { Statement } from '../policy/types.js';
import { labelOf, nodeKey } from './kinds.js';

/** Builds the picture of a principal, or of one request when `what` is given. */
export function buildPicture(
  evaluator: Evaluator,
  principalText: string,
  what?: string,
  options: QueryOptions & { baseDir?: string } = {},
): Picture {
  const principal = parsePrincipal(evaluator, principalText);
  if (principal.kind === 'project') {
    throw new PermgraphError(
      'E_USAGE',
      `graph draws users and groups; ${formatPrincipal(principal)} is a DLI project grantee`,
      { hint: 'ask `permgraph can` about its DLI privileges' },
    );
  }
  const builder = new PictureBuilder(evaluator, principal, options.baseDir, options);
  if (what === undefined) return builder.overview();
  return builder.request(can(evaluator, principalText, what, options));
}

class PictureBuilder {
  private readonly graph: Picture;
  private readonly principalKey: string;

  constructor(
    private readonly evaluator: Evaluator,
    private readonly principal: PrincipalRef,
    private readonly baseDir: string | undefined,
    private readonly options: QueryOptions,
  ) {
    const { info } = evaluator.pg.catalog;
    const name = formatPrincipal(principal);
    this.graph = new DirectedGraph<PictureNode, PictureEdge, PictureInfo>();
    this.graph.replaceAttributes({
      title: name,
      principal: name,
      catalog: { version: info.version, date: info.date },
    });
    this.principalKey = this.addAccountNode(
      principal.kind === 'group' ? 'group' : 'user',
      principal.kind === 'project' ? principal.id : principal.name,
    );
  }

  /** Everything the principal holds, statements coloured by effect. */
  overview(): Picture {
    const held = this.evaluator.grants.held(this.principal);
    for (const h of held) {
      const grantKey = this.addGrantPath(h.grant, 'plain');
      const ineffective = this.ineffectiveBecause(h, held);
      if (ineffective) this.markIneffective(grantKey, ineffective);
      const permissionKey = this.addPermission(h.grant.permission);
      this.link(grantKey, permissionKey, ineffective ? 'ineffective' : 'plain');
      for (const statement of h.grant.permission.document.statements)
        this.addStatementActions(h.grant.permission, statement, permissionKey);
    }
    return this.graph;
  }

  /** The paths that decide one request. */
  request(result: CanResult): Picture {
    const variants = result.request.variants.map((v) => `+${v}`).join('');
    const where = result.request.project ? ` in project ${result.request.project}` : '';
    const request = `${result.request.name}${variants}${where}`;
    this.graph.mergeAttributes({
      title: `${result.principal} → ${request}: ${result.decision}`,
      request,
      decision: result.decision,
    });
    this.graph.mergeNodeAttributes(this.principalKey, { state: stateOf(result.decision) });
    for (const group of this.groupsOfPrincipal()) this.link(this.principalKey, group, 'plain');
    result.checks.forEach((check, i) => this.addCheck(check, i));
    return this.graph;
  }

  private addCheck(check: Check, index: number): void {
    const key = `check:${index}`;
    const requirement = check.requirement;
    const name =
      requirement.kind === 'action'
        ? requirement.action
        : requirement.kind === 'permission'
          ? `hold ${requirement.permission}`
          : `${requirement.privilege} on ${requirement.object}`;
    const label = `${name} (${check.scope}): ${check.decision}`;
    this.addNode(key, { label, kind: 'action', state: stateOf(check.decision), layer: 5 });
    for (const match of check.because) this.addMatch(match, key);
    this.addOverriddenAllows(check, key);
    for (const miss of check.nearMisses) this.addNearMiss(miss, key);
    if (requirement.kind === 'permission' && check.decision === 'allow')
      this.addHolding(requirement.permission, key);
  }

  private addMatch(match: StatementMatch, checkKey: string, overridden?: string): void {
    const state: PictureState = overridden
      ? 'ineffective'
      : match.effect === 'Deny'
        ? 'deny'
        : match.truth === 'unknown'
          ? 'conditional'
          : 'allow';
    const grant = this.grantById(match.grant);
    if (!grant) return;
    const grantKey = this.addGrantPath(grant, state);
    const permissionKey = this.addPermission(grant.permission, state);
    this.link(grantKey, permissionKey, state);
    const statementStep = match.path.find((s) => s.kind === 'statement');
    const number = Number(/statement (\d+)/.exec(statementStep?.label ?? '')?.[1] ?? 1);
    const statement = grant.permission.document.statements[number - 1];
    if (!statement) return;
    const statementKey = this.addStatement(grant.permission, statement, state);
    this.link(permissionKey, statementKey, state);
    const label =
      overridden ?? (match.pattern === undefined ? undefined : `matches ${match.pattern}`);
    this.link(statementKey, checkKey, state, label);
  }

  /**
   * For an action an explicit Deny decides, the Allow statements it overrides, drawn without
   * effect: the reader sees what would allow it and what wins.
   */
  private addOverriddenAllows(check: Check, checkKey: string): void {
    if (check.decision !== 'deny' || check.requirement.kind !== 'action') return;
    const action = this.evaluator.pg.catalog.findAction(check.requirement.action);
    if (!action) return;
    const target: Target = check.scope.startsWith('project ')
      ? { kind: 'project', project: check.scope.slice('project '.length) }
      : { kind: 'global' };
    const { model } = this.evaluator.pg;
    const now = this.options.now ?? new Date();
    const context = buildContext(model, this.principal, action, target, this.options.context, now);
    const request = { action, target, resource: this.options.resource, context };
    const { matches } = statementMatches(this.evaluator, this.principal, request);
    for (const match of matches)
      if (match.effect === 'Allow') this.addMatch(match, checkKey, 'Allow overridden by the Deny');
  }

  private addNearMiss(miss: NearMiss, checkKey: string): void {
    const last = miss.path[miss.path.length - 1];
    const held = this.evaluator.grants
      .held(this.principal)
      .find((h) => samePosition(h.grant.position, last?.position));
    if (!held) return;
    const grantKey = this.addGrantPath(held.grant, 'ineffective');
    this.link(grantKey, checkKey, 'ineffective', nearMissLabel[miss.reason]);
  }

  /** A held system permission that meets a "hold X" requirement. */
  private addHolding(permission: string, checkKey: string): void {
    for (const h of this.evaluator.grants.held(this.principal)) {
      if (h.grant.permission.name !== permission) continue;
      const grantKey = this.addGrantPath(h.grant, 'allow');
      this.link(grantKey, checkKey, 'allow', 'holds');
    }
  }

  /** Adds principal → (group →) grant and returns the grant's key. */
  private addGrantPath(grant: Grant, state: PictureState): string {
    if (grant.holder.kind === 'group' && this.principal.kind === 'user') {
      const groupKey = this.addAccountNode('group', grant.holder.name, state);
      const grantKey = this.addAccountNode('grant', grant.id, state);
      this.link(this.principalKey, groupKey, state);
      this.link(groupKey, grantKey, state);
      return grantKey;
    }
    const grantKey = this.addAccountNode('grant', grant.id, state);
    this.link(this.principalKey, grantKey, state);
    return grantKey;
  }

  private addPermission(permission: Permission, state: PictureState = 'plain'): string {
    return this.addAccountNode('permission', permission.name, state);
  }

  private addStatement(permission: Permission, statement: Statement, state: PictureState): string {
    return this.addAccountNode('statement', `${permission.name}#${statement.index}`, state);
  }

  /** Overview: a statement and the actions it names (several collapse into one node). */
  private addStatementActions(
    permission: Permission,
    statement: Statement,
    permissionKey: string,
  ): void {
    // Statements with a Condition apply only when it holds: drawn as conditional.
    const state: PictureState =
      statement.effect === 'Deny' ? 'deny' : statement.condition ? 'conditional' : 'allow';
    const statementKey = this.addStatement(permission, statement, state);
    this.link(permissionKey, statementKey, state);
    const patterns = statement.action ?? statement.notAction ?? [];
    const not = statement.notAction ? 'all but ' : '';
    const except = statement.excludeAction ? ` except ${statement.excludeAction.join(', ')}` : '';
    const shown = patterns.length <= 4 ? patterns : [...patterns.slice(0, 3), '…'];
    const label =
      patterns.length <= 4
        ? `${not}${patterns.join(', ')}${except}`
        : `${not}${patterns.length} actions: ${shown.join(', ')}${except}`;
    const key = `actions:${permission.name}#${statement.index}`;
    this.addNode(key, { label, kind: 'action', state, layer: 5 });
    this.link(statementKey, key, state);
  }

  private ineffectiveBecause(h: HeldGrant, held: readonly HeldGrant[]): string | undefined {
    const { scope } = h.grant;
    if (scope.kind !== 'project') return undefined;
    const target = { kind: 'project' as const, project: scope.project.name };
    const result = checkDependencies(h.grant, held, target, new Map());
    return result.met ? undefined : `no effect without ${result.missing.join(' and ')}`;
  }

  private markIneffective(grantKey: string, because: string): void {
    const label = this.graph.getNodeAttribute(grantKey, 'label');
    this.graph.mergeNodeAttributes(grantKey, {
      state: 'ineffective',
      label: `${label} (${because})`,
    });
  }

  private groupsOfPrincipal(): string[] {
    if (this.principal.kind !== 'user') return [];
    const user = this.evaluator.pg.model.users.get(this.principal.name);
    return (user?.groups ?? []).map((g) => this.addAccountNode('group', g));
  }

  private grantById(id: string): Grant | undefined {
    const key = nodeKey('grant', id);
    const { graph } = this.evaluator.pg;
    if (!graph.hasNode(key)) return undefined;
    const attributes = graph.getNodeAttributes(key);
    return attributes.kind === 'grant' ? attributes.payload : undefined;
  }

  /** Adds a node of the account graph under the same key, with its label and position. */
  private addAccountNode(
    kind: 'user' | 'group' | 'grant' | 'permission' | 'statement',
    id: string,
    state: PictureState = 'plain',
  ): string {
    const key = nodeKey(kind, id);
    const attributes = this.evaluator.pg.graph.getNodeAttributes(key);
    const label =
      attributes.kind === 'grant'
        ? `${attributes.payload.permission.name} on ${describeScope(attributes.payload.scope)}`
        : attributes.kind === 'statement'
          ? `statement ${attributes.payload.statement.index + 1} (${attributes.payload.statement.effect})`
          : labelOf(attributes);
    const at = attributes.position ? formatPosition(attributes.position, this.baseDir) : undefined;
    this.addNode(key, { label, kind, state, layer: layerOf[kind], ...(at ? { at } : {}) });
    return key;
  }

  private addNode(key: string, attributes: PictureNode): void {
    if (!this.graph.hasNode(key)) {
      this.graph.addNode(key, attributes);
      return;
    }
    const current = this.graph.getNodeAttribute(key, 'state');
    if (strength[attributes.state] > strength[current])
      this.graph.setNodeAttribute(key, 'state', attributes.state);
  }

  private link(source: string, target: string, state: PictureState, label?: string): void {
    const edge = this.graph.edge(source, target);
    if (edge === undefined) {
      // Keys by count, not graphology's generated ones, so exports are the same on every run.
      const key = `e${this.graph.size}`;
      this.graph.addDirectedEdgeWithKey(key, source, target, {
        state,
        ...(label ? { label } : {}),
      });
      return;
    }
    const current = this.graph.getEdgeAttribute(edge, 'state');
    if (strength[state] > strength[current]) this.graph.setEdgeAttribute(edge, 'state', state);
    if (label && !this.graph.getEdgeAttribute(edge, 'label'))
      this.graph.setEdgeAttribute(edge, 'label', label);
  }
}

const nearMissLabel: Record<NearMiss['reason'], string> = {
  scope: 'no effect: other scope',
  'global-action-in-project-grant': 'no effect: global action in a project grant',
  'project-action-in-global-grant': 'no effect: project action in a global grant',
  'missing-dependency': 'no effect: Depends not granted',
  'condition-false': 'condition false',
  'resource-mismatch': 'resource does not match',
  'enterprise-project': 'no effect: enterprise project',
};

function stateOf(decision: Decision): PictureState {
  if (decision === 'implicit-deny') return 'missing';
  return decision;
}

function samePosition(a: SourcePosition | undefined, b: SourcePosition | undefined): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.file === b.file &&
    a.line === b.line &&
    a.column === b.column
  );
}
