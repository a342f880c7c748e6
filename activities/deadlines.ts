/** Plans a step's deadline in working days; an activity because the holiday calendar is data that changes. */
import { log } from '@temporalio/activity';
import { CLOSING_HOUR, localDate, localTime, OPENING_HOUR, OPENING_MINUTE, type Deadline, type WorkingCalendar } from '../catalog/calendar';

export interface DeadlineRequest {
  from: string;
  workingDays: number;
  reminderBefore: number;
  /**
   * A due date the plan fixes (YYYY-MM-DD), used instead of counting `workingDays`: due at the close of that
   * day, or of the next working day when it falls on a weekend or holiday. The reminder still counts back
   * `reminderBefore` working days.
   */
  dueDate?: string;
}

/** The deadline of a fixed date, as `WorkingCalendar.deadline` gives it for a count of working days. */
function deadlineOn(calendar: WorkingCalendar, from: Date, dueDate: string, reminderBefore: number): Deadline {
  const due = calendar.isWorkingDay(dueDate) ? dueDate : calendar.addWorkingDays(dueDate, 1);
  const remindAt = localTime(calendar.subtractWorkingDays(due, reminderBefore), OPENING_HOUR, OPENING_MINUTE);
  return {
    dueAt: localTime(due, CLOSING_HOUR).toISOString(),
    remindAt: remindAt.getTime() > from.getTime() ? remindAt.toISOString() : null,
    workingDays: calendar.workingDaysBetween(localDate(from), due),
  };
}

export function createPlanDeadline(calendarNow: () => Promise<WorkingCalendar>) {
  return async function planDeadline(req: DeadlineRequest): Promise<Deadline> {
    const calendar = await calendarNow();
    const deadline = req.dueDate
      ? deadlineOn(calendar, new Date(req.from), req.dueDate, req.reminderBefore)
      : calendar.deadline(new Date(req.from), req.workingDays, req.reminderBefore);
    // A year whose schedule is not announced yet counts the days off the law fixes: the deadline may move.
    const dueDate = localDate(new Date(deadline.dueAt));
    if (calendar.isProvisional(dueDate)) {
      log.warn('deadline counted over days off computed from the Labour Code; the year is not in HOLIDAYS_FILE yet', { dueDate });
    }
    return deadline;
  };
}
