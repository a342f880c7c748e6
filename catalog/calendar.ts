/**
 * Working-day arithmetic for Vietnamese public administration: Saturdays, Sundays and the official public
 * holidays do not count; a Saturday the government swaps into a working day does. The announced holidays
 * are data (HOLIDAYS_FILE), since the exact days and swaps are announced every year. A year not announced
 * yet uses the days off the Labour Code fixes, computed with the Vietnamese lunar calendar
 * (catalog/statutory-holidays.ts); those days are provisional until the announcement is recorded.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { announcedYears, HolidayDecisionsSchema } from './holiday-decisions';
import { computedDaysOff } from './statutory-holidays';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** A calendar's announced years, each as its full list of days off and weekend days worked. */
export const HolidaysSchema = z.object({
  timeZone: z.literal('Asia/Ho_Chi_Minh'),
  years: z.record(
    z.string().regex(/^\d{4}$/),
    z.object({
      /** Days off: public holidays and the weekdays given off in exchange for a swapped Saturday. */
      holidays: z.array(z.object({ date: isoDate, name: z.string().min(1) })),
      /** Weekend days that are working days because of a swap. */
      workingWeekends: z.array(z.object({ date: isoDate, name: z.string().min(1) })).default([]),
    }),
  ),
});
export type HolidaysData = z.infer<typeof HolidaysSchema>;

/** Vietnam has no daylight saving time: local time is always UTC+7. */
const OFFSET_MS = 7 * 3600_000;

/** Calendar date (YYYY-MM-DD) in Asia/Ho_Chi_Minh of an instant. */
export function localDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of a local wall-clock time (hours, minutes) on a local date. */
export function localTime(date: string, hour: number, minute = 0): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS + (hour * 60 + minute) * 60_000);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Office hours: a deadline falls at the close of its day; a reminder at the opening of its day. */
export const OPENING_HOUR = 7;
export const OPENING_MINUTE = 30;
export const CLOSING_HOUR = 17;

export interface Deadline {
  /** Close of office hours on the last working day. */
  dueAt: string;
  /** Opening of office hours on the day of the reminder; null when that moment is already past at `from`. */
  remindAt: string | null;
  /** Working days counted. */
  workingDays: number;
}

export class WorkingCalendar {
  private readonly holidays = new Map<string, string>();
  private readonly workingWeekends = new Map<string, string>();
  private readonly years: Set<number>;
  private readonly data: HolidaysData;

  /** Years whose days off are computed (not announced), filled in as they are first asked about. */
  private readonly computedYears = new Set<number>();

  constructor(data: HolidaysData) {
    this.data = data;
    for (const year of Object.values(data.years)) {
      year.holidays.forEach((h) => this.holidays.set(h.date, h.name));
      year.workingWeekends.forEach((w) => this.workingWeekends.set(w.date, w.name));
    }
    this.years = new Set(Object.keys(data.years).map(Number));
  }

  /** Makes sure the days off of a date's year are known: announced, else computed. */
  private ensureYear(date: string): void {
    const year = Number(date.slice(0, 4));
    if (this.years.has(year) || this.computedYears.has(year)) return;
    this.computedYears.add(year);
    for (const d of computedDaysOff(year)) this.holidays.set(d.date, d.name);
  }

  /** This calendar with the given years' schedules replaced (announced schedules recorded by the office). */
  withYears(years: HolidaysData['years']): WorkingCalendar {
    return Object.keys(years).length ? new WorkingCalendar({ ...this.data, years: { ...this.data.years, ...years } }) : this;
  }

  /** The calendar of a decisions file: the computed days off of each announced year with its decisions applied. */
  static fromFile(file: string): WorkingCalendar {
    const decisions = HolidayDecisionsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    return new WorkingCalendar({ timeZone: decisions.timeZone, years: announcedYears(decisions) });
  }

  /** Whether the year's days off are the government's announced ones (else they are computed from the law). */
  covers(date: string): boolean {
    return this.years.has(Number(date.slice(0, 4)));
  }

  /** Whether a date's status rests on computed days off: its year's schedule has not been announced yet. */
  isProvisional(date: string): boolean {
    return !this.covers(date);
  }

