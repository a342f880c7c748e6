/**
 * Keeps a running activity's heartbeat going while it works. An activity scheduled with a heartbeat timeout
 * whose worker dies stops beating, and Temporal retries it elsewhere within that timeout instead of waiting
 * out its start-to-close (two minutes for a notice): a worker killed mid-notice delays the mail by seconds.
 * While the worker lives, the beat never stops, so a slow mail server cannot make Temporal start a second
 * attempt beside the first (which would send twice). Every beat carries the details last recorded, so the
 * mail server's recorded answer is never overwritten by an empty beat.
 */
import { Context } from '@temporalio/activity';

/** Beats this many times per heartbeat timeout: one late beat does not time the activity out. */
const BEATS_PER_TIMEOUT = 4;

/** Records details for a retry of this activity to find (context.heartbeat, kept by the beat); not named Record, the type every module knows. */
export type KeepDetails = (details: unknown) => void;

export async function whileBeating<T>(work: (record: KeepDetails) => Promise<T>): Promise<T> {
  const context = Context.current();
  const timeoutMs = context.info.heartbeatTimeoutMs;
  let details: unknown = context.info.heartbeatDetails;
  const record: KeepDetails = (next) => {
    details = next;
    context.heartbeat(next);
  };
  if (!timeoutMs) return work(record);
  const beat = setInterval(() => context.heartbeat(details), Math.max(250, Math.floor(timeoutMs / BEATS_PER_TIMEOUT)));
  try {
    return await work(record);
  } finally {
    clearInterval(beat);
  }
}
