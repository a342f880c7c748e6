/** Turns a workflow's notice into one delivered message: recipients from the directory, Vietnamese text, one copy. */
import { ApplicationFailure } from '@temporalio/common';
import type { Directory } from '../catalog/directory';
import type { Recipient } from '../workflows/common/notice';
import type { Delivery, Mailer } from './mailer';
import { render, type Notice, type TemplateContext } from './templates';

export type { Notice } from './templates';

export function addressesFor(directory: Directory, recipients: Recipient[]): string[] {
  return [...new Set(recipients.flatMap((r) => directory.addressesOf(r.agency, r.role)))].sort();
}

export function createNotify(deps: { directory: Directory; mailer: Mailer; publicUrl: string }) {
  const ctx: TemplateContext = { directory: deps.directory, publicUrl: deps.publicUrl };
  return async function notify(notice: Notice): Promise<Delivery> {
    const to = addressesFor(deps.directory, notice.to);
    if (!to.length) {
      throw ApplicationFailure.nonRetryable(`Không có địa chỉ nhận cho ${JSON.stringify(notice.to)}`, 'UnknownRecipient');
    }
    const rendered = render(notice, ctx);
    return deps.mailer.send({ key: notice.key, to, ...rendered });
  };
}
