/**
 * The bare side of make scale's campaign: the Temporal operations a campaign makes for each unit until its plan
 * is on the board, with no rule, schema or text of the service. A parent starts one child per unit in batches of
 * 100, as abandoned children, 500 per run (as the campaign does); each child plans its deadline (an activity), sends the
 * unit its notice (an activity that signals the unit's inbox workflow, started with the signal), reports its row
 * to the parent (a signal), then waits for the unit as a commune plan does. The parent ends when every child
 * has reported: the bare floor of "all started" on the same server, in the same run.
 */
import { condition, continueAsNew, defineSignal, getExternalWorkflowHandle, ParentClosePolicy, proxyActivities, setHandler, sleep, startChild, workflowInfo } from '@temporalio/workflow';
import type { FanoutActivities } from './fanout-activities';

export const rowSignal = defineSignal<[number]>('row');
export const noticeSignal = defineSignal<[string]>('notice');

const { planDeadline, sendNotice } = proxyActivities<FanoutActivities>({ startToCloseTimeout: '1 minute' });

export async function bareCampaign(units: number, batchSize: number, perRun: number, next = 0, reported: number[] = []): Promise<number> {
  const rows = new Set<number>(reported);
  setHandler(rowSignal, (unit) => void rows.add(unit));
  const parent = workflowInfo().workflowId;
  // As the campaign: a fresh run every `perRun` children, since Temporal counts abandoned children as pending
  // (2,000 at most per run) until that run ends.
  for (let startedThisRun = 0; next < units; ) {
    if (startedThisRun >= perRun) return continueAsNew<typeof bareCampaign>(units, batchSize, perRun, next, [...rows]);
    const batch = Array.from({ length: Math.min(batchSize, units - next) }, (_, i) => next + i);
    await Promise.all(batch.map((unit) => startChild(bareUnit, { workflowId: `${parent}-unit-${unit}`, args: [parent, unit], parentClosePolicy: ParentClosePolicy.ABANDON })));
    next += batch.length;
    startedThisRun += batch.length;
  }
  await condition(() => rows.size === units);
  return rows.size;
}

export async function bareUnit(parent: string, unit: number): Promise<void> {
  const due = await planDeadline(unit);
  await sendNotice(`${parent}-inbox-${unit}`, due);
  await getExternalWorkflowHandle(parent).signal(rowSignal, unit);
  await sleep('30 days');
}

export async function bareInbox(): Promise<void> {
  const notices: string[] = [];
  setHandler(noticeSignal, (n) => void notices.push(n));
  await condition(() => false);
}
