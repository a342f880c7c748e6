/** Who may record a schedule of days off, and what a valid one is, as pure functions. */
import type { Actor } from '../common/actor';
import { parseOrRefuse, refuse, RefusalType, type FieldProblem } from '../common/refusal';
import { HolidayScheduleInputSchema, type HolidaySchedule, type RecordedSchedule } from './messages';

const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekend = (date: string): boolean => weekday(date) === 0 || weekday(date) === 6;

/** The office (its administrators) records what the government announced. */
export function checkRecord(actor: Actor, input: unknown): HolidaySchedule {
  if (actor.role !== 'administrator') refuse(RefusalType.Forbidden, 'Chỉ quản trị của Văn phòng được ghi lịch nghỉ đã công bố');
  const schedule = parseOrRefuse(HolidayScheduleInputSchema, input);
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  schedule.holidays.forEach((h, i) => {
    if (!h.date.startsWith(`${schedule.year}-`)) problems.push({ field: `holidays.${i}.date`, message: `không thuộc năm ${schedule.year}` });
    else if (isWeekend(h.date)) problems.push({ field: `holidays.${i}.date`, message: 'là ngày nghỉ hằng tuần; chỉ ghi các ngày nghỉ rơi vào ngày làm việc' });
    if (seen.has(h.date)) problems.push({ field: `holidays.${i}.date`, message: 'ghi trùng' });
    seen.add(h.date);
  });
  schedule.workingWeekends.forEach((w, i) => {
    if (!w.date.startsWith(`${schedule.year}-`)) problems.push({ field: `workingWeekends.${i}.date`, message: `không thuộc năm ${schedule.year}` });
    else if (!isWeekend(w.date)) problems.push({ field: `workingWeekends.${i}.date`, message: 'không phải thứ Bảy hay Chủ nhật' });
  });
  if (problems.length) refuse(RefusalType.InvalidInput, 'Lịch nghỉ không hợp lệ', problems);
  return schedule;
}

/** Records a decision; one for a year already recorded supersedes it (the earlier stays in the record). */
export function record(recorded: RecordedSchedule[], by: Actor, schedule: HolidaySchedule, at: string): RecordedSchedule {
  const previous = [...recorded].reverse().find((r) => r.schedule.year === schedule.year);
  const entry: RecordedSchedule = { seq: recorded.length + 1, recordedAt: at, recordedBy: by, schedule, supersedes: previous?.seq ?? null };
  recorded.push(entry);
  return entry;
}
