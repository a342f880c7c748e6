/**
 * One run per day holds that day's audit reads as signal events (see messages.ts). It stays open until an
 * hour after the local midnight that ends its day, so a read at 23:59 still lands in it; a read after it
 * closed simply starts a fresh run with the same id. Long days continue as new to keep histories small.
 */
import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { auditReadCountQuery, recordAuditReadSignal, type AuditReadLogInput } from './messages';

/** Vietnam keeps UTC+7 all year. */
const OFFSET_MS = 7 * 3_600_000;
const GRACE_MS = 3_600_000;

export async function auditReadLogWorkflow(input: AuditReadLogInput): Promise<{ day: string; reads: number }> {
  let reads = 0;
  setHandler(recordAuditReadSignal, () => {
    reads += 1;
  });
  setHandler(auditReadCountQuery, () => reads);

  const closesAt = Date.parse(`${input.day}T00:00:00Z`) - OFFSET_MS + 86_400_000 + GRACE_MS;
  const tooLong = () => workflowInfo().continueAsNewSuggested;
  const wait = closesAt - Date.now();
  if (wait > 0 && (await condition(tooLong, wait))) {
    await condition(allHandlersFinished);
    await continueAsNew<typeof auditReadLogWorkflow>(input);
  }
  await condition(allHandlersFinished);
  return { day: input.day, reads };
}
