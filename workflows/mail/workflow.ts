/**
 * Delivers one message the mail server did not take at once: tries the server until it answers (every 20 s
 * at most, so mail goes out within a minute of the server coming back, however long it was down), records who
 * it accepted and who it refused, and keeps a refused message open for the office to resend or dismiss.
 * Nothing else waits on it: the case that sent the notice has moved on long before.
 */
import { ActivityFailure, ApplicationFailure, condition, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { MAIL_HEARTBEAT_TIMEOUT } from '../common/activities';
import type { Actor } from '../common/actor';
import { MailStatus } from '../common/search-attributes';
import { dismissMailUpdate, getMailDeliveryQuery, resendMailUpdate, type DismissInput, type MailDeliveryInput, type MailDelivery, type ResendInput } from './messages';
import { checks, dismiss, newDelivery, recordRefused, recordSent, startResend } from './rules';

/** A permanent refusal (5xx) is the one answer not worth retrying (activities/mailer.ts raises it). */
const MAIL_REFUSED = 'MailRefused';

const mailing = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: MAIL_HEARTBEAT_TIMEOUT,
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '20 seconds', nonRetryableErrorTypes: [MAIL_REFUSED] },
});

const now = (): string => new Date(Date.now()).toISOString();

const refusalOf = (err: unknown): string | null =>
  err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === MAIL_REFUSED ? err.cause.message : null;

export async function mailDeliveryWorkflow(input: MailDeliveryInput): Promise<MailDelivery> {
  const d = newDelivery(input, now());
  // What the office asked for while the message stood refused.
  let next = null as { resend: string[] } | 'dismiss' | null;
  // The status is indexed so the office can list undelivered mail.
  const publish = (): void => upsertSearchAttributes([{ key: MailStatus, value: d.status }]);

  setHandler(getMailDeliveryQuery, () => d);
  setHandler(
    resendMailUpdate,
    (actor: Actor, raw: ResendInput) => {
      next = { resend: startResend(d, actor, checks.resend(d, actor, raw), now()) };
      publish();
      return d;
    },
    { validator: (actor: Actor, raw: ResendInput) => void checks.resend(d, actor, raw) },
  );
  setHandler(
    dismissMailUpdate,
    (actor: Actor, raw: DismissInput) => {
      dismiss(d, actor, checks.dismiss(d, actor, raw), now());
      next = 'dismiss';
      return d;
    },
    { validator: (actor: Actor, raw: DismissInput) => void checks.dismiss(d, actor, raw) },
  );

  let to = [...input.mail.to];
  let first = input.firstAttempt;
  for (;;) {
    if (first && 'sent' in first) recordSent(d, first.sent, first.at);
    else if (first) recordRefused(d, to, first.refusal, first.at);
    else {
      try {
        recordSent(d, await mailing.sendMail({ id: input.id, mail: { ...input.mail, to } }), now());
      } catch (err) {
        const reason = refusalOf(err);
        if (reason === null) throw err;
        recordRefused(d, to, reason, now());
      }
    }
    first = undefined;
    d.status = d.refused.length ? 'undelivered' : 'delivered';
    publish();
    if (d.status === 'delivered') return d;
    await condition(() => next !== null);
    const asked = next as { resend: string[] } | 'dismiss';
    if (asked === 'dismiss') {
      publish();
      return d;
    }
    to = asked.resend;
    next = null;
  }
}
