/**
 * The calendar of days off: any signed-in person reads a year's (announced, or computed from the Labour
 * Code and marked provisional); the office records a schedule the government announced, as an Update of the
 * deployment's calendar workflow, with who recorded it. A new decision for a year supersedes the earlier
 * one, which stays in the record. Deadlines planned before keep their days; later ones use the new days.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import type { WorkingCalendar } from '../../catalog/calendar';
import { recordedSchedules, yearsOf } from '../../activities/calendar-source';
import {
  CALENDAR_WORKFLOW_TYPE,
  calendarWorkflowId,
  effectiveSchedules,
  HolidayScheduleInputSchema,
  recordHolidayScheduleUpdate,
  RecordedScheduleSchema,
  type CalendarInput,
} from '../../workflows/calendar/messages';
import { currentActor } from '../auth';
import { API_PREFIX } from '../openapi';
import { HttpProblem } from '../problem';
import { defineRoute } from '../route';

export interface CalendarRoutesDeps {
  client: Client;
  taskQueue: string;
  /** The holidays file's calendar, for the years nobody has recorded a decision for. */
  calendar: WorkingCalendar;
  /** Called once a decision is recorded, so this process's next check uses it. */
  recorded: () => void;
}

const BASE = `${API_PREFIX}/calendar`;
const tags = ['Lịch làm việc'];

const DaySchema = z.object({ date: z.string(), name: z.string() });
const YearScheduleSchema = z.object({
  year: z.number().int(),
  source: z.enum(['announced', 'recorded', 'computed']).describe('announced: dữ liệu triển khai; recorded: Văn phòng đã ghi quyết định; computed: tính theo Bộ luật Lao động 2019, Điều 112 (tạm tính)'),
  provisional: z.boolean().describe('các ngày nghỉ chưa được công bố chính thức; hạn tính theo chúng có thể thay đổi'),
  holidays: z.array(DaySchema).describe('ngày nghỉ rơi vào ngày làm việc'),
  workingWeekends: z.array(DaySchema),
  decision: RecordedScheduleSchema.nullable().describe('quyết định Văn phòng đã ghi cho năm này (mới nhất)'),
});
const YearParams = z.object({ year: z.string().regex(/^(20\d\d|2100)$/, 'năm từ 2000 đến 2100') });

export function calendarRoutes(registry: OpenAPIRegistry, deps: CalendarRoutesDeps): Router {
  const router = Router();

  defineRoute(router, registry, {
    method: 'get',
    path: `${BASE}/schedules`,
    summary: 'Các quyết định về lịch nghỉ Văn phòng đã ghi, theo thứ tự ghi',
    tags,
    responses: { 200: { description: 'Mọi quyết định, cũ nhất trước', schema: z.object({ items: z.array(RecordedScheduleSchema) }) } },
    handler: async () => ({ items: await recordedSchedules(deps.client, deps.taskQueue) }),
  });

  defineRoute(router, registry, {
    method: 'post',
    path: `${BASE}/schedules`,
    summary: 'Ghi lịch nghỉ Chính phủ đã công bố cho một năm (Văn phòng)',
    description:
      'Mỗi lần ghi là một quyết định mới, lưu trong lịch sử cùng người ghi; quyết định sau của cùng một năm thay quyết định trước. ' +
      'Hạn đã tính trước đó giữ nguyên; hạn tính sau dùng lịch mới (chậm nhất sau 30 giây).',
    tags,
    body: HolidayScheduleInputSchema,
    responses: { 201: { description: 'Đã ghi', schema: RecordedScheduleSchema } },
    problems: [403],
    handler: async ({ body }, _req, res) => {
      const actor = currentActor(res);
      if (actor.role !== 'administrator') throw new HttpProblem(403, 'Chỉ quản trị của Văn phòng được ghi lịch nghỉ đã công bố');
      const input: CalendarInput = {};
      const recorded = await deps.client.workflow.executeUpdateWithStart(recordHolidayScheduleUpdate, {
        args: [actor, body],
        startWorkflowOperation: new WithStartWorkflowOperation(CALENDAR_WORKFLOW_TYPE, {
          workflowId: calendarWorkflowId(deps.taskQueue),
          taskQueue: deps.taskQueue,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
      deps.recorded();
      res.status(201);
      return recorded;
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: `${BASE}/:year`,
    summary: 'Các ngày nghỉ của một năm và nguồn của chúng (đã công bố hay tạm tính theo luật)',
    tags,
    params: YearParams,
    responses: { 200: { description: 'Lịch nghỉ của năm', schema: YearScheduleSchema } },
    handler: async ({ params }) => {
      const year = Number(params.year);
      const recorded = await recordedSchedules(deps.client, deps.taskQueue);
      const decision = effectiveSchedules(recorded).find((r) => r.schedule.year === year) ?? null;
      const schedule = deps.calendar.withYears(yearsOf(recorded)).yearSchedule(year);
      const source = decision ? 'recorded' : schedule.announced ? 'announced' : 'computed';
      return { year, source, provisional: source === 'computed', holidays: schedule.holidays, workingWeekends: schedule.workingWeekends, decision };
    },
  });

  return router;
}
