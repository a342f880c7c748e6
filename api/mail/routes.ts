/**
 * Mail the mail server refused, for the office: the list with each refusal's answer, and resend (to the same
 * or corrected addresses) or dismiss. Each message's delivery workflow holds its record; visibility lists
 * those that stand refused. Only the office's administrators use these routes.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import type { Actor } from '../../workflows/common/actor';
import { MailStatus } from '../../workflows/common/search-attributes';
import { quoteValue } from '../../workflows/common/visibility-query';
import {
  dismissMailUpdate,
  DismissInputSchema,
  getMailDeliveryQuery,
  MAIL_WORKFLOW_TYPE,
  MailDeliverySchema,
  MailIdSchema,
  mailWorkflowId,
  resendMailUpdate,
  ResendInputSchema,
  type MailDelivery,
} from '../../workflows/mail/messages';
import { runAction } from '../actions';
import { currentActor } from '../auth';
import { API_PREFIX } from '../openapi';
import { HttpProblem } from '../problem';
import { defineRoute } from '../route';

export interface MailRoutesDeps {
  client: Client;
  taskQueue: string;
}

const BASE = `${API_PREFIX}/mail`;
const tags = ['Thư điện tử'];
/** At most this many refused messages are listed (oldest first): an outage long enough to pass it is seen anyway. */
const MAX_LISTED = 200;

const IdParams = z.object({ id: MailIdSchema });
const UndeliveredListSchema = z.object({ items: z.array(MailDeliverySchema), truncated: z.boolean() });

function requireOffice(actor: Actor): void {
  if (actor.role !== 'administrator') throw new HttpProblem(403, 'Chỉ quản trị của Văn phòng xem và gửi lại thư không gửi được');
}

export function mailRoutes(registry: OpenAPIRegistry, deps: MailRoutesDeps): Router {
  const router = Router();
  const handleOf = (id: string) => deps.client.workflow.getHandle(mailWorkflowId(deps.taskQueue, id));

  async function read(id: string): Promise<MailDelivery> {
    try {
      return await handleOf(id).query(getMailDeliveryQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new HttpProblem(404, `Không có thư ${id}`);
      throw err;
    }
  }

  defineRoute(router, registry, {
    method: 'get',
    path: `${BASE}/undelivered`,
    summary: 'Thư máy chủ thư từ chối, chờ Văn phòng gửi lại hoặc bỏ qua',
    description: 'Mỗi thư kèm người nhận bị từ chối và câu trả lời của máy chủ thư. Thư đang chờ máy chủ thư hoạt động lại không có ở đây: chúng tự gửi đi khi máy chủ nhận thư.',
    tags,
    responses: { 200: { description: 'Thư không gửi được, cũ nhất trước', schema: UndeliveredListSchema } },
    problems: [403],
    handler: async (_input, _req, res) => {
      requireOffice(currentActor(res));
      const query = [`WorkflowType = '${MAIL_WORKFLOW_TYPE}'`, `TaskQueue = ${quoteValue(deps.taskQueue)}`, `ExecutionStatus = 'Running'`, `${MailStatus.name} = 'undelivered'`].join(' AND ');
      const ids: string[] = [];
      let truncated = false;
      for await (const e of deps.client.workflow.list({ query, pageSize: MAX_LISTED + 1 })) {
        if (ids.length >= MAX_LISTED) {
          truncated = true;
          break;
        }
        ids.push(e.workflowId);
      }
      const items = await Promise.all(ids.map((workflowId) => deps.client.workflow.getHandle(workflowId).query(getMailDeliveryQuery)));
      // Visibility lags the workflow a little: keep only what still stands refused.
      return { items: items.filter((d) => d.status === 'undelivered').sort((a, b) => (a.events[0]!.at < b.events[0]!.at ? -1 : 1)), truncated };
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: `${BASE}/:id`,
    summary: 'Một thư: người nhận đã nhận, bị từ chối, và những lần gửi lại',
    tags,
    params: IdParams,
    responses: { 200: { description: 'Việc gửi thư', schema: MailDeliverySchema } },
    problems: [403, 404],
    handler: async ({ params }, _req, res) => {
      requireOffice(currentActor(res));
      return read(params.id);
    },
  });

  /** Only the office acts on mail; it may act on any message that exists. */
  async function admit(actor: Actor, id: string): Promise<void> {
    requireOffice(actor);
    await read(id);
  }

  const closed = async (): Promise<string> => 'Thư này đã gửi xong hoặc đã được bỏ qua';

  defineRoute(router, registry, {
    method: 'post',
    path: `${BASE}/:id/resend`,
    summary: 'Gửi lại thư cho những người nhận bị từ chối (hoặc cho địa chỉ đã sửa)',
    tags,
    params: IdParams,
    body: ResendInputSchema,
    responses: { 200: { description: 'Thư đang được gửi lại', schema: MailDeliverySchema } },
    problems: [403, 404, 409],
    handler: async ({ params, body }, _req, res) => {
      const actor = currentActor(res);
      return runAction(handleOf(params.id), resendMailUpdate, actor, body, closed, () => admit(actor, params.id));
    },
  });

  defineRoute(router, registry, {
    method: 'post',
    path: `${BASE}/:id/dismiss`,
    summary: 'Bỏ qua thư không gửi được (đã báo cho người nhận bằng cách khác)',
    tags,
    params: IdParams,
    body: DismissInputSchema,
    responses: { 200: { description: 'Thư đã được bỏ qua', schema: MailDeliverySchema } },
    problems: [403, 404, 409],
    handler: async ({ params, body }, _req, res) => {
      const actor = currentActor(res);
      return runAction(handleOf(params.id), dismissMailUpdate, actor, body, closed, () => admit(actor, params.id));
    },
  });

  return router;
}
