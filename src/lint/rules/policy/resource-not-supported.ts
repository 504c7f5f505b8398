/** `policy/resource-not-supported`: a v1.1 `Resource` for a service without resource-level authorization. */
import { splitResource } from '../../../policy/pattern.js';
import { documentRule, noOptions } from '../../rule.js';

export const resourceNotSupported = documentRule({
  meta: {
    id: 'policy/resource-not-supported',
    level: 'error',
    category: 'scope',
    description:
      'Reports Version 1.1 Resource entries for services that do not accept resource-level authorization.',
    help:
      'In Version 1.1 policies only some services accept a Resource (OBS, DLI, KMS, DWS and a ' +
      'few more; the catalog marks them resourceLevel). For any other service — RDS among them ' +
      '— Huawei refuses to create the policy. Restrict such a service by project (grant the ' +
      'policy on one region project) or by enterprise project instead. Version 5.0 identity ' +
      'policies have their own per-action resource types and are not checked here.',
    needs: 'document',
    messages: {
      unsupported:
        '{resource} names {service}, which does not accept resource-level authorization in Version 1.1 policies',
    },
    fixes: {
      unsupported:
        'remove the Resource element for {service} actions and narrow the grant by project or enterprise project instead',
    },
    identity: ['resource'],
    examples: {
      format: 'json',
      invalid: `{
  "Version": "1.1",
  "Statement": [{
    "Effect": "Allow",
    "Action": ["rds:instance:restart"],
    "Resource": ["rds:*:*:instance:prod-*"]
  }]
}`,
      valid: `{
  "Version": "1.1",
  "Statement": [{
    "Effect": "Allow",
    "Action": ["dli:queue:submitJob"],
    "Resource": ["dli:*:*:queue:queues.etl"]
  }]
}`,
    },
  },
  options: noOptions,
  check({ catalog, document, report }) {
    if (document.version !== '1.1') return;
    for (const statement of document.statements) {
      (statement.resource ?? []).forEach((resource, index) => {
        const service = splitResource(resource)?.service.toLowerCase();
        const entry = service === undefined ? undefined : catalog.services.get(service);
        if (!entry || entry.resourceLevel) return;
        const path = ['Statement', statement.index, 'Resource', index];
        report({ messageId: 'unsupported', path, data: { resource, service: entry.name } });
      });
    }
  },
});
