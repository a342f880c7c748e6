/**
 * Turns a workflow's notice into one delivered message: recipients from the directory (and the extra
 * addresses each agency chose), Vietnamese text, one copy; and into one in-app notification in each
 * recipient agency's inbox. Both are keyed by the notice's key, so a retry repeats neither.
 */
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Directory } from '../catalog/directory';
import type { Recipient } from '../workflows/common/notice';
import type { Delivery, Mailer } from './mailer';
import { deliverToInbox, inboxAccess, inboxRecipients, notificationOf, preferencesOf } from './notifications';
import { render, type Notice, type TemplateContext } from './templates';

export type { Notice } from './templates';

export function addressesFor(directory: Directory, recipients: Recipient[]): string[] {
  return [...new Set(recipients.flatMap((r) => directory.addressesOf(r.agency, r.role)))].sort();
}

export function createNotify(deps: { directory: Directory; mailer: Mailer; publicUrl: string; temporal?: Client }) {
  const ctx: TemplateContext = { directory: deps.directory, publicUrl: deps.publicUrl };
  return async function notify(notice: Notice): Promise<Delivery & { inboxes: string[] }> {
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
    const delivery = await deps.mailer.send({ key: notice.key, to, ...mail });
    return { ...delivery, inboxes: inboxes.map((r) => r.agency) };
  };
}
