/**
 * `make start` runs this: creates the service's Temporal Schedules if they are missing (today: the morning
 * digest, 07:30 Asia/Ho_Chi_Minh every day; the digest itself skips weekends and holidays, which a calendar
 * spec cannot know). A schedule already there is left as it is unless its time or target differs from
 * this definition, in which case its spec and action are brought back to it (a pause set in the UI stays).
 */
import { Client, Connection, ScheduleAlreadyRunning, type ScheduleDescription, type ScheduleOptions } from '@temporalio/client';
import { loadConfig } from '../config/env';
import { DIGEST_WORKFLOW_TYPE, digestScheduleId, type DigestInput } from '../workflows/digest/messages';

export const DIGEST_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const DIGEST_HOUR = 7;
export const DIGEST_MINUTE = 30;

/** The morning digest schedule for a deployment (its task queue). */
export function digestSchedule(taskQueue: string): ScheduleOptions {
  const input: DigestInput = {};
  return {
    scheduleId: digestScheduleId(taskQueue),
    spec: {
      calendars: [{ hour: DIGEST_HOUR, minute: DIGEST_MINUTE, comment: 'Bản tin công việc 07:30 mỗi sáng (ngày nghỉ, lễ: không gửi)' }],
      timezone: DIGEST_TIME_ZONE,
    },
    action: { type: 'startWorkflow', workflowType: DIGEST_WORKFLOW_TYPE, workflowId: `morning-digest:${taskQueue}`, taskQueue, args: [input] },
    policies: {
      // One digest a morning: never two at once, and after a long outage only the latest missed one, if it is recent.
      overlap: 'SKIP',
      catchupWindow: '6 hours',
    },
    state: { note: 'Gửi mỗi đơn vị một thư lúc 07:30 liệt kê hồ sơ đang chờ và quá hạn (scripts/ensure-schedules.ts).' },
  };
}

export type EnsureOutcome = 'created' | 'unchanged' | 'updated';

function matches(d: ScheduleDescription, want: ScheduleOptions): boolean {
  const cal = d.spec.calendars?.[0];
  const one = (r: Array<{ start: number; end: number }> | undefined, v: number) => r?.length === 1 && r[0]!.start === v && r[0]!.end === v;
  return (
    d.spec.timezone === want.spec.timezone &&
    d.spec.calendars?.length === 1 &&
    one(cal?.hour, DIGEST_HOUR) &&
    one(cal?.minute, DIGEST_MINUTE) &&
    d.action.type === 'startWorkflow' &&
    want.action.type === 'startWorkflow' &&
    d.action.workflowType === want.action.workflowType &&
    d.action.taskQueue === want.action.taskQueue
  );
}

/** Creates the schedule unless it exists; brings an existing one's spec and action back to the definition. */
export async function ensureSchedule(client: Client, want: ScheduleOptions): Promise<EnsureOutcome> {
  try {
    await client.schedule.create(want);
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  const handle = client.schedule.getHandle(want.scheduleId);
  if (matches(await handle.describe(), want)) return 'unchanged';
  await handle.update((current) => ({ ...current, spec: want.spec, action: want.action }));
  return 'updated';
}

/** Every schedule of the service, for one deployment. */
export async function ensureSchedules(client: Client, taskQueue: string): Promise<Array<{ scheduleId: string; outcome: EnsureOutcome }>> {
  const want = digestSchedule(taskQueue);
  return [{ scheduleId: want.scheduleId, outcome: await ensureSchedule(client, want) }];
}

async function main(): Promise<void> {
  const config = loadConfig();
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    for (const { scheduleId, outcome } of await ensureSchedules(client, config.TASK_QUEUE)) {
      console.log(`schedule ${scheduleId}: ${outcome}`);
    }
  } finally {
    await connection.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
