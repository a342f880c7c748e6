/**
 * The caller's notifications: what every email told their agency, newest first, with their own read-state.
 * Served from the agency's inbox workflow (queries to read, an Update to mark as read).
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import type { Actor } from '../../workflows/common/actor';
import {
  getNotificationQuery,
  inboxWorkflowId,
  listNotificationsQuery,
  markReadUpdate,
  MarkReadResultSchema,
  NotificationPageSchema,
  NotificationViewSchema,
  type MarkReadResult,
  type NotificationPage,
} from '../../workflows/notifications/messages';
import { currentActor } from '../auth';
import { API_PREFIX } from '../openapi';
import { HttpProblem } from '../problem';
import { defineRoute } from '../route';

export interface NotificationRoutesDeps {
  client: Client;
  taskQueue: string;
}

const BASE = `${API_PREFIX}/notifications`;
const tags = ['Thông báo'];

export const NotificationListQuerySchema = z
  .object({
    unread: z.enum(['true', 'false']).optional().describe('chỉ thông báo chưa đọc (true)'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    before: z
      .string()
      .regex(/^[1-9]\d{0,9}$/, 'số thứ tự thông báo')
      .optional()
      .describe('chỉ thông báo cũ hơn số này (lấy từ nextBefore của trang trước)'),
  })
  .strict();

const IdParams = z.object({ id: z.string().regex(/^[1-9]\d{0,9}$/, 'mã thông báo không hợp lệ') });

/** Reading an inbox the agency does not have yet: nothing has been sent to it. */
async function orEmpty<T>(read: Promise<T>, empty: T): Promise<T> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return empty;
    throw err;
  }
}

export function notificationRoutes(registry: OpenAPIRegistry, deps: NotificationRoutesDeps): Router {
  const router = Router();
  const inboxOf = (actor: Actor) => deps.client.workflow.getHandle(inboxWorkflowId(deps.taskQueue, actor.agency));

  async function requireVisible(actor: Actor, id: number) {
    const found = await orEmpty(inboxOf(actor).query(getNotificationQuery, actor, id), null);
    if (!found) throw new HttpProblem(404, `Không có thông báo ${id}`);
    return found;
  }

  defineRoute(router, registry, {
    method: 'get',
    path: BASE,
    summary: 'Thông báo của tôi (mới nhất trước), kèm số chưa đọc',
    description: 'Mọi thư điện tử gửi tới đơn vị của người dùng cũng có ở đây; trạng thái đã đọc tính riêng từng người.',
    tags,
    query: NotificationListQuerySchema,
    responses: { 200: { description: 'Một trang thông báo', schema: NotificationPageSchema } },
    handler: async ({ query }, _req, res) => {
      const actor = currentActor(res);
      const opts = { unreadOnly: query.unread === 'true', limit: query.limit, ...(query.before ? { before: Number(query.before) } : {}) };
      const empty: NotificationPage = { items: [], unreadCount: 0, nextBefore: null };
      return orEmpty(inboxOf(actor).query(listNotificationsQuery, actor, opts), empty);
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: `${BASE}/:id`,
    summary: 'Xem một thông báo',
    tags,
    params: IdParams,
    responses: { 200: { description: 'Thông báo', schema: NotificationViewSchema } },
    problems: [404],
    handler: async ({ params }, _req, res) => requireVisible(currentActor(res), Number(params.id)),
  });

  defineRoute(router, registry, {
    method: 'post',
    path: `${BASE}/:id/read`,
    summary: 'Đánh dấu một thông báo là đã đọc',
    tags,
    params: IdParams,
    responses: { 200: { description: 'Đã đánh dấu; số thông báo còn chưa đọc', schema: MarkReadResultSchema } },
    problems: [404],
    handler: async ({ params }, _req, res) => {
      const actor = currentActor(res);
      const id = Number(params.id);
      await requireVisible(actor, id);
      return inboxOf(actor).executeUpdate(markReadUpdate, { args: [actor, { ids: [id] }] });
    },
  });

  defineRoute(router, registry, {
    method: 'post',
    path: `${BASE}/read-all`,
    summary: 'Đánh dấu mọi thông báo là đã đọc',
    tags,
    responses: { 200: { description: 'Những thông báo vừa được đánh dấu', schema: MarkReadResultSchema } },
    handler: async (_input, _req, res) => {
      const actor = currentActor(res);
      const none: MarkReadResult = { marked: [], unreadCount: 0 };
      return orEmpty(inboxOf(actor).executeUpdate(markReadUpdate, { args: [actor, { all: true }] }), none);
    },
  });

  return router;
}
