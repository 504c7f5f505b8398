/** What both peers answer for one question. */
export interface PeerAnswer {
  allowed: boolean;
  explicitDeny: boolean;
}
