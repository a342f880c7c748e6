/**
 * The communes' own plans over HTTP: list, read, download the submitted file, and one route per action, each a
 * Temporal Update whose validator has the last word (a commune officer acts on their own commune only; the
 * reviewing agency accepts or returns; the leadership grants more time or refuses). Reading and downloading
 * follow the same rule: the commune itself, the reviewing agency, the leadership and the office, the auditors.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import type { DocumentStore } from '../../activities/document-store';
import type { WorkingCalendar } from '../../catalog/calendar';
import type { Actor } from '../../workflows/common/actor';
import { CampaignId, CaseAgency, CaseStatus, DueAt, Participants } from '../../workflows/common/search-attributes';
import {
  AcceptInputSchema,
  acceptPlanUpdate,
  COMMUNE_PLAN_WORKFLOW_TYPE,
  CommunePlanIdSchema,
  CommunePlanStateSchema,
  CommunePlanStatuses,
  communePlanWorkflowId,
  ExtensionRequestInputSchema,
  getCommunePlanQuery,
  GrantExtensionInputSchema,
  grantExtensionUpdate,
  RefuseExtensionInputSchema,
  refuseExtensionUpdate,
  requestExtensionUpdate,
  ReturnInputSchema,
  returnPlanUpdate,
  SubmissionInputSchema,
  submitPlanUpdate,
  type CommunePlanState,
  type ExtensionRequestInput,
  type GrantExtensionInput,
  type SubmissionInput,
} from '../../workflows/commune-plan/messages';
import { LEADERSHIP_AGENCY, OFFICE_AGENCY } from '../../workflows/commune-plan/rules';
import { runAction } from '../actions';
import { attachProblems } from '../documents/attach';
import { sendDocument } from '../documents/download';
import { currentActor } from '../auth';
import { API_PREFIX } from '../openapi';
import { HttpProblem, NOT_FOUND } from '../problem';
import { listWorkflowPage, indexedCase } from '../pagination';
import { communePlanAllowedActions, CommunePlanAllowedActionsSchema } from './allowed-actions';
import { defineRoute } from '../route';
import { quoteValue as quote } from '../../workflows/common/visibility-query';

export interface CommunePlanRoutesDeps {
  client: Client;
  documents: DocumentStore;
  /** The calendar as it stands now (the holidays file and the schedules the office recorded). */
  calendarNow: () => Promise<WorkingCalendar>;
}

const BASE = `${API_PREFIX}/commune-plans`;
const ONE = `${BASE}/:id`;
const tags = ['Triển khai kế hoạch và kế hoạch của các xã'];
const IdParams = z.object({ id: CommunePlanIdSchema.describe('<mã đợt triển khai>.<mã xã>, ví dụ bac-son-70-nam-dien-bien-phu.xa-long-dong') });

/** Roles that see every commune's plan. */
const SEES_ALL = new Set<Actor['role']>(['leader', 'auditor', 'administrator']);

export function mayRead(actor: Actor, state: CommunePlanState): boolean {
  if (actor.role === 'commune_officer') return actor.agency === state.commune.code;
  return SEES_ALL.has(actor.role) || [state.policy.reviewerAgency, LEADERSHIP_AGENCY, OFFICE_AGENCY].includes(actor.agency);
}

export const CommunePlanListQuerySchema = z
  .object({
    campaign: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).optional().describe('mã đợt triển khai'),
    commune: z.string().regex(/^[a-z0-9-]{1,64}$/).optional().describe('mã xã, thị trấn'),
    status: z.enum(CommunePlanStatuses).optional(),
    overdue: z.enum(['true', 'false']).optional().describe('chỉ các xã đã quá hạn mà chưa có kế hoạch (true) hoặc ngược lại (false)'),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    pageToken: z.string().max(2000).optional(),
  })
  .strict();

export const CommunePlanListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      campaignId: z.string().optional(),
      commune: z.string().optional(),
      status: z.string().optional(),
      awaiting: z.string().nullable(),
      dueAt: z.string().nullable(),
      closedAt: z.string().nullable(),
    }),
  ),
  nextPageToken: z.string().nullable(),
});

const DocumentQuery = z.object({ version: z.coerce.number().int().min(1).optional().describe('lần gửi; mặc định lần gần nhất') }).strict();


