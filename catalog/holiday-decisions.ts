/**
 * The government's announced holiday decisions, recorded over the days the law fixes. The Labour Code
 * (catalog/statutory-holidays.ts) already gives every year's days off; what each year's announcement adds is
 * a choice among them: which days around Tết, the day before or after 2/9, a weekday given off against a
 * Saturday worked. So the data (HOLIDAYS_FILE) records only those decisions, and a year's schedule is the
 * computed days with its decisions applied in order.
 */
import { z } from 'zod';
import type { HolidaysData } from './calendar';
import { computedDaysOff } from './statutory-holidays';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const day = z.object({ date: isoDate, name: z.string().min(1) });

export const HolidayDecisionSchema = z.object({
  /** What the decision is about, as the announcement names it ("Lịch nghỉ Tết Nguyên đán Giáp Thìn 2024"). */
  about: z.string().min(1),
  /** Who announced it and how, in words. */
  announcedBy: z.string().min(1),
  /** Days off beyond the computed ones (a weekday given off in a swap, the day before Tết, …); a computed date here is renamed. */
  daysOff: z.array(day).default([]),
  /** Computed days off the announcement keeps as working days (it chose the day before 2/9 instead of the day after, …). */
  daysWorked: z.array(day).default([]),
  /** Saturdays or Sundays worked in exchange for a weekday given off. */
  workingWeekends: z.array(day).default([]),
});
export type HolidayDecision = z.infer<typeof HolidayDecisionSchema>;

export const HolidayDecisionsSchema = z.object({
  timeZone: z.literal('Asia/Ho_Chi_Minh'),
  /** The years whose schedule was announced, each with its decisions in the order they were taken. */
  years: z.record(z.string().regex(/^\d{4}$/), z.array(HolidayDecisionSchema).min(1)),
});
export type HolidayDecisions = z.infer<typeof HolidayDecisionsSchema>;

/** A year's schedule: its computed days off with the announced decisions applied, later ones over earlier ones. */
export function announcedSchedule(year: number, decisions: HolidayDecision[]): HolidaysData['years'][string] {
  const off = new Map(computedDaysOff(year).map((d) => [d.date, d.name]));
  const worked = new Map<string, string>();
  for (const decision of decisions) {
    decision.daysOff.forEach((d) => {
      off.set(d.date, d.name);
      worked.delete(d.date);
    });
    decision.daysWorked.forEach((d) => off.delete(d.date));
    decision.workingWeekends.forEach((d) => worked.set(d.date, d.name));
  }
  const list = (m: Map<string, string>) => [...m].map(([date, name]) => ({ date, name })).sort((a, b) => (a.date < b.date ? -1 : 1));
  return { holidays: list(off), workingWeekends: list(worked) };
}

/** Every announced year's schedule, as the working calendar takes it. */
export function announcedYears(data: HolidayDecisions): HolidaysData['years'] {
  return Object.fromEntries(Object.entries(data.years).map(([year, decisions]) => [year, announcedSchedule(Number(year), decisions)]));
}
