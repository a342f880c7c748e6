/**
 * The calendar as it stands now: the holidays file, with the schedules the office has recorded since
 * (workflows/calendar) in place of those years. Read from the deployment's calendar workflow, at most once
 * every 30 seconds per process, so a recorded decision is used for new deadlines within half a minute,
 * without a deploy.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { HolidaysData, WorkingCalendar } from '../catalog/calendar';
import { calendarWorkflowId, effectiveSchedules, listHolidaySchedulesQuery, type RecordedSchedule } from '../workflows/calendar/messages';
import { remembered } from './remembered';

const FRESH_MS = 30_000;

/** The recorded decisions as the years of a holidays file. */
export function yearsOf(recorded: RecordedSchedule[]): HolidaysData['years'] {
  return Object.fromEntries(
    effectiveSchedules(recorded).map((r) => [String(r.schedule.year), { holidays: r.schedule.holidays, workingWeekends: r.schedule.workingWeekends }]),
  );
}

/** Every decision recorded in a deployment, oldest first; none while nobody has recorded one. */
export async function recordedSchedules(client: Client, taskQueue: string): Promise<RecordedSchedule[]> {
  try {
    return await client.workflow.getHandle(calendarWorkflowId(taskQueue)).query(listHolidaySchedulesQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return [];
    throw err;
  }
}

export interface CalendarNow {
  (access: { client: Client; taskQueue: string }): Promise<WorkingCalendar>;
  /** Drops what is remembered of a deployment (this process has just recorded a decision). */
  forget(taskQueue: string): void;
}

/** A reader of the current calendar over `base`, remembering each deployment's answer for 30 s. */
export function calendarSource(base: WorkingCalendar): CalendarNow {
  const memory = remembered<WorkingCalendar>(FRESH_MS);
  const read = ({ client, taskQueue }: { client: Client; taskQueue: string }): Promise<WorkingCalendar> =>
    memory.get(taskQueue, async () => base.withYears(yearsOf(await recordedSchedules(client, taskQueue))));
  return Object.assign(read, { forget: (taskQueue: string) => memory.forget(taskQueue) });
}
