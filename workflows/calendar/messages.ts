/**
 * The government's announced schedules of days off, recorded by the office without a deploy: one long-running
 * workflow per deployment keeps every decision, in order. The latest decision for a year is that year's
 * schedule; an earlier one is never edited, only superseded. Until a year has one, the days off the law fixes
 * are computed (catalog/statutory-holidays.ts) and marked provisional.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { ActorSchema, type Actor } from '../common/actor';
import { IsoDateSchema, text } from '../common/schema';

const DayEntrySchema = z.object({ date: IsoDateSchema, name: text(200) }).strict();

/** One decision: a year's days off and the weekend days worked in exchange, with the text that announced them. */
export const HolidayScheduleInputSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    decision: z
      .object({
        number: text(100).describe('số, ký hiệu văn bản, ví dụ 1234/TB-BNV'),
        date: IsoDateSchema.describe('ngày ban hành'),
        issuer: text(200).describe('cơ quan ban hành, ví dụ Bộ Nội vụ'),
      })
      .strict(),
    holidays: z.array(DayEntrySchema).min(1).max(40).describe('các ngày nghỉ trong ngày làm việc (lễ, Tết, nghỉ bù, nghỉ hoán đổi)'),
    workingWeekends: z.array(DayEntrySchema).max(20).default([]).describe('thứ Bảy, Chủ nhật đi làm bù'),
  })
  .strict();
export type HolidayScheduleInput = z.input<typeof HolidayScheduleInputSchema>;
export type HolidaySchedule = z.output<typeof HolidayScheduleInputSchema>;

export const RecordedScheduleSchema = z.object({
  /** 1, 2, …: the order decisions were recorded in. */
  seq: z.number().int(),
  recordedAt: z.string(),
  recordedBy: ActorSchema,
  schedule: z.object({
    year: z.number().int(),
    decision: z.object({ number: z.string(), date: z.string(), issuer: z.string() }),
    holidays: z.array(z.object({ date: z.string(), name: z.string() })),
    workingWeekends: z.array(z.object({ date: z.string(), name: z.string() })),
  }),
  /** The seq of the decision for the same year this one superseded, if any. */
  supersedes: z.number().int().nullable(),
});
export type RecordedSchedule = z.infer<typeof RecordedScheduleSchema>;

export interface CalendarInput {
  carried?: RecordedSchedule[];
}

export const recordHolidayScheduleUpdate = defineUpdate<RecordedSchedule, [Actor, HolidayScheduleInput]>('recordHolidaySchedule');
/** Every decision recorded, oldest first. */
export const listHolidaySchedulesQuery = defineQuery<RecordedSchedule[]>('listHolidaySchedules');

export const CALENDAR_WORKFLOW_TYPE = 'holidayCalendarWorkflow';
/** One per deployment, as inboxes are. */
export const calendarWorkflowId = (taskQueue: string): string => `calendar:${taskQueue}`;

/** The latest decision of each year. */
export function effectiveSchedules(recorded: RecordedSchedule[]): RecordedSchedule[] {
  const byYear = new Map<number, RecordedSchedule>();
  for (const r of recorded) byYear.set(r.schedule.year, r);
  return [...byYear.values()].sort((a, b) => a.schedule.year - b.schedule.year);
}
