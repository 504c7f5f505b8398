/** Types of `cedar.mjs`. */
import type { IamPart } from './account.mjs';
import type { PeerAnswer } from './peer.mjs';
export function cedarPeer(
  part: IamPart,
  mode: 'sliced' | 'single',
): {
  name: string;
  check(user: string, action: string, target: string, mfa: boolean): PeerAnswer;
  policyCount(): number;
};
