/** The notice that tells every member of an agency (and the addresses now added) where its mail goes from now on. */
import type { Actor } from '../common/actor';
import type { NoticeBase } from '../common/notice';

export interface MailRoutingNotice extends NoticeBase {
  kind: 'mail-routing';
  event: 'mail_routing_changed';
  agency: string;
  added: string[];
  removed: string[];
  /** The extra addresses after the change. */
  extraEmails: string[];
  by: Actor;
  at: string;
  outsideDomainsApproved: boolean;
  note?: string;
}
