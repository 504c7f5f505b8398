/**
 * One resource or data source instance as the importer sees it, whether it was read from `.tf`
 * files or from a plan: its address, where it is written, and its attributes as values that
 * may be unknown or references to other instances.
 */
import type { SourcePosition } from '../../model/source.js';
import type { HeredocText } from './hcl-files.js';
import type { Value } from './values.js';

/** A resource (`managed`) or data source (`data`) instance. */
export interface TfInstance {
  /** `huaweicloud_identity_group.dba`, `module.iam.huaweicloud_identity_user.u[0]`. */
  address: string;
  mode: 'managed' | 'data';
  /** The type with deprecated aliases resolved (`huaweicloud_identity_group_v3` → `…_group`). */
  type: string;
  position: SourcePosition;
  /** An attribute's value; undefined when the instance does not set it. */
  attribute(name: string): Value | undefined;
  /** Where an attribute is written (its line in a `.tf` file), else the instance's position. */
  attributePosition(name: string): SourcePosition;
  /** The heredoc text an attribute is written as in a `.tf` file, when it is one. */
  attributeHeredoc?(name: string): HeredocText | undefined;
  /**
   * Why it is unknown whether the instance exists (its block's count or for_each is unknown):
   * it stands for every instance the block may have. Only `uncertainTypes` are read this way.
   */
  uncertain?: string;
}

/** Deprecated resource types and the current type they are an alias of. */
const aliases: Readonly<Record<string, string>> = {
  huaweicloud_identity_role_assignment: 'huaweicloud_identity_group_role_assignment',
  huaweicloud_identity_role_assignment_v3: 'huaweicloud_identity_group_role_assignment',
};

/** The current name of a resource type (`_v3` suffixes and old names resolved). */
export function canonicalType(type: string): string {
  return aliases[type] ?? type.replace(/_v3$/, '');
}

/** The resource types the importer turns into model objects. */
export const importedTypes: readonly string[] = [
  'huaweicloud_identity_project',
  'huaweicloud_identity_user',
  'huaweicloud_identity_group',
  'huaweicloud_identity_role',
  'huaweicloud_identity_group_membership',
  'huaweicloud_identity_group_role_assignment',
  'huaweicloud_identity_user_role_assignment',
  'huaweicloud_identity_agency',
  'huaweicloud_identityv5_user',
  'huaweicloud_identityv5_group',
  'huaweicloud_identityv5_policy',
  'huaweicloud_identityv5_group_membership',
  'huaweicloud_identityv5_policy_group_attach',
  'huaweicloud_identityv5_policy_user_attach',
  'huaweicloud_identityv5_policy_agency_attach',
  'huaweicloud_dli_permission',
  'huaweicloud_dli_database_privilege',
  'huaweicloud_dli_datasource_connection_privilege',
];

/** The data sources whose lookups the importer resolves (by name, display name). */
export const lookedUpTypes: readonly string[] = [
  'huaweicloud_identity_projects',
  'huaweicloud_identity_users',
  'huaweicloud_identity_group',
  'huaweicloud_identity_role',
];

/**
 * The resource types read even when their count or for_each is unknown: custom policies, their
 * grants and group memberships, whose Deny statements are then imported as conditional (an
 * unknown value must never remove a Deny). Other types with an unknown count are reported and
 * left out.
 */
export const uncertainTypes: readonly string[] = [
  'huaweicloud_identity_group_membership',
  'huaweicloud_identityv5_group_membership',
  'huaweicloud_identity_role',
  'huaweicloud_identityv5_policy',
  'huaweicloud_identity_group_role_assignment',
  'huaweicloud_identity_user_role_assignment',
  'huaweicloud_identityv5_policy_group_attach',
  'huaweicloud_identityv5_policy_user_attach',
];
