/**
 * The caller's agency's notification preferences: extra addresses for every email it receives, and the
 * morning digest on or off. Kept in the agency's inbox workflow; setting them starts the inbox if needed.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { WithStartWorkflowOperation, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { Router } from 'express';
import {
  defaultPreferences,
  getPreferencesQuery,
  INBOX_WORKFLOW_TYPE,
  inboxWorkflowId,
  PreferencesInputSchema,
  PreferencesSchema,
  setPreferencesUpdate,
  type InboxInput,
} from '../../workflows/notifications/messages';
import { currentActor } from '../auth';
import { API_PREFIX } from '../openapi';
import { defineRoute } from '../route';

export interface PreferencesRoutesDeps {
  client: Client;
  taskQueue: string;
}

const PATH = `${API_PREFIX}/preferences`;
const tags = ['Thông báo'];

export function preferencesRoutes(registry: OpenAPIRegistry, deps: PreferencesRoutesDeps): Router {
  const router = Router();

  defineRoute(router, registry, {
    method: 'get',
    path: PATH,
    summary: 'Tùy chọn thông báo của đơn vị tôi',
    tags,
    responses: { 200: { description: 'Tùy chọn hiện hành (mặc định: nhận bản tin, không có địa chỉ thêm)', schema: PreferencesSchema } },
    handler: async (_input, _req, res) => {
      const { agency } = currentActor(res);
      try {
        return await deps.client.workflow.getHandle(inboxWorkflowId(deps.taskQueue, agency)).query(getPreferencesQuery);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return defaultPreferences(agency);
        throw err;
      }
    },
  });

  defineRoute(router, registry, {
    method: 'put',
    path: PATH,
    summary: 'Đặt tùy chọn thông báo của đơn vị tôi: địa chỉ nhận thêm, bật/tắt bản tin buổi sáng',
    tags,
    body: PreferencesInputSchema,
    responses: { 200: { description: 'Tùy chọn mới', schema: PreferencesSchema } },
    problems: [403],
    handler: async ({ body }, _req, res) => {
      const actor = currentActor(res);
      const input: InboxInput = { agency: actor.agency };
      return deps.client.workflow.executeUpdateWithStart(setPreferencesUpdate, {
        args: [actor, body],
        startWorkflowOperation: new WithStartWorkflowOperation(INBOX_WORKFLOW_TYPE, {
          workflowId: inboxWorkflowId(deps.taskQueue, actor.agency),
          taskQueue: deps.taskQueue,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
    },
  });

  return router;
}
