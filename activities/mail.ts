/**
 * How an email leaves the service. The activity that renders a message tries the mail server once, at once
 * (`deliverMail`): most mail goes out there and then. What the server answered is recorded in Temporal
 * (as the activity's heartbeat details) the moment it answers, so a retry of the activity — on this worker or
 * another — finds the answer there and sends nothing again. When the server is down, answers 4xx or refuses
 * a recipient, the message is handed to a delivery workflow of its own (workflows/mail), whose id derives
 * from the message's key: a second hand-over of the same key, from a retry or another worker, finds it there
 * and starts nothing. The delivery workflow then calls `sendMail` until the server has answered.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { MailStatus } from '../workflows/common/search-attributes';
import { MAIL_WORKFLOW_TYPE, mailWorkflowId, type MailDeliveryInput, type OutgoingMail, type SendResult } from '../workflows/mail/messages';
import { MAIL_REFUSED, mailIdOf, messageIdOf, type Mailer } from './mailer';
import type { InboxAccess } from './notifications';
import { whileBeating, type KeepDetails } from './heartbeat';

/** What became of a message in the activity that rendered it. */
export interface MailOutcome {
  key: string;
  mailId: string;
  messageId: string;
  to: string[];
  subject: string;
  /** Recipients the mail server accepted in this activity (in this attempt or an earlier one). */
  delivered: string[];
  /** False when an earlier attempt of the activity had already had the server's answer: nothing was sent this time. */
  sentNow: boolean;
  /** Whether it went to its delivery workflow (the server did not answer, or refused someone). */
  handedOver: boolean;
}

type FirstAttempt = NonNullable<MailDeliveryInput['firstAttempt']>;

const refusalOf = (err: unknown): string | null => (err instanceof ApplicationFailure && err.type === MAIL_REFUSED ? err.message : null);

/** Starts the message's delivery workflow, unless it exists already. */
async function handOver(access: InboxAccess, input: MailDeliveryInput): Promise<void> {
  try {
    await access.client.workflow.start(MAIL_WORKFLOW_TYPE, {
      workflowId: mailWorkflowId(access.taskQueue, input.id),
      taskQueue: access.taskQueue,
      args: [input],
      // Once delivered, never again under the same id (until the namespace forgets it).
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [{ key: MailStatus, value: 'sending' }],
      memo: { subject: input.mail.subject, kind: input.kind },
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/**
 * Sends a rendered message once, inside the activity that rendered it; hands it over when that is not enough.
 * `record` is the activity's beat (activities/heartbeat.ts), which keeps the answer it records.
 */
export async function deliverMail(access: InboxAccess, mailer: Mailer, mail: OutgoingMail, kind: string, record: KeepDetails): Promise<MailOutcome> {
  const context = Context.current();
  const mailId = mailIdOf(mail.key);
  const base = { key: mail.key, mailId, messageId: messageIdOf(mail.key), to: mail.to, subject: mail.subject };
  const earlier = (context.info.heartbeatDetails as { mail?: FirstAttempt } | undefined)?.mail;
  let first = earlier;
  if (!first) {
    const at = new Date().toISOString();
    try {
      first = { at, sent: await mailer.send(mail) };
    } catch (err) {
      const refusal = refusalOf(err);
      // No answer (down, a timeout, 4xx): the delivery workflow tries again.
      if (refusal !== null) first = { at, refusal };
      else context.log.warn('mail server did not take the message; handed to its delivery', { key: mail.key, error: String(err) });
    }
    if (first) record({ mail: first });
  }
  const delivered = first && 'sent' in first ? first.sent.accepted : [];
  const complete = first !== undefined && 'sent' in first && first.sent.rejected.length === 0;
  if (!complete) await handOver(access, { id: mailId, mail, kind, ...(first ? { firstAttempt: first } : {}) });
  return { ...base, delivered, sentNow: earlier === undefined && first !== undefined && 'sent' in first, handedOver: !complete };
}

export function createMailActivities(mailer: Mailer) {
  return {
    /**
     * One attempt of a delivery workflow at handing its message to the mail server, with the same record of
     * the server's answer in Temporal: a retried attempt that finds it sends nothing.
     */
    async sendMail(req: { id: string; mail: OutgoingMail }): Promise<SendResult> {
      const earlier = Context.current().info.heartbeatDetails as SendResult | undefined;
      if (earlier?.messageId) return { ...earlier, sentNow: false };
      return whileBeating(async (record) => {
        const result = await mailer.send(req.mail);
        record(result);
        return result;
      });
    },
  };
}
