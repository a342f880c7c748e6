/**
 * "My work": everything that waits on the caller's agency, across every workflow type, from Temporal
 * visibility (running workflows whose AwaitingAgency is the agency), most urgent first.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import { byUrgency, listPendingWork } from '../../visibility/pending-work';
import { localDate, type WorkingCalendar } from '../../catalog/calendar';
import type { Directory } from '../../catalog/directory';
import type { AuthoritySource } from '../authority/source';
import { MyWorkItemSchema, withDecisions } from './decisions';
import { seesAll } from '../access';
import { currentActor } from '../auth';
import { API_PREFIX } from '../openapi';
import { HttpProblem } from '../problem';
import { defineRoute } from '../route';

export interface MyWorkRoutesDeps {
  client: Client;
  directory: Directory;
  taskQueue: string;
  /** The calendar as it stands, to mark deadlines counted over days off not announced yet. */
  calendarNow: () => Promise<WorkingCalendar>;
  /** Who decides what waits on the leadership, and what is handed to someone outside it (absent: agencies alone). */
  authority?: AuthoritySource;
}

/** The most items one answer lists; `truncated` says when there were more. */
const MAX_ITEMS = 1_000;

export const MyWorkQuerySchema = z
  .object({
    agency: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/, 'mã đơn vị không hợp lệ')
      .optional()
      .describe('đơn vị khác (chỉ lãnh đạo, kiểm tra, văn phòng); mặc định: đơn vị của người dùng'),
  })
  .strict();

export const MyWorkSchema = z.object({
  agency: z.string(),
  /** When the list was read; "overdue" is judged at this moment. */
  asOf: z.string(),
  total: z.number().int(),
  overdue: z.number().int(),
  items: z.array(MyWorkItemSchema),
  truncated: z.boolean(),
});

export function myWorkRoutes(registry: OpenAPIRegistry, deps: MyWorkRoutesDeps): Router {
  const router = Router();

  defineRoute(router, registry, {
    method: 'get',
    path: `${API_PREFIX}/my-work`,
    summary: 'Việc của tôi: mọi hồ sơ đang chờ đơn vị tôi xử lý, quá hạn trước',
    description: 'Mọi loại quy trình (dự toán, kế hoạch của xã, báo cáo...): cái gì, chờ từ khi nào, hạn khi nào, đã quá hạn chưa.',
    tags: ['Việc của tôi'],
    query: MyWorkQuerySchema,
    responses: { 200: { description: 'Hồ sơ đang chờ', schema: MyWorkSchema } },
    problems: [403],
    handler: async ({ query }, _req, res) => {
      const actor = currentActor(res);
      const agency = query.agency ?? actor.agency;
      if (agency !== actor.agency && !seesAll(actor)) throw new HttpProblem(403, 'Chỉ được xem việc của đơn vị mình');
      if (!deps.directory.unit(agency)) {
        throw new HttpProblem(400, 'Không có đơn vị này', [{ field: 'query.agency', message: `không có đơn vị ${agency}` }]);
      }
      const asOf = new Date();
      const [{ items: listed, truncated }, calendar] = await Promise.all([
        listPendingWork(deps.client, { taskQueue: deps.taskQueue, agency, asOf, limit: MAX_ITEMS }),
        deps.calendarNow(),
      ]);
      const leadershipWork = async () =>
        (await listPendingWork(deps.client, { taskQueue: deps.taskQueue, agency: deps.directory.parties.leadership, asOf, limit: MAX_ITEMS })).items;
      const decided = deps.authority ? await withDecisions(listed, actor, agency, { source: deps.authority, directory: deps.directory, leadershipWork }, asOf.toISOString()) : listed;
      const items = decided
        .map((i) => ({ ...i, dueProvisional: i.dueAt !== null && calendar.isProvisional(localDate(new Date(i.dueAt))) }))
        .sort(byUrgency);
      return { agency, asOf: asOf.toISOString(), total: items.length, overdue: items.filter((i) => i.overdue).length, items, truncated };
    },
  });

  return router;
}
