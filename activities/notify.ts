/**
 * Turns a workflow's notice into one in-app notification in each recipient agency's inbox and one email:
 * recipients from the directory (and the extra addresses each agency's mail routing adds), Vietnamese text.
 * Both are keyed by the notice's key, so a retry repeats neither. The email gets one try here; a mail server
 * that is down or refuses does not hold the activity (activities/mail.ts).
 */
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { WorkingCalendar } from '../catalog/calendar';
import type { Directory } from '../catalog/directory';
import type { Recipient } from '../workflows/common/notice';
import { deliverMail, type MailOutcome } from './mail';
import type { Mailer } from './mailer';
import { deliverToInbox, inboxAccess, inboxRecipients, notificationOf, preferencesOf } from './notifications';
import { render, type Notice, type TemplateContext } from './templates';

export type { Notice } from './templates';

export function addressesFor(directory: Directory, recipients: Recipient[]): string[] {
  return [...new Set(recipients.flatMap((r) => directory.addressesOf(r.agency, r.role)))].sort();
}

export function createNotify(deps: { directory: Directory; mailer: Mailer; publicUrl: string; temporal?: Client; calendarNow?: () => Promise<WorkingCalendar> }) {
  return async function notify(notice: Notice): Promise<MailOutcome & { inboxes: string[] }> {
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
    const prefs = await Promise.all(
      inboxes.map(async ({ agency, roles }) => {
        await deliverToInbox(access, agency, notificationOf(notice, { subject: mail.subject, summary, link }, roles, workflowId));
        return preferencesOf(access, agency);
      }),
    );
    const to = [...new Set([...direct, ...prefs.flatMap((p) => p.extraEmails)])].sort();
    // One try at the mail server; if it is not enough the message goes to its own delivery, so a mail
    // outage holds back neither this case nor its notices.
    const outcome = await deliverMail(access, deps.mailer, { key: notice.key, to, ...mail }, notice.kind);
    return { ...outcome, inboxes: inboxes.map((r) => r.agency) };
  };
}
