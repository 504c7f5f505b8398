/**
 * Every lint rule, in the order their ids sort. A new rule is a module under `rules/`,
 * added here.
 */
import type { Rule } from './rule.js';
import { expiredSuppression } from './rules/config/expired-suppression.js';
import { destructiveToProject } from './rules/dli/destructive-to-project.js';
import { grantOptionShared } from './rules/dli/grant-option-shared.js';
import { granteeLacksTenantGuest } from './rules/dli/grantee-lacks-tenant-guest.js';
import { iamDenyShadowsGrant } from './rules/dli/iam-deny-shadows-grant.js';
import { invalidObject } from './rules/dli/invalid-object.js';
import { noopRevoke } from './rules/dli/noop-revoke.js';
import { objectNotInInventory } from './rules/dli/object-not-in-inventory.js';
import { privilegeNotApplicable } from './rules/dli/privilege-not-applicable.js';
import { redundantGrant } from './rules/dli/redundant-grant.js';
import { revokeWrongLevel } from './rules/dli/revoke-wrong-level.js';
import { unknownPrivilege } from './rules/dli/unknown-privilege.js';
import { updateRevokesAll } from './rules/dli/update-revokes-all.js';
import { adminGroup } from './rules/grant/admin-group.js';
import { broadScope } from './rules/grant/broad-scope.js';
import { emptyGroup } from './rules/grant/empty-group.js';
import { globalActionsInProjectScope } from './rules/grant/global-actions-in-project-scope.js';
import { missingRoleDependency } from './rules/grant/missing-role-dependency.js';
import { scopeHasNoEffect } from './rules/grant/scope-has-no-effect.js';
import { userWithoutGroup } from './rules/grant/user-without-group.js';
import { conditionalOnly } from './rules/intent/conditional-only.js';
import { excessPermission } from './rules/intent/excess-permission.js';
import { missingPermission } from './rules/intent/missing-permission.js';
import { actionCase } from './rules/policy/action-case.js';
import { allowNotAction } from './rules/policy/allow-not-action.js';
import { conditionValueType } from './rules/policy/condition-value-type.js';
import { deprecatedActionName } from './rules/policy/deprecated-action-name.js';
import { duplicateAction } from './rules/policy/duplicate-action.js';
import { ineffectiveAllow } from './rules/policy/ineffective-allow.js';
import { invalidDocument } from './rules/policy/invalid-document.js';
import { mixedScope } from './rules/policy/mixed-scope.js';
import { overLimits } from './rules/policy/over-limits.js';
import { patternMatchesNothing } from './rules/policy/pattern-matches-nothing.js';
import { redundantStatement } from './rules/policy/redundant-statement.js';
import { resourceNotSupported } from './rules/policy/resource-not-supported.js';
import { unknownAction } from './rules/policy/unknown-action.js';
import { unknownConditionKey } from './rules/policy/unknown-condition-key.js';
import { unknownConditionOperator } from './rules/policy/unknown-condition-operator.js';
import { unknownService } from './rules/policy/unknown-service.js';
import { wildcardAllow } from './rules/policy/wildcard-allow.js';

/** The registered rules. */
export const allRules: readonly Rule[] = [
  expiredSuppression,
  destructiveToProject,
  grantOptionShared,
  granteeLacksTenantGuest,
  iamDenyShadowsGrant,
  invalidObject,
  noopRevoke,
  objectNotInInventory,
  privilegeNotApplicable,
  redundantGrant,
  revokeWrongLevel,
  unknownPrivilege,
  updateRevokesAll,
  adminGroup,
  broadScope,
  emptyGroup,
  globalActionsInProjectScope,
  missingRoleDependency,
  scopeHasNoEffect,
  userWithoutGroup,
  conditionalOnly,
  excessPermission,
  missingPermission,
  actionCase,
  allowNotAction,
  conditionValueType,
  deprecatedActionName,
  duplicateAction,
  ineffectiveAllow,
  invalidDocument,
  mixedScope,
  overLimits,
  patternMatchesNothing,
  redundantStatement,
  resourceNotSupported,
  unknownAction,
  unknownConditionKey,
  unknownConditionOperator,
  unknownService,
  wildcardAllow,
];

/** A registered rule by id. */
export function findRule(id: string): Rule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
