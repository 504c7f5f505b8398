/** Types of `casbin.mjs`. */
import type { IamPart } from './account.mjs';
import type { PeerAnswer } from './peer.mjs';
export function casbinPeer(
  part: IamPart,
  mode: 'sliced' | 'single',
): Promise<{
  name: string;
  check(user: string, action: string, target: string, mfa: boolean): Promise<PeerAnswer>;
  ruleCount(): number;
}>;