export function communePlanRoutes(registry: OpenAPIRegistry, deps: CommunePlanRoutesDeps): Router {
  const router = Router();
  const { client, documents, calendarNow } = deps;
  const handle = (id: string) => client.workflow.getHandle(communePlanWorkflowId(id));

  async function readable(id: string, actor: Actor): Promise<CommunePlanState> {
    const state = await handle(id).query(getCommunePlanQuery);
    if (!mayRead(actor, state)) throw new HttpProblem(404, NOT_FOUND);
    return state;
  }

  /** The file must be one the commune uploaded, as uploaded; anything else is answered alike. */
  async function checkDocument(submission: SubmissionInput, actor: Actor): Promise<void> {
    const problems = await attachProblems(documents, actor, [{ ref: submission.document, field: 'body.document' }]);
    if (problems.length) throw new HttpProblem(400, 'Tệp kế hoạch không hợp lệ', problems);
  }

  /** A deadline must fall on a working day; the workflow checks it is later than the current one. */
  async function checkWorkingDay(date: string | undefined, field: string): Promise<void> {
    const reason = date ? (await calendarNow()).nonWorkingReason(date) : null;
    if (reason) throw new HttpProblem(400, 'Dữ liệu không hợp lệ', [{ field, message: reason }]);
  }

  defineRoute(router, registry, {
    method: 'get',
    path: BASE,
    summary: 'Danh sách kế hoạch của các xã (lọc theo đợt, xã, trạng thái, quá hạn)',
    description: 'Công chức xã chỉ thấy kế hoạch của xã mình.',
    tags,
    query: CommunePlanListQuerySchema,
    responses: { 200: { description: 'Một trang kết quả', schema: CommunePlanListSchema } },
    handler: async ({ query }, _req, res) => {
      const actor = currentActor(res);
      const clauses = [`WorkflowType = '${COMMUNE_PLAN_WORKFLOW_TYPE}'`];
      if (query.campaign) clauses.push(`${CampaignId.name} = ${quote(query.campaign)}`);
      if (query.commune) clauses.push(`${CaseAgency.name} = ${quote(query.commune)}`);
      if (query.status) clauses.push(`${CaseStatus.name} = ${quote(query.status)}`);
      const owing = `${CaseStatus.name} IN ('awaiting_submission', 'returned')`;
      const now = quote(new Date().toISOString());
      if (query.overdue === 'true') clauses.push(`${DueAt.name} < ${now} AND ${owing}`);
      if (query.overdue === 'false') clauses.push(`(${DueAt.name} >= ${now} OR ${DueAt.name} IS NULL)`);
      if (actor.role === 'commune_officer') clauses.push(`${CaseAgency.name} = ${quote(actor.agency)}`);
      else if (!SEES_ALL.has(actor.role)) clauses.push(`${Participants.name} = ${quote(actor.agency)}`);
      // Page tokens carry a checksum: a forged one is a 400 here, not a 500 from Temporal (api/pagination.ts).
      const page = await listWorkflowPage(client, { query: clauses.join(' AND '), pageSize: query.pageSize, pageToken: query.pageToken });
      const items = page.executions.map((e) => {
        const c = indexedCase(e);
        return {
          id: c.workflowId.replace(/^commune-plan:/, ''),
          ...(c.campaignId ? { campaignId: c.campaignId } : {}),
          ...(c.agency ? { commune: c.agency } : {}),
          ...(c.status ? { status: c.status } : {}),
          awaiting: c.awaiting,
          dueAt: c.dueAt,
          closedAt: c.closedAt,
        };
      });
      const token = page.nextPageToken;
      return { items, nextPageToken: token };
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: ONE,
    summary: 'Xem kế hoạch của một xã: các lần gửi, ý kiến xem xét, đề nghị gia hạn, hạn',
    tags,
    params: IdParams,
    responses: { 200: { description: 'Hồ sơ kế hoạch của xã', schema: CommunePlanStateSchema } },
    problems: [403, 404],
    handler: async ({ params }, _req, res) => readable(params.id, currentActor(res)),
  });

  defineRoute(router, registry, {
    method: 'get',
    path: `${ONE}/actions`,
    summary: 'Những thao tác người đang đăng nhập được làm với kế hoạch của xã này lúc này (và lý do nếu không)',
    description: 'Tính bằng chính các quy tắc mà Update của quy trình kiểm tra; giao diện chỉ hiện nút cho thao tác được phép.',
    tags,
    params: IdParams,
    responses: { 200: { description: 'Các thao tác', schema: CommunePlanAllowedActionsSchema } },
    problems: [403, 404],
    handler: async ({ params }, _req, res) => {
      const actor = currentActor(res);
      return communePlanAllowedActions(await readable(params.id, actor), actor);
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: `${ONE}/document`,
    summary: 'Tải xuống tệp kế hoạch xã đã gửi (lần gần nhất, hoặc lần được chỉ định)',
    tags,
    params: IdParams,
    query: DocumentQuery,
    responses: { 200: { description: 'Nội dung tệp, với kiểu và tên tệp đã lưu' } },
    problems: [403, 404],
    handler: async ({ params, query }, _req, res) => {
      const state = await readable(params.id, currentActor(res));
      const submission = query.version ? state.submissions.find((s) => s.version === query.version) : state.submissions[state.submissions.length - 1];
      if (!submission) throw new HttpProblem(404, query.version ? `Xã chưa gửi kế hoạch lần ${query.version}` : 'Xã chưa gửi kế hoạch');
      const stored = await documents.readDocument(submission.document.sha256);
      if (!stored) throw new HttpProblem(404, 'Tệp kế hoạch không còn trong kho tài liệu');
      return sendDocument(res, stored, submission.document.filename);
    },
  });

  const actions = [
    {
      path: 'submit',
      summary: 'Gửi (hoặc gửi lại) kế hoạch của xã: số, ngày, người ký, trích yếu, tệp (công chức xã)',
      body: SubmissionInputSchema,
      update: submitPlanUpdate,
      precheck: (b: unknown, actor: Actor) => checkDocument(b as SubmissionInput, actor),
    },
    { path: 'accept', summary: 'Chấp nhận kế hoạch của xã (người xem xét)', body: AcceptInputSchema, update: acceptPlanUpdate },
    { path: 'return', summary: 'Trả lại kế hoạch kèm ý kiến để hoàn thiện (người xem xét)', body: ReturnInputSchema, update: returnPlanUpdate },
    {
      path: 'request-extension',
      summary: 'Đề nghị gia hạn: lý do và ngày đề nghị (công chức xã)',
      body: ExtensionRequestInputSchema,
      update: requestExtensionUpdate,
      precheck: async (b: unknown, _actor: Actor) => checkWorkingDay((b as ExtensionRequestInput).requestedDate, 'body.requestedDate'),
    },
    {
      path: 'grant-extension',
      summary: 'Đồng ý gia hạn: hạn mới, mặc định ngày xã đề nghị (lãnh đạo)',
      body: GrantExtensionInputSchema,
      update: grantExtensionUpdate,
      precheck: async (b: unknown, _actor: Actor) => checkWorkingDay((b as GrantExtensionInput).dueDate, 'body.dueDate'),
    },
    { path: 'refuse-extension', summary: 'Không đồng ý gia hạn, nêu lý do (lãnh đạo)', body: RefuseExtensionInputSchema, update: refuseExtensionUpdate },
  ] as const;

  for (const a of actions) {
    defineRoute(router, registry, {
      method: 'post',
      path: `${ONE}/${a.path}`,
      summary: a.summary,
      tags,
      params: IdParams,
      body: a.body as z.ZodType,
      responses: { 200: { description: 'Đã thực hiện; trạng thái mới của kế hoạch', schema: CommunePlanStateSchema } },
      problems: [403, 404, 409],
      handler: async ({ params, body }, _req, res) => {
        const actor = currentActor(res);
        return runAction(handle(params.id), a.update as typeof acceptPlanUpdate, actor, body as never, async () => 'Kế hoạch của xã đã được chấp nhận; hồ sơ đã kết thúc, không thể thay đổi', async () => {
          await readable(params.id, actor);
          if ('precheck' in a) await a.precheck(body, actor);
        });
      },
    });
  }

  return router;
}
