/**
 * The resolved account model: every reference checked, every object with its source position.
 * The graph is built from this; nothing downstream re-reads files.
 */
import type { SystemPermission } from '../catalog/catalog.js';
import type { PolicyDocument } from '../policy/types.js';
import type { SourceDocument, SourcePosition } from './source.js';

/** A region project. */
export interface Project {
  name: string;
  id?: string | undefined;
  position: SourcePosition;
}

/** An enterprise project. */
export interface EnterpriseProject {
  name: string;
  id?: string | undefined;
  position: SourcePosition;
}

/** Where a grant applies, as Huawei's console offers it. */
export type Scope =
  | { kind: 'project'; project: Project }
  | { kind: 'global' }
  | { kind: 'all' }
  | { kind: 'enterprise-project'; enterpriseProject: EnterpriseProject };

/** A system permission or a custom policy, ready to evaluate. */
export interface Permission {
  name: string;
  origin: 'system' | 'custom';
  kind: 'role' | 'policy';
  document: PolicyDocument;
  system?: SystemPermission | undefined;
  description?: string | undefined;
  /** Custom policies: AX (global) or XA (project), when stated. */
  type?: 'AX' | 'XA' | undefined;
  position: SourcePosition;
  /** Custom policies: the position of a path inside the document (`['Statement', 0, 'Action', 1]`). */
  locate?: ((path: readonly (string | number)[]) => SourcePosition) | undefined;
}

/** Who holds a grant. */
export interface Holder {
  kind: 'user' | 'group';
  name: string;
}

/** A permission attached to a holder at a scope. */
export interface Grant {
  id: string;
  holder: Holder;
  permission: Permission;
  scope: Scope;
  position: SourcePosition;
}

export interface User {
  name: string;
  id?: string | undefined;
  groups: string[];
  grants: Grant[];
  position: SourcePosition;
}

export interface Group {
  name: string;
  id?: string | undefined;
  description?: string | undefined;
  grants: Grant[];
  members: string[];
  position: SourcePosition;
}

/** An intended use: what a principal is meant to do (least-privilege lint). */
export interface Intent {
  principal: Holder;
  project?: Project | undefined;
  operations: string[];
  actions: string[];
  position: SourcePosition;
}

/** The raw DLI section of each file, with its source, for the DLI module. */
export interface DliSource {
  value: unknown;
  source: SourceDocument;
  basePath: (string | number)[];
}

/** A whole account. */
export interface AccountModel {
  account?: string | undefined;
  domainId?: string | undefined;
  files: string[];
  projects: Project[];
  enterpriseProjects: EnterpriseProject[];
  users: Map<string, User>;
  groups: Map<string, Group>;
  /** Custom policies by name. */
  policies: Map<string, Permission>;
  intents: Intent[];
  dli: DliSource[];
}

/** Renders a scope the way messages print it. */
export function describeScope(scope: Scope): string {
  switch (scope.kind) {
    case 'project':
      return `project ${scope.project.name}`;
    case 'global':
      return 'global services';
    case 'all':
      return 'all resources';
    case 'enterprise-project':
      return `enterprise project ${scope.enterpriseProject.name}`;
  }
}
