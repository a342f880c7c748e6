/**
 * The morning digest (started by a Temporal Schedule at 07:30 Asia/Ho_Chi_Minh every day): on a working
 * day, each agency with pending items gets one email listing them and what is overdue; agencies with
 * nothing pending, or that turned the digest off, get nothing. Weekends and public holidays (catalog
 * calendar) send nothing at all.
 */
import { log, proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import type { DigestInput, DigestResult } from './messages';
import { digestNotice } from './notices';

type Activities = ReturnType<typeof createActivities>;

const { digestDay, pendingWorkByAgency, digestSubscribers } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { maximumInterval: '1 minute' },
});

// A digest left unsent by noon is no longer a morning digest: give up on it then.
const { notify } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  scheduleToCloseTimeout: '4 hours',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', nonRetryableErrorTypes: ['UnknownRecipient'] },
});

/** Digests sent at once; a province has thousands of communes. */
const PARALLEL_SENDS = 10;

export async function morningDigestWorkflow(input: DigestInput = {}): Promise<DigestResult> {
  const day = await digestDay({ date: input.date ?? null, at: new Date(Date.now()).toISOString() });
  const result: DigestResult = { date: day.date, workingDay: day.workingDay, ...(day.holiday ? { holiday: day.holiday } : {}), sent: [], optedOut: [], failed: [] };
  if (!day.workingDay) return result;

  const pending = await pendingWorkByAgency({ asOf: day.asOf });
  const subscribed = new Set(await digestSubscribers(pending.map((w) => w.agency)));
  const due = pending.filter((w) => subscribed.has(w.agency));
  result.optedOut = pending.filter((w) => !subscribed.has(w.agency)).map((w) => w.agency);

  for (let i = 0; i < due.length; i += PARALLEL_SENDS) {
    const batch = due.slice(i, i + PARALLEL_SENDS);
    const outcomes = await Promise.allSettled(batch.map((work) => notify(digestNotice(day.date, work))));
    outcomes.forEach((outcome, j) => {
      const work = batch[j]!;
      if (outcome.status === 'fulfilled') result.sent.push({ agency: work.agency, total: work.total, overdue: work.overdue });
      else {
        // One agency nobody can be mailed at must not keep the others from their digest.
        log.error('digest could not be delivered', { agency: work.agency, error: String(outcome.reason) });
        result.failed.push(work.agency);
      }
    });
  }
  return result;
}
