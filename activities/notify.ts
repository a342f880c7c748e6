/**
 * Turns a workflow's notice into one in-app notification in each recipient agency's inbox and one email:
 * recipients from the directory (and the extra addresses each agency's mail routing adds), Vietnamese text.
 * Both are keyed by the notice's key, so a retry repeats neither. The email gets one try here; a mail server
 * that is down or refuses does not hold the activity (activities/mail.ts).
 *
 * An agency's extra addresses (its mail routing, kept in its inbox) are read at most once every 30 s per
 * process, not on every notice: a campaign notifies thousands of units at once, and a query per notice queues
 * at the inbox until the server refuses. A routing change therefore reaches the mail within 30 s; on the
 * worker that sends the change's own notice, at once.
 */
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { WorkingCalendar } from '../catalog/calendar';
import type { Directory } from '../catalog/directory';
import type { Recipient } from '../workflows/common/notice';
import { whileBeating, type KeepDetails } from './heartbeat';
import { deliverMail, type MailOutcome } from './mail';
import { remembered } from './remembered';
import type { Mailer } from './mailer';
import { deliverToInbox, extraEmailsOf, inboxAccess, inboxRecipients, notificationOf } from './notifications';
import { render, type Notice, type TemplateContext } from './templates';

export type { Notice } from './templates';

export function addressesFor(directory: Directory, recipients: Recipient[]): string[] {
  return [...new Set(recipients.flatMap((r) => directory.addressesOf(r.agency, r.role)))].sort();
}

/** How long a process uses an agency's extra addresses before asking its inbox again. */
export const MAIL_ROUTING_FRESH_MS = 30_000;

export function createNotify(deps: { directory: Directory; mailer: Mailer; publicUrl: string; temporal?: Client; calendarNow?: () => Promise<WorkingCalendar> }) {
  const routing = remembered<string[]>(MAIL_ROUTING_FRESH_MS);
  return (notice: Notice): Promise<MailOutcome & { inboxes: string[] }> => whileBeating((record) => notifyOnce(notice, record));

  async function notifyOnce(notice: Notice, record: KeepDetails): Promise<MailOutcome & { inboxes: string[] }> {
    const ctx: TemplateContext = { directory: deps.directory, publicUrl: deps.publicUrl, ...(deps.calendarNow ? { calendar: await deps.calendarNow() } : {}) };
    const direct = addressesFor(deps.directory, notice.to);
    if (!direct.length) {
      throw ApplicationFailure.nonRetryable(`Không có địa chỉ nhận cho ${JSON.stringify(notice.to)}`, 'UnknownRecipient');
    }
    const { summary, link, ...mail } = render(notice, ctx);
    // In-app first: should the mail fail, the retry finds the notification already there and adds none.
    const access = inboxAccess(deps.temporal);
    const inboxes = inboxRecipients(notice.to).filter((r) => deps.directory.unit(r.agency));
    const workflowId = Context.current().info.workflowExecution?.workflowId;
    const extra = await Promise.all(
      inboxes.map(async ({ agency, roles }) => {
        await deliverToInbox(access, agency, notificationOf(notice, { subject: mail.subject, summary, link }, roles, workflowId));
        const key = `${access.taskQueue}/${agency}`;
        // The notice of a routing change goes to the addresses as they are now changed.
        if (notice.kind === 'mail-routing') routing.forget(key);
        return routing.get(key, () => extraEmailsOf(access, agency));
      }),
    );
    const to = [...new Set([...direct, ...extra.flat()])].sort();
    // One try at the mail server; if it is not enough the message goes to its own delivery, so a mail
    // outage holds back neither this case nor its notices.
    const outcome = await deliverMail(access, deps.mailer, { key: notice.key, to, ...mail }, notice.kind, record);
    return { ...outcome, inboxes: inboxes.map((r) => r.agency) };
  }
}
