/**
 * Assignments over HTTP: read one, list them, and the three actions (the agency submits its report, the
 * reviewer accepts or returns it), each a Temporal Update whose validator has the last word. The campaign
 * starts the workflows; attached documents are downloaded here, under the assignment's own access rule.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import type { DocumentStore } from '../../activities/document-store';
import {
  AcceptInputSchema,
  acceptReportUpdate,
  ASSIGNMENT_WORKFLOW_TYPE,
  AssignmentStateSchema,
  AssignmentStatuses,
  assignmentWorkflowId,
  getAssignmentQuery,
  ReportInputSchema,
  returnReportUpdate,
  ReturnInputSchema,
  submitReportUpdate,
  type AssignmentState,
  type ReportInput,
} from '../../workflows/assignment/messages';
import { participantsOf } from '../../workflows/assignment/rules';
import type { Actor } from '../../workflows/common/actor';
import type { FieldProblem } from '../../workflows/common/refusal';
import { AwaitingAgency, CampaignId, CaseAgency, CaseStatus, DueAt, Participants } from '../../workflows/common/search-attributes';
import { assignmentAcceptedSignal, reportWorkflowId } from '../../workflows/report/messages';
import { runAction } from '../actions';
import { attachProblems } from '../documents/attach';
import { sendDocument } from '../documents/download';
import { currentActor } from '../auth';
import { API_PREFIX } from '../openapi';
import { HttpProblem, NOT_FOUND } from '../problem';
import { listWorkflowPage, indexedCase } from '../pagination';
import { defineRoute } from '../route';
import { quoteValue as quote } from '../../workflows/common/visibility-query';
import { assignmentAllowedActions, AssignmentAllowedActionsSchema } from './allowed-actions';

export interface AssignmentRoutesDeps {
  client: Client;
  documents: DocumentStore;
}

const BASE = `${API_PREFIX}/assignments`;
const ONE = `${BASE}/:campaignId/:assignment`;
const tags = ['Báo cáo kết quả nhiệm vụ'];

const campaignIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'mã đợt triển khai không hợp lệ');
const AssignmentParams = z.object({
  campaignId: campaignIdSchema,
  assignment: z
    .string()
    .regex(/^[1-9]\d{0,2}-[a-z0-9-]{1,64}$/, 'nhiệm vụ theo dạng <số mục>-<mã đơn vị>, ví dụ 1-bchqs')
    .describe('số mục tại phần III và mã đơn vị, ví dụ 1-bchqs'),
});
type AssignmentParams = z.infer<typeof AssignmentParams>;
const DocumentParams = AssignmentParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 gồm 64 ký tự hex thường') });

/** Roles that see every assignment. */
const SEES_ALL = new Set<Actor['role']>(['leader', 'auditor', 'administrator']);

function mayRead(actor: Actor, state: AssignmentState): boolean {
  return SEES_ALL.has(actor.role) || participantsOf(state).includes(actor.agency);
}

export const AssignmentListQuerySchema = z
  .object({
    campaign: campaignIdSchema.optional().describe('mã đợt triển khai'),
    agency: z.string().regex(/^[a-z0-9-]{1,64}$/).optional().describe('đơn vị được giao nhiệm vụ'),
    status: z.enum(AssignmentStatuses).optional(),
    awaiting: z.string().regex(/^[a-z0-9-]{1,64}$/).optional().describe('đơn vị đang phải xử lý'),
    overdue: z.enum(['true', 'false']).optional().describe('chỉ nhiệm vụ đã quá hạn mà chưa có báo cáo (true) hoặc ngược lại (false)'),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    pageToken: z.string().max(2000).optional(),
  })
  .strict();

export const AssignmentListItemSchema = z.object({
  campaignId: z.string(),
  /** `<number>-<agency>`, the last part of the assignment's address. */
  assignment: z.string(),
  agency: z.string().optional(),
  status: z.string().optional(),
  awaiting: z.string().nullable(),
  dueAt: z.string().nullable(),
  startedAt: z.string(),
  closedAt: z.string().nullable(),
});
export const AssignmentListSchema = z.object({ items: z.array(AssignmentListItemSchema), nextPageToken: z.string().nullable() });


