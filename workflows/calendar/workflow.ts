/**
 * The deployment's record of announced schedules of days off: each decision the office records is an
 * Update with who recorded it, kept for good; it continues as new, carrying them, before its history grows
 * large. Deadlines already planned stay as planned (they are in their cases' histories); the ones planned
 * after a decision use its days.
 */
import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Actor } from '../common/actor';
import { listHolidaySchedulesQuery, recordHolidayScheduleUpdate, type CalendarInput, type HolidayScheduleInput } from './messages';
import { checkRecord, record } from './rules';

export async function holidayCalendarWorkflow(input: CalendarInput): Promise<void> {
  const recorded = input.carried ?? [];
  setHandler(listHolidaySchedulesQuery, () => recorded);
  setHandler(
    recordHolidayScheduleUpdate,
    (actor: Actor, raw: HolidayScheduleInput) => record(recorded, actor, checkRecord(actor, raw), new Date(Date.now()).toISOString()),
    { validator: (actor: Actor, raw: HolidayScheduleInput) => void checkRecord(actor, raw) },
  );
  await condition(() => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= 2_000);
  await condition(allHandlersFinished);
  await continueAsNew<typeof holidayCalendarWorkflow>({ carried: recorded });
}
