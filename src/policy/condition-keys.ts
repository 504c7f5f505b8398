/**
 * Global condition keys (`g:` prefix) Huawei documents, so the `policy/unknown-condition-key`
 * lint can tell a typo from a key it has simply not heard of. Service keys (`obs:prefix`) are
 * the catalog's business, not this list's.
 */
import type { PolicyVersion } from './types.js';
import type { ConditionValueType } from './values.js';

/** One documented global key. A key ending in `/` is a family (`g:ResourceTag/<tag-key>`). */
export interface GlobalConditionKey {
  readonly name: string;
  readonly type: ConditionValueType;
  readonly versions: readonly PolicyVersion[];
  readonly source: string;
}

const V11 = 'huaweicloudDocs/iam 策略语法.md, table 2 (通用全局条件键)';
const V11_OTHER = 'huaweicloudDocs/iam 策略语法.md, table 3 (其他全局条件键)';
const V50 = 'IAM 5.0 global condition keys (iam_01_1287), reference §1.5';

function key(
  name: string,
  type: ConditionValueType,
  versions: PolicyVersion[],
  source: string,
): GlobalConditionKey {
  return { name, type, versions, source };
}

const both: PolicyVersion[] = ['1.1', '5.0'];

/** Every documented global key, with the policy versions it is documented for. */
export const globalConditionKeys: readonly GlobalConditionKey[] = [
  key('g:CurrentTime', 'date', both, V11),
  key('g:DomainName', 'string', both, V11),
  key('g:MFAPresent', 'bool', both, V11),
  key('g:MFAAge', 'number', ['1.1'], V11),
  key('g:ProjectName', 'string', ['1.1'], V11),
  key('g:ServiceName', 'string', ['1.1'], V11),
  key('g:UserId', 'string', ['1.1'], V11),
  key('g:UserName', 'string', both, V11),
  key('g:SourceIp', 'ip', ['1.1'], V11_OTHER),
  key('g:SourceVpc', 'string', ['1.1'], V11_OTHER),
  key('g:SourceVpce', 'string', both, V11_OTHER),
  key('g:TagKeys', 'string', both, V11_OTHER),
  key('g:ResourceTag/', 'string', both, V11_OTHER),
  key('g:RequestTag/', 'string', ['5.0'], V50),
  key('g:PrincipalUrn', 'string', ['5.0'], V50),
  key('g:PrincipalAccount', 'string', ['5.0'], V50),
  key('g:DomainId', 'string', ['5.0'], V50),
  key('g:PrincipalOrgPath', 'string', ['5.0'], V50),
  key('g:EnterpriseProjectId', 'string', ['5.0'], V50),
];

/**
 * The documented global key a condition key refers to (case-insensitive; `g:ResourceTag/team`
 * refers to the `g:ResourceTag/` family), whatever the version.
 */
export function findGlobalConditionKey(name: string): GlobalConditionKey | undefined {
  const lower = name.toLowerCase();

  return globalConditionKeys.find((k) => {
    const documented = k.name.toLowerCase();
    return documented.endsWith('/')
      ? lower.startsWith(documented) && lower.length > documented.length
      : lower === documented;
  });
}

/** Whether a `g:` key is documented for the given policy version. */
export function isKnownGlobalConditionKey(name: string, version: PolicyVersion): boolean {
  return findGlobalConditionKey(name)?.versions.includes(version) ?? false;
}
