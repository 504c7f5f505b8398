/** Types of `account.mjs`, for the TypeScript tests that drive the peers. */
export interface PeerStatement {
  effect: 'Allow' | 'Deny';
  patterns: string[];
  excludes: string[];
  actions: string[];
  mfa?: boolean;
  users?: string[];
}
export interface PeerGrant {
  id: string;
  permission: string;
  scope: string;
  targets: string[] | 'all';
  needs: string[];
  statements: PeerStatement[];
}
export interface IamPart {
  projects: string[];
  targets: string[];
  groups: Map<string, PeerGrant[]>;
  users: Map<string, string[]>;
  dependencyRoles: string[];
}
export interface SystemPermissionData {
  statements: { effect: 'Allow' | 'Deny'; action?: string[]; excludeAction?: string[] }[];
  depends: string[];
}
export function actionPattern(pattern: string): (name: string) => boolean;
export function iamPart(
  account: unknown,
  catalogActions: readonly { name: string; scope: 'global' | 'project' }[],
  systemPermission: (name: string) => SystemPermissionData | undefined,
): IamPart;
export function heldRoles(part: IamPart, user: string): Set<string>;
