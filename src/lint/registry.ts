/**
 * Every lint rule, in the order their ids sort. A new rule is a module under `rules/`,
 * added here.
 */
import type { Rule } from './rule.js';
import { actionCase } from './rules/policy/action-case.js';
import { conditionValueType } from './rules/policy/condition-value-type.js';
import { deprecatedActionName } from './rules/policy/deprecated-action-name.js';
import { invalidDocument } from './rules/policy/invalid-document.js';
import { mixedScope } from './rules/policy/mixed-scope.js';
import { overLimits } from './rules/policy/over-limits.js';
import { patternMatchesNothing } from './rules/policy/pattern-matches-nothing.js';
import { resourceNotSupported } from './rules/policy/resource-not-supported.js';
import { unknownAction } from './rules/policy/unknown-action.js';
import { unknownConditionKey } from './rules/policy/unknown-condition-key.js';
import { unknownConditionOperator } from './rules/policy/unknown-condition-operator.js';
import { unknownService } from './rules/policy/unknown-service.js';
import { wildcardAllow } from './rules/policy/wildcard-allow.js';

/** The registered rules. */
export const allRules: readonly Rule[] = [
  actionCase,
  conditionValueType,
  deprecatedActionName,
  invalidDocument,
  mixedScope,
  overLimits,
  patternMatchesNothing,
  resourceNotSupported,
  unknownAction,
  unknownConditionKey,
  unknownConditionOperator,
  unknownService,
  wildcardAllow,
];