  holidayName(date: string): string | undefined {
    this.ensureYear(date);
    return this.holidays.get(date);
  }

  isWorkingDay(date: string): boolean {
    this.ensureYear(date);
    if (this.workingWeekends.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** A year's days off that fall on working days, and its weekend days worked; `announced` false: computed from the law. */
  yearSchedule(year: number): { year: number; announced: boolean; holidays: Array<{ date: string; name: string }>; workingWeekends: Array<{ date: string; name: string }> } {
    this.ensureYear(`${year}-01-01`);
    const inYear = (d: string): boolean => d.startsWith(`${year}-`);
    const weekend = (d: string): boolean => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    const holidays = [...this.holidays].filter(([d]) => inYear(d) && !weekend(d) && !this.workingWeekends.has(d));
    const workingWeekends = [...this.workingWeekends].filter(([d]) => inYear(d));
    const sorted = (list: Array<[string, string]>) => list.map(([date, name]) => ({ date, name })).sort((a, b) => (a.date < b.date ? -1 : 1));
    return { year, announced: this.covers(`${year}-01-01`), holidays: sorted(holidays), workingWeekends: sorted(workingWeekends) };
  }

  /**
   * Why a date is not a working day, as the API tells it ("ngày 05/02/2027 không phải ngày làm việc (…)"),
   * naming the holiday or the weekend day, and saying when the day off is computed rather than announced;
   * null for a working day.
   */
  nonWorkingReason(date: string): string | null {
    if (this.isWorkingDay(date)) return null;
    const holiday = this.holidayName(date);
    const why = holiday ?? (new Date(`${date}T00:00:00Z`).getUTCDay() === 0 ? 'Chủ nhật' : 'thứ Bảy');
    const basis = holiday && this.isProvisional(date) ? `; ngày nghỉ theo Bộ luật Lao động 2019, lịch nghỉ năm ${date.slice(0, 4)} chưa được công bố` : '';
    return `ngày ${formatVietnamDate(date)} không phải ngày làm việc (${why}${basis})`;
  }

  /** The `n`-th working day after the local date of `from` (the day of `from` itself does not count). */
  addWorkingDays(fromDate: string, n: number): string {
    let date = fromDate;
    let left = n;
    while (left > 0) {
      date = addDays(date, 1);
      if (this.isWorkingDay(date)) left -= 1;
    }
    return date;
  }

  /** The `n`-th working day before a date (0 = the date itself). */
  subtractWorkingDays(date: string, n: number): string {
    let d = date;
    let left = n;
    while (left > 0) {
      d = addDays(d, -1);
      if (this.isWorkingDay(d)) left -= 1;
    }
    return d;
  }

  /** Working days strictly after `from`'s date up to and including `to`'s date (0 if `to` is not later). */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) count += 1;
    return count;
  }

  /** A deadline `workingDays` working days after `from`, with its reminder `reminderBefore` working days earlier. */
  deadline(from: Date, workingDays: number, reminderBefore: number): Deadline {
    const dueDate = this.addWorkingDays(localDate(from), Math.max(workingDays, 1));
    const dueAt = localTime(dueDate, CLOSING_HOUR);
    const remindDate = this.subtractWorkingDays(dueDate, reminderBefore);
    const remindAt = localTime(remindDate, OPENING_HOUR, OPENING_MINUTE);
    return { dueAt: dueAt.toISOString(), remindAt: remindAt.getTime() > from.getTime() ? remindAt.toISOString() : null, workingDays };
  }
}

/** "17:00 ngày 06/05/2024": an instant as officials read it, in Asia/Ho_Chi_Minh. */
export function formatVietnamTime(iso: string): string {
  const local = new Date(Date.parse(iso) + OFFSET_MS).toISOString();
  const [y, m, d] = local.slice(0, 10).split('-');
  return `${local.slice(11, 16)} ngày ${d}/${m}/${y}`;
}

/** "06/05/2024": a calendar date (YYYY-MM-DD) the Vietnamese way. */
export function formatVietnamDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