/** `assignment:<campaignId>:<number>-<agency>` → its two parts. */
function addressOf(workflowId: string): { campaignId: string; assignment: string } {
  const rest = workflowId.replace(/^assignment:/, '');
  const cut = rest.lastIndexOf(':');
  return { campaignId: rest.slice(0, cut), assignment: rest.slice(cut + 1) };
}

export function assignmentRoutes(registry: OpenAPIRegistry, deps: AssignmentRoutesDeps): Router {
  const router = Router();
  const { client, documents } = deps;

  const handle = (p: AssignmentParams) => {
    const cut = p.assignment.indexOf('-');
    return client.workflow.getHandle(assignmentWorkflowId(p.campaignId, Number(p.assignment.slice(0, cut)), p.assignment.slice(cut + 1)));
  };

  async function readable(p: AssignmentParams, actor: Actor): Promise<AssignmentState> {
    const state = await handle(p).query(getAssignmentQuery);
    if (!mayRead(actor, state)) throw new HttpProblem(404, NOT_FOUND);
    return state;
  }

  /** Attached documents must be ones the agency uploaded, as uploaded; anything else is answered alike. */
  async function checkDocuments(report: ReportInput, actor: Actor): Promise<void> {
    const problems = await attachProblems(documents, actor, (report.documents ?? []).map((ref, i) => ({ ref, field: `body.documents.${i}` })));
    if (problems.length) throw new HttpProblem(400, 'Tài liệu kèm theo không hợp lệ', problems);
  }

  defineRoute(router, registry, {
    method: 'get',
    path: BASE,
    summary: 'Danh sách nhiệm vụ và báo cáo (lọc theo đợt, đơn vị, trạng thái, đơn vị đang xử lý, quá hạn)',
    tags,
    query: AssignmentListQuerySchema,
    responses: { 200: { description: 'Một trang kết quả', schema: AssignmentListSchema } },
    handler: async ({ query }, _req, res) => {
      const actor = currentActor(res);
      const clauses = [`WorkflowType = '${ASSIGNMENT_WORKFLOW_TYPE}'`];
      if (query.campaign) clauses.push(`${CampaignId.name} = ${quote(query.campaign)}`);
      if (query.agency) clauses.push(`${CaseAgency.name} = ${quote(query.agency)}`);
      if (query.status) clauses.push(`${CaseStatus.name} = ${quote(query.status)}`);
      if (query.awaiting) clauses.push(`${AwaitingAgency.name} = ${quote(query.awaiting)}`);
      const owing = `${CaseStatus.name} IN ('awaiting_report', 'returned')`;
      const nowIso = quote(new Date().toISOString());
      if (query.overdue === 'true') clauses.push(`${DueAt.name} < ${nowIso} AND ${owing}`);
      if (query.overdue === 'false') clauses.push(`(${DueAt.name} >= ${nowIso} OR ${DueAt.name} IS NULL OR ${CaseStatus.name} NOT IN ('awaiting_report', 'returned'))`);
      // Outside the leadership, the office, the auditors: an agency sees the assignments it takes part in.
      if (!SEES_ALL.has(actor.role) && actor.agency !== 'lanh-dao' && actor.agency !== 'van-phong') {
        clauses.push(`${Participants.name} = ${quote(actor.agency)}`);
      }
      // Page tokens carry a checksum: a forged one is a 400 here, not a 500 from Temporal (api/pagination.ts).
      const page = await listWorkflowPage(client, { query: clauses.join(' AND '), pageSize: query.pageSize, pageToken: query.pageToken });
      const items = page.executions.map((e) => {
        const c = indexedCase(e);
        return {
          ...addressOf(c.workflowId),
          ...(c.agency ? { agency: c.agency } : {}),
          ...(c.status ? { status: c.status } : {}),
          awaiting: c.awaiting,
          dueAt: c.dueAt,
          startedAt: c.startedAt,
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
    summary: 'Xem một nhiệm vụ: mọi phiên bản báo cáo, ý kiến trả lại, chấp nhận, hạn',
    tags,
    params: AssignmentParams,
    responses: { 200: { description: 'Hồ sơ nhiệm vụ', schema: AssignmentStateSchema } },
    problems: [403, 404],
    handler: async ({ params }, _req, res) => readable(params, currentActor(res)),
  });

  defineRoute(router, registry, {
    method: 'get',
    path: `${ONE}/actions`,
    summary: 'Những thao tác người đang đăng nhập được làm với nhiệm vụ này lúc này (và lý do nếu không)',
    description: 'Tính bằng chính các quy tắc mà Update của quy trình kiểm tra; giao diện chỉ hiện nút cho thao tác được phép.',
    tags,
    params: AssignmentParams,
    responses: { 200: { description: 'Các thao tác', schema: AssignmentAllowedActionsSchema } },
    problems: [403, 404],
    handler: async ({ params }, _req, res) => {
      const actor = currentActor(res);
      return assignmentAllowedActions(await readable(params, actor), actor);
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: `${ONE}/documents/:sha256`,
    summary: 'Tải xuống tài liệu kèm theo một báo cáo của nhiệm vụ',
    tags,
    params: DocumentParams,
    responses: { 200: { description: 'Nội dung tệp, với kiểu và tên tệp đã lưu' } },
    problems: [403, 404],
    handler: async ({ params }, _req, res) => {
      const state = await readable(params, currentActor(res));
      const ref = state.reports.flatMap((r) => r.documents).find((d) => d.sha256 === params.sha256);
      const stored = ref ? await documents.readDocument(ref.sha256) : undefined;
      if (!ref || !stored) throw new HttpProblem(404, 'Báo cáo của nhiệm vụ này không kèm tài liệu đó');
      return sendDocument(res, stored, ref.filename);
    },
  });

  const actions = [
    { path: 'submit-report', summary: 'Gửi (hoặc gửi lại) báo cáo kết quả: nội dung, số liệu, tài liệu (cán bộ đơn vị được giao)', body: ReportInputSchema, update: submitReportUpdate },
    { path: 'accept', summary: 'Chấp nhận báo cáo (người xem xét)', body: AcceptInputSchema, update: acceptReportUpdate },
    { path: 'return', summary: 'Trả lại báo cáo kèm ý kiến để bổ sung (người xem xét)', body: ReturnInputSchema, update: returnReportUpdate },
  ] as const;

  for (const a of actions) {
    defineRoute(router, registry, {
      method: 'post',
      path: `${ONE}/${a.path}`,
      summary: a.summary,
      tags,
      params: AssignmentParams,
      body: a.body as z.ZodType,
      responses: { 200: { description: 'Đã thực hiện; trạng thái mới của nhiệm vụ', schema: AssignmentStateSchema } },
      problems: [403, 404, 409],
      handler: async ({ params, body }, _req, res) => {
        const actor = currentActor(res);
        const state = await runAction(handle(params), a.update as typeof submitReportUpdate, actor, body as never, async (h) => {
          const closed = await h.query(getAssignmentQuery).catch(() => undefined);
          return `Nhiệm vụ đã kết thúc${closed ? ` (${closed.status})` : ''}; không thể thay đổi`;
        }, async () => {
          await readable(params, actor);
          if (a.update === submitReportUpdate) await checkDocuments(body as ReportInput, actor);
        });
        // The district's report may be waiting for this one; tell it (best effort: it also looks periodically).
        if (a.update === acceptReportUpdate) {
          await deps.client.workflow.getHandle(reportWorkflowId(params.campaignId)).signal(assignmentAcceptedSignal).catch(() => undefined);
        }
        return state;
      },
    });
  }

  return router;
}
