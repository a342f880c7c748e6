/**
 * The activities as workflows call them, with named option sets: every workflow schedules them the same
 * way, so a change of timeout or retry policy is made once.
 */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

/** How long an activity that sends mail may go without a beat before Temporal tries it on another worker. */
export const MAIL_HEARTBEAT_TIMEOUT = '15 seconds';

/** Reading the calendar and the directory: quick and harmless to retry. */
export const lookups = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

/**
 * The same lookups run inside the workflow task: a step's deadline is planned before the task completes, so
 * an Update waiting for it (the answer to a submission) returns in the same round trip.
 */
export const localLookups = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

/**
 * Delivering a notice: it must eventually go out, so retry without limit, backing off to once every ten
 * minutes; only a notice nobody can receive gives up. The activity beats while it works
 * (activities/heartbeat.ts): a worker that dies mid-notice is noticed in MAIL_HEARTBEAT_TIMEOUT, not two minutes.
 * The first retry comes a second after a failure (a lost answer, a dead worker, a hiccup of the inbox): most
 * failures are that brief, and the backoff doubles from there.
 */
export const delivery = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: MAIL_HEARTBEAT_TIMEOUT,
  retry: { initialInterval: '1 second', maximumInterval: '10 minutes', nonRetryableErrorTypes: ['UnknownRecipient'] },
});
