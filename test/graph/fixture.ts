/** A small account for the picture tests: an Allow, a Deny, and a role without its Depends. */
import { layoutPicture } from '../../src/graph/layout.js';
import { buildPicture } from '../../src/graph/picture.js';
import type { Picture } from '../../src/graph/picture-types.js';
import { applyStyle } from '../../src/graph/picture-style.js';
import { evaluatorFor } from '../helpers.js';

export const model = `projects: [{ name: p1 }]
users: [{ name: alice, groups: ['ops "blue" #1'] }]
groups:
  - name: 'ops "blue" #1'
    grants:
      - { permission: ops-policy, scope: p1 }
      - { permission: RDS Role, scope: p1 }
policies:
  - name: ops-policy
    document:
      Version: "1.1"
      Statement:
        - { Effect: Allow, Action: ["rds:*:*"] }
        - { Effect: Deny, Action: ["rds:instance:delete"] }
`;

/** The styled, laid-out picture of alice, or of one request of hers. */
export function picture(what?: string): Picture {
  const evaluator = evaluatorFor(model);
  return layoutPicture(applyStyle(buildPicture(evaluator, 'alice', what, { project: 'p1' })));
}
