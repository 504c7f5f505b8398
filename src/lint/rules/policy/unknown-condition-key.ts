/** `policy/unknown-condition-key`: a `g:` condition key Huawei does not document. */
import { suggest } from '../../../catalog/catalog.js';
import {
  findGlobalConditionKey,
  globalConditionKeys,
  isKnownGlobalConditionKey,
} from '../../../policy/condition-keys.js';
import { documentRule, noOptions } from '../../rule.js';
import { conditionEntries } from '../../statements.js';

export const unknownConditionKey = documentRule({
  meta: {
    id: 'policy/unknown-condition-key',
    level: 'warning',
    category: 'catalog',
    description:
      'Reports global condition keys (g:…) that Huawei does not document for the policy version.',
    help:
      'A condition on a key the request never carries is decided by absence: the condition is ' +
      'false (or true with IfExists), whatever the author meant. Huawei documents a fixed set ' +
      'of global keys for Version 1.1 policies (g:CurrentTime, g:DomainName, g:MFAPresent, ' +
      'g:MFAAge, g:ProjectName, g:ServiceName, g:UserId, g:UserName and a few more) and a ' +
      'different set for 5.0 identity policies. A key without a service prefix is never a ' +
      'condition key. Service keys (obs:prefix) are not checked: the catalog does not list them.',
    needs: 'document',
    messages: {
      unknown:
        'condition key "{key}" is not a documented global key[; did you mean "{suggestion}"?]',
      'wrong-version':
        'condition key "{key}" is documented for Version {versions} policies, not {version}',
      'no-prefix': 'condition key "{key}" has no prefix; keys are g:<name> or <service>:<name>',
    },
    fixes: {
      unknown: '[write "{suggestion}", or ]use a documented key: {known}',
      'wrong-version':
        'use a key documented for Version {version}, or write the policy in Version {versions}',
      'no-prefix': '[write "{suggestion}", or ]add the g: or service prefix',
    },
    identity: ['key'],
    examples: {
      format: 'json',
      invalid: `{
  "Version": "1.1",
  "Statement": [{
    "Effect": "Allow",
    "Action": ["rds:instance:list"],
    "Condition": { "StringEquals": { "g:UserNme": ["alice"] } }
  }]
}`,
      valid: `{
  "Version": "1.1",
  "Statement": [{
    "Effect": "Allow",
    "Action": ["rds:instance:list"],
    "Condition": { "StringEquals": { "g:UserName": ["alice"] } }
  }]
}`,
    },
  },
  options: noOptions,
  check({ document, report }) {
    const { version } = document;
    const names = globalConditionKeys
      .filter((k) => k.versions.includes(version))
      .map((k) => k.name);
    for (const entry of conditionEntries(document)) {
      const { key } = entry;
      const isGlobal = key.toLowerCase().startsWith('g:');
      if (key.includes(':') && !isGlobal) continue;
      if (isGlobal && isKnownGlobalConditionKey(key, version)) continue;
      const documented = findGlobalConditionKey(key);
      const suggestion = suggest(key.includes(':') ? key : `g:${key}`, names) ?? '';
      const messageId = !key.includes(':') ? 'no-prefix' : documented ? 'wrong-version' : 'unknown';
      const versions = documented?.versions.join(' and ') ?? '';
      const data = { key, suggestion, version, versions, known: names.join(', ') };
      report({ messageId, path: entry.path, data });
    }
  },
});
