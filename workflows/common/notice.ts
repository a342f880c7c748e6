/**
 * A notice is what a workflow wants people to know: the activity resolves the recipients through the
 * directory, renders the Vietnamese text and delivers it once (its key makes a retry harmless).
 */
import type { Role } from './actor';

/** An agency (optionally only its people of one role); its official mailbox is always included. */
export interface Recipient {
  agency: string;
  role?: Role;
}

export interface NoticeBase {
  /** Stable across retries and replays: `<workflowId>/<seq>-<event>`. */
  key: string;
  to: Recipient[];
}
