/**
 * The loaded catalog: services, actions, system permissions and operations, indexed for the
 * evaluator and for "did you mean" hints.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { SourcePosition } from '../model/source.js';
import type { PolicyDocument } from '../policy/types.js';
import type { AccessLevel, OperationEntry, PermissionEntry, ServiceEntry } from './schema.js';

/** An action as the evaluator needs it: canonical name, parts, access level, service scope. */
export interface CatalogAction {
  name: string;
  service: string;
  resourceType: string;
  operation: string;
  access: AccessLevel;
  description: { en: string; zh?: string | undefined };
  api: string[];
  aliases: string[];
  /** `global` for global-service actions (IAM, BSS), otherwise `project`. */
  scope: 'global' | 'project';
  position: SourcePosition;
}

/** A system permission with its document normalised for evaluation. */
export interface SystemPermission extends Omit<PermissionEntry, 'document'> {
  document: PolicyDocument;
  position: SourcePosition;
}

/** An operation, with where it is defined. */
export interface CatalogOperation extends OperationEntry {
  service: string;
  position: SourcePosition;
}

/** A service, with where it is defined. */
export interface CatalogService extends ServiceEntry {
  position: SourcePosition;
}

/** The catalog's version and date, printed in every report. */
export interface CatalogInfo {
  version: string;
  date: string;
  directories: string[];
}

/** Raw DLI catalog sections with the file they came from; the DLI module validates them. */
export interface RawSection {
  value: unknown;
  file: string;
  locate: (path: readonly (string | number)[]) => SourcePosition;
}

/** The whole catalog, read once and shared by every query and rule. */
export class Catalog {
  readonly services = new Map<string, CatalogService>();
  readonly actions: CatalogAction[] = [];
  readonly permissions = new Map<string, SystemPermission>();
  readonly operations = new Map<string, CatalogOperation>();
  readonly dliSections: RawSection[] = [];
  private readonly actionsByName = new Map<string, CatalogAction>();
  private readonly actionsByService = new Map<string, CatalogAction[]>();
  private readonly permissionsByLowerName = new Map<string, SystemPermission>();

  constructor(readonly info: CatalogInfo) {}

  /** Adds an action; its lower-cased name and aliases become lookup keys. */
  addAction(action: CatalogAction): void {
    this.actions.push(action);
    this.actionsByName.set(action.name.toLowerCase(), action);
    for (const alias of action.aliases) this.actionsByName.set(alias.toLowerCase(), action);
    const list = this.actionsByService.get(action.service) ?? [];
    list.push(action);
    this.actionsByService.set(action.service, list);
  }

  /** Adds a system permission under its display name. */
  addPermission(permission: SystemPermission): void {
    this.permissions.set(permission.name, permission);
    this.permissionsByLowerName.set(permission.name.toLowerCase(), permission);
  }

  /**
   * Finds an action by name or older alias. The service part is lower-case in Huawei's syntax,
   * and resource type and operation compare case-insensitively, so lookup ignores case.
   */
  findAction(name: string): CatalogAction | undefined {
    return this.actionsByName.get(name.toLowerCase());
  }

  /** True when `name` is a known older spelling rather than the current name. */
  isAlias(name: string): boolean {
    const action = this.findAction(name);
    return action !== undefined && action.name.toLowerCase() !== name.toLowerCase();
  }

  /** Every action of one service, in catalog order. */
  actionsOf(service: string): readonly CatalogAction[] {
    return this.actionsByService.get(service.toLowerCase()) ?? [];
  }

  /** A system permission by display name (case-insensitive, as the console shows them). */
  findPermission(name: string): SystemPermission | undefined {
    return this.permissionsByLowerName.get(name.toLowerCase());
  }

  /** The scope of a service: `global`, `project`, or undefined when the catalog lacks it. */
  serviceScope(service: string): 'global' | 'project' | undefined {
    return this.services.get(service.toLowerCase())?.scope;
  }

  /** The closest known action name, for "did you mean" hints. */
  suggestAction(name: string): string | undefined {
    return suggest(
      name,
      this.actions.map((a) => a.name),
    );
  }

  /** The closest system permission name. */
  suggestPermission(name: string): string | undefined {
    return suggest(name, [...this.permissions.keys()]);
  }

  /** The closest operation id. */
  suggestOperation(id: string): string | undefined {
    return suggest(id, [...this.operations.keys()]);
  }

  /** `version (date)`, as reports print it. */
  describe(): string {
    return `${this.info.version} (${this.info.date})`;
  }
}

/**
 * Picks the closest candidate, but only when it is plausibly a typo (within a third of the
 * name's length): a far-off suggestion misleads more than no suggestion.
 */
export function suggest(name: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const lower = name.toLowerCase();
  const byLower = new Map(candidates.map((c) => [c.toLowerCase(), c]));
  const best = closest(lower, [...byLower.keys()]);
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.ceil(name.length / 3));
  return distance(lower, best) <= limit ? byLower.get(best) : undefined;
}
