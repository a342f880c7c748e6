/**
 * Working-day arithmetic for campaigns and commune plans. An activity because the holiday calendar is data
 * that changes (the holidays file and the schedules the office records); workflows only keep the instants it returns.
 */
import { CLOSING_HOUR, localDate, localTime, OPENING_HOUR, OPENING_MINUTE, type WorkingCalendar } from '../catalog/calendar';
import type { CommuneDeadline, CommuneDeadlineRequest, LatenessReport, LatenessRequest } from '../workflows/commune-plan/messages';

const laterDate = (a: string, b: string): string => (a > b ? a : b);
const nextDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function createCommuneDeadlineActivities(calendarNow: () => Promise<WorkingCalendar>) {
  /**
   * The instants of a commune's deadline: due at the close of office hours on `dueDate` (pushed later to
   * `atLeastWorkingDays` working days from `now` when given, e.g. after a return), reminded `reminderBefore`
   * working days earlier at the opening of office hours, escalated `escalateAfter` working days later at the close.
   */
  async function planCommuneDeadline(req: CommuneDeadlineRequest): Promise<CommuneDeadline> {
    const calendar = await calendarNow();
    const now = new Date(req.now);
    const dueDate = req.atLeastWorkingDays ? laterDate(req.dueDate, calendar.addWorkingDays(localDate(now), req.atLeastWorkingDays)) : req.dueDate;
    const dueAt = localTime(dueDate, CLOSING_HOUR);
    const remindAt = localTime(calendar.subtractWorkingDays(dueDate, req.reminderBefore), OPENING_HOUR, OPENING_MINUTE);
    const escalateAt = localTime(calendar.addWorkingDays(dueDate, req.escalateAfter), CLOSING_HOUR);
    return {
      dueDate,
      dueAt: dueAt.toISOString(),
      remindAt: remindAt.getTime() > now.getTime() ? remindAt.toISOString() : null,
      escalateAt: escalateAt.toISOString(),
    };
  }

  /**
   * How many working days each due date lies behind `at`: the working days after the due date up to and
   * including the local date of `at` (0 before the deadline's close). Also when the count next changes: the
   * start of the next working day, so a board can stay exact by waking then.
   */
  async function countWorkingDaysLate(req: LatenessRequest): Promise<LatenessReport> {
    const calendar = await calendarNow();
    const at = new Date(req.at);
    const today = localDate(at);
    const late: Record<string, number> = {};
    for (const dueDate of new Set(req.dueDates)) {
      late[dueDate] = at.getTime() > localTime(dueDate, CLOSING_HOUR).getTime() ? calendar.workingDaysBetween(dueDate, today) : 0;
    }
    let next = nextDay(today);
    while (!calendar.isWorkingDay(next)) next = nextDay(next);
    return { at: req.at, late, nextChangeAt: localTime(next, 0).toISOString() };
  }

  return { planCommuneDeadline, countWorkingDaysLate };
}
