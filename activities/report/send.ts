/**
 * Sends the approved report to the province's unit of the directory with the document attached. The mail's
 * key is the workflow's, so a retry (or a replay) never sends it twice.
 */
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Directory } from '../../catalog/directory';
import type { ReportState } from '../../workflows/report/messages';
import type { DocumentStore } from '../document-store';
import { whileBeating } from '../heartbeat';
import { deliverMail, type MailOutcome } from '../mail';
import type { Mailer } from '../mailer';
import { inboxAccess } from '../notifications';
import { renderReportToProvince } from '../templates/report';

export function createSendReportActivity(deps: { directory: Directory; mailer: Mailer; publicUrl: string; documents?: DocumentStore; temporal?: Client }) {
  return {
    sendReportToProvince: (req: { key: string; state: ReportState; draft: number }): Promise<MailOutcome> => whileBeating(async (record) => {
      // The issued document (signed under the approver's capacity) when made, else the approved draft's.
      const document = req.state.issued?.document ?? req.state.drafts.find((d) => d.version === req.draft)?.document;
      const stored = document && deps.documents ? await deps.documents.readDocument(document.sha256) : undefined;
      if (!document || !stored) throw ApplicationFailure.nonRetryable(`Không tìm thấy tệp của dự thảo lần ${req.draft}`, 'DocumentMissing');
      // The level above the report was started for (a report of a case started before carries the seed's).
      const above = req.state.parties?.above ?? deps.directory.parties.above;
      const to = deps.directory.addressesOf(above);
      if (!to.length) throw ApplicationFailure.nonRetryable(`Danh bạ không có địa chỉ của ${above}`, 'UnknownRecipient');
      const { subject, text, html } = renderReportToProvince(req.state, { directory: deps.directory, publicUrl: deps.publicUrl }, document.filename);
      return deliverMail(inboxAccess(deps.temporal), deps.mailer, {
        key: req.key,
        to,
        subject,
        text,
        html,
        attachments: [{ filename: document.filename, contentType: document.contentType, contentBase64: stored.bytes.toString('base64') }],
      }, 'report', record);
    }),
  };
}
