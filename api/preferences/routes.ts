/**
 * An agency's notification preferences, kept in its inbox workflow (setting them starts the inbox if needed):
 * its members turn the morning digest on or off; the office's administrators set its mail routing (extra
 * addresses that receive every email to the agency), within the configured mail domains unless the office
 * allows otherwise, and the whole agency is told.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { WithStartWorkflowOperation, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import type { Directory } from '../../catalog/directory';
import type { Actor } from '../../workflows/common/actor';
import {
  defaultPreferences,
  getPreferencesQuery,
  INBOX_WORKFLOW_TYPE,
  inboxStartMemo,
  inboxWorkflowId,
  MailRoutingInputSchema,
  PreferencesInputSchema,
  PreferencesSchema,
  setMailRoutingUpdate,
  setPreferencesUpdate,
  type InboxInput,
} from '../../workflows/notifications/messages';
import { outsideMailDomains } from '../../workflows/notifications/rules';
import { currentActor } from '../auth';
import { API_PREFIX } from '../openapi';
import { HttpProblem } from '../problem';
import { defineRoute } from '../route';

export interface PreferencesRoutesDeps {
  client: Client;
  taskQueue: string;
  directory: Directory;
  /** Domains extra addresses may be in without the office's explicit approval. */
  mailDomains: string[];
}

/** The domains of the directory's own addresses: the default MAIL_DOMAINS. */
export function directoryMailDomains(directory: Directory): string[] {
  const emails = [...directory.data.units.map((u) => u.email), ...directory.data.users.map((u) => u.email)];
  return [...new Set(emails.filter(Boolean).map((e) => e.slice(e.lastIndexOf('@') + 1).toLowerCase()))].sort();
}

const AgencyParams = z.object({ agency: z.string().regex(/^[a-z0-9-]{1,64}$/, 'mã đơn vị không hợp lệ') });

const PATH = `${API_PREFIX}/preferences`;
const tags = ['Thông báo'];

export function preferencesRoutes(registry: OpenAPIRegistry, deps: PreferencesRoutesDeps): Router {
  const router = Router();

  const inboxStart = (agency: string) => {
    const input: InboxInput = { agency };
    return new WithStartWorkflowOperation(INBOX_WORKFLOW_TYPE, {
      workflowId: inboxWorkflowId(deps.taskQueue, agency),
      taskQueue: deps.taskQueue,
      args: [input],
      memo: inboxStartMemo(),
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  };
  const preferencesOf = async (agency: string) => {
    try {
      return await deps.client.workflow.getHandle(inboxWorkflowId(deps.taskQueue, agency)).query(getPreferencesQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return defaultPreferences(agency);
      throw err;
    }
  };
  /** The office first (403 for anyone else, whatever the agency), then the agency (404). */
  const officeFor = (actor: Actor, agency: string): void => {
    if (actor.role !== 'administrator') throw new HttpProblem(403, 'Chỉ quản trị của Văn phòng được xem và thay đổi nơi nhận thư của một đơn vị');
    if (!deps.directory.unit(agency)) throw new HttpProblem(404, `Không có đơn vị ${agency}`);
  };

  defineRoute(router, registry, {
    method: 'get',
    path: PATH,
    summary: 'Tùy chọn thông báo của đơn vị tôi',
    tags,
    responses: { 200: { description: 'Tùy chọn hiện hành (mặc định: nhận bản tin, không có địa chỉ thêm)', schema: PreferencesSchema } },
    handler: async (_input, _req, res) => preferencesOf(currentActor(res).agency),
  });

  defineRoute(router, registry, {
    method: 'put',
    path: PATH,
    summary: 'Bật/tắt bản tin buổi sáng của đơn vị tôi',
    description: 'Địa chỉ nhận thêm không đặt ở đây: Văn phòng đặt chúng (PUT /agencies/{agency}/mail-routing).',
    tags,
    body: PreferencesInputSchema,
    responses: { 200: { description: 'Tùy chọn mới', schema: PreferencesSchema } },
    problems: [403],
    handler: async ({ body }, _req, res) => {
      const actor = currentActor(res);
      return deps.client.workflow.executeUpdateWithStart(setPreferencesUpdate, { args: [actor, body], startWorkflowOperation: inboxStart(actor.agency) });
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: `${API_PREFIX}/agencies/:agency/mail-routing`,
    summary: 'Nơi nhận thư của một đơn vị (Văn phòng)',
    tags,
    params: AgencyParams,
    responses: { 200: { description: 'Tùy chọn của đơn vị, kèm lần thay đổi nơi nhận thư gần nhất', schema: PreferencesSchema } },
    problems: [403, 404],
    handler: async ({ params }, _req, res) => {
      officeFor(currentActor(res), params.agency);
      return preferencesOf(params.agency);
    },
  });

  defineRoute(router, registry, {
    method: 'put',
    path: `${API_PREFIX}/agencies/:agency/mail-routing`,
    summary: 'Đặt các địa chỉ nhận thêm mọi thư gửi tới một đơn vị (Văn phòng); mọi người của đơn vị được báo',
    description:
      'Địa chỉ ngoài các tên miền thư công vụ đã cấu hình (MAIL_DOMAINS) bị từ chối, trừ khi Văn phòng cho phép (outsideDomainsApproved). Mỗi lần thay đổi được ghi vào lịch sử cùng người thay đổi.',
    tags,
    params: AgencyParams,
    body: MailRoutingInputSchema,
    responses: { 200: { description: 'Tùy chọn mới của đơn vị', schema: PreferencesSchema } },
    problems: [403, 404],
    handler: async ({ params, body }, _req, res) => {
      const actor = currentActor(res);
      officeFor(actor, params.agency);
      const outside = body.outsideDomainsApproved ? [] : outsideMailDomains(body, deps.mailDomains);
      if (outside.length) throw new HttpProblem(400, 'Có địa chỉ ngoài các tên miền thư công vụ', outside);
      return deps.client.workflow.executeUpdateWithStart(setMailRoutingUpdate, { args: [actor, body], startWorkflowOperation: inboxStart(params.agency) });
    },
  });

  return router;
}
