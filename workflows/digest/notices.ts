/** The digest as a notice: it goes through the same notify activity as every other email, so it also lands in the agency's inbox. */
import type { NoticeBase } from '../common/notice';
import { digestNoticeKey, type AgencyWork } from './messages';

export interface DigestNotice extends NoticeBase {
  kind: 'digest';
  /** Its only event; every notice names one. */
  event: 'morning_digest';
  /** The local date the digest is for (YYYY-MM-DD). */
  date: string;
  work: AgencyWork;
}

export function digestNotice(date: string, work: AgencyWork): DigestNotice {
  return { kind: 'digest', event: 'morning_digest', key: digestNoticeKey(date, work.agency), to: [{ agency: work.agency }], date, work };
}
