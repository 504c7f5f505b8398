/**
 * The evaluator: the built graph plus the indexes that make queries fast — compiled statements
 * per permission, statements by service, grants per principal. Built once per model.
 */
import type { CatalogAction } from '../catalog/catalog.js';
import type { PermissionGraph } from '../graph/build.js';
import { nodeKey } from '../graph/kinds.js';
import type { Grant, Permission } from '../model/types.js';
import { compileStatement, matchStatement, type CompiledStatement } from '../policy/evaluate.js';
import type { RequestContext, Statement, Truth } from '../policy/types.js';
import { GrantIndex, stepOf } from './grants.js';
import type { PathStep, Target } from './types.js';

/** A compiled statement and the services its action patterns can reach (`*` for any). */
export interface IndexedStatement {
  statement: Statement;
  compiled: CompiledStatement;
  services: readonly string[];
}

/** What matching one statement against a request found. */
export interface MatchOutcome {
  truth: Truth;
  actionMatched: boolean;
  pattern?: string | undefined;
  unknownKeys: string[];
  /** Why it did not apply, when the action matched but something else did not. */
  reason: string;
}

/** The evaluator over one account graph. */
export class Evaluator {
  readonly grants: GrantIndex;
  private readonly statementCache = new Map<Permission, Map<string, IndexedStatement[]>>();

  constructor(readonly pg: PermissionGraph) {
    this.grants = new GrantIndex(pg);
  }

  /** The statements of a permission that can match an action of this service. */
  statementsFor(permission: Permission, action: CatalogAction): IndexedStatement[] {
    const byService = this.indexPermission(permission);
    const own = byService.get(action.service) ?? [];
    const any = byService.get('*') ?? [];
    if (any.length === 0) return own;
    if (own.length === 0) return any;
    return [...own, ...any].sort((a, b) => a.statement.index - b.statement.index);
  }

  /** Every statement of a permission, compiled. */
  statementsOf(permission: Permission): IndexedStatement[] {
    const byService = this.indexPermission(permission);
    const all = new Set<IndexedStatement>();
    for (const list of byService.values()) for (const s of list) all.add(s);
    return [...all].sort((a, b) => a.statement.index - b.statement.index);
  }

  private indexPermission(permission: Permission): Map<string, IndexedStatement[]> {
    const cached = this.statementCache.get(permission);
    if (cached) return cached;
    const byService = new Map<string, IndexedStatement[]>();
    for (const statement of permission.document.statements) {
      const indexed: IndexedStatement = {
        statement,
        compiled: compileStatement(statement, permission.document.version),
        services: servicesOf(statement),
      };
      for (const service of indexed.services) {
        const list = byService.get(service) ?? [];
        list.push(indexed);
        byService.set(service, list);
      }
    }
    this.statementCache.set(permission, byService);
    return byService;
  }

  /** Matches one statement against a request, three-valued. */
  match(
    indexed: IndexedStatement,
    request: {
      action: CatalogAction;
      resource?: string | undefined;
      context: RequestContext;
      ignoreConditions?: boolean;
    },
  ): MatchOutcome {
    const result = matchStatement(indexed.compiled, {
      action: request.action.name,
      ...(request.resource === undefined ? {} : { resource: request.resource }),
      context: request.context,
    });
    return toOutcome(result, request.resource, request.ignoreConditions === true);
  }

  /** The explanation step of a grant's permission. */
  permissionStep(grant: Grant): PathStep {
    return stepOf(this.pg.graph.getNodeAttributes(nodeKey('permission', grant.permission.name)));
  }

  /** The explanation step of a statement. */
  statementStep(indexed: IndexedStatement): PathStep {
    const { statement } = indexed;
    const effect = statement.effect;
    return {
      kind: 'statement',
      label: `statement ${statement.index + 1} (${effect})`,
      position: statement.position,
    };
  }

  /** The target of an action: global services for global-service actions, else the project. */
  targetFor(action: CatalogAction, project: string | undefined): Target | undefined {
    if (action.scope === 'global') return { kind: 'global' };
    return project === undefined ? undefined : { kind: 'project', project };
  }
}

/** The services a statement's action patterns can reach; `*` when the service part has a wildcard. */
function servicesOf(statement: Statement): string[] {
  if (statement.notAction !== undefined) return ['*'];
  const services = new Set<string>();
  for (const pattern of statement.action ?? []) {
    const service = (pattern.split(':')[0] ?? '').toLowerCase();
    services.add(/[*?]/.test(service) || !pattern.includes(':') ? '*' : service);
  }
  return [...services];
}

type MatchResult = ReturnType<typeof matchStatement>;

function toOutcome(
  result: MatchResult,
  resource: string | undefined,
  ignoreConditions: boolean,
): MatchOutcome {
  const { actionMatched } = result;
  if (ignoreConditions) {
    return {
      truth: actionMatched ? 'true' : 'false',
      actionMatched,
      pattern: result.matchedPattern,
      unknownKeys: [],
      reason: '',
    };
  }
  const unknownKeys = [...result.unknownKeys];
  if (result.unknownResource) unknownKeys.push('resource');
  for (const operator of result.unknownOperators) unknownKeys.push(`operator ${operator}`);
  return {
    truth: result.truth,
    actionMatched,
    pattern: result.matchedPattern,
    unknownKeys,
    reason: mismatchText(result, resource),
  };
}

/** Says why a statement whose action matched did not apply. */
function mismatchText(result: MatchResult, resource: string | undefined): string {
  if (result.reason === 'resource')
    return `resource ${resource ?? '(none)'} does not match its Resource`;
  if (result.reason === 'condition') {
    const failed = result.failed.map((f) => `${f.operator} ${f.key} [${f.values.join(', ')}]`);
    return `its condition is false: ${failed.join('; ') || 'a condition does not hold'}`;
  }
  return '';
}
