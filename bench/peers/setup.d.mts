/** Types of `setup.mjs`. */
import type { IamPart } from './account.mjs';
import type { PeerAnswer } from './peer.mjs';
export function peerPart(
  account: unknown,
  catalog: {
    actions: readonly { name: string; scope: 'global' | 'project' }[];
    findPermission(name: string):
      | {
          document: {
            statements: { effect: 'Allow' | 'Deny'; action?: string[]; excludeAction?: string[] }[];
            depends: { display_name: string }[];
          };
        }
      | undefined;
  },
): IamPart;
export function targetOf(query: { project: string | undefined }): string;
export function agrees(decision: string, answer: PeerAnswer): boolean;
