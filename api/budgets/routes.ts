/**
 * Budget estimates over HTTP: submit (starts the workflow), read, list, and one route per action, each
 * a Temporal Update whose validator has the last word on what is allowed.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Client } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { Directory } from '../../catalog/directory';
import type { Actor } from '../../workflows/common/actor';
import { AwaitingAgency, CaseAgency, CaseStatus, DueAt, Participants } from '../../workflows/common/search-attributes';
import {
  AppraiseInputSchema,
  appraiseUpdate,
  ApproveInputSchema,
  approveUpdate,
  BUDGET_WORKFLOW_TYPE,
  BudgetStateSchema,
  BudgetStatuses,
  budgetWorkflowId,
  EstimateInputSchema,
  getBudgetQuery,
  ReasonInputSchema,
  rejectUpdate,
  RequestRevisionInputSchema,
  requestRevisionUpdate,
  resubmitUpdate,
  returnToAppraisalUpdate,
  withdrawUpdate,
  type BudgetPolicy,
  type BudgetState,
  type StartBudgetInput,
} from '../../workflows/budget/messages';
import { APPRAISING_AGENCY, DECIDING_AGENCY } from '../../workflows/budget/rules';
import { runAction } from '../actions';
import { allowedActions, AllowedActionsSchema } from './allowed-actions';
import { currentActor } from '../auth';
import { idempotentSuffix, IdempotencyHeadersSchema, REPLAYED_HEADER, REQUEST_HASH_MEMO, requestHash, startOnce } from '../idempotency';
import { API_PREFIX } from '../openapi';
import { HttpProblem, NOT_FOUND } from '../problem';
import { listWorkflowPage, indexedCase } from '../pagination';
import { defineRoute, linksTo } from '../route';
import { quoteValue as quote } from '../../workflows/common/visibility-query';

export interface BudgetRoutesDeps {
  client: Client;
  directory: Directory;
  taskQueue: string;
  policy: BudgetPolicy;
  /** Ids of the issued plans (catalog/plans): an estimate may name only one of them. */
  planIds: ReadonlySet<string>;
}

const BASE = `${API_PREFIX}/budgets`;
const tags = ['Dự toán kinh phí'];

const IdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'mã dự toán không hợp lệ') });

/** Units whose staff may submit estimates: the district's agencies, office and requested bodies. */
const SUBMITTING_KINDS = new Set(['agency', 'office', 'inspectorate', 'party_body', 'fatherland_front', 'mass_organisation']);
/** Roles that see every estimate. */
const SEES_ALL = new Set<Actor['role']>(['leader', 'auditor', 'administrator']);

function mayRead(actor: Actor, state: BudgetState): boolean {
  return SEES_ALL.has(actor.role) || actor.agency === APPRAISING_AGENCY || actor.agency === DECIDING_AGENCY || actor.agency === state.agency;
}

export const BudgetListQuerySchema = z
  .object({
    status: z.enum(BudgetStatuses).optional(),
    agency: z.string().regex(/^[a-z0-9-]{1,64}$/).optional().describe('đơn vị lập dự toán'),
    awaiting: z.string().regex(/^[a-z0-9-]{1,64}$/).optional().describe('đơn vị đang phải xử lý'),
    overdue: z.enum(['true', 'false']).optional().describe('chỉ hồ sơ đã quá hạn (true) hoặc chưa quá hạn (false)'),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    pageToken: z.string().max(2000).optional(),
  })
  .strict();

export const BudgetListItemSchema = z.object({
  id: z.string(),
  title: z.string().optional(),
  agency: z.string().optional(),
  status: z.string().optional(),
  awaiting: z.string().nullable(),
  dueAt: z.string().nullable(),
  submittedAt: z.string(),
  closedAt: z.string().nullable(),
});
export const BudgetListSchema = z.object({ items: z.array(BudgetListItemSchema), nextPageToken: z.string().nullable() });

/**
 * The first deadline is planned by an activity just after the start; wait briefly for it so the submitter
 * learns the due date in the answer. If it takes longer, the state is answered without it.
 */
async function withDeadline(read: () => Promise<BudgetState>, patienceMs = 2_000): Promise<BudgetState> {
  const giveUpAt = Date.now() + patienceMs;
  for (;;) {
    const state = await read();
    if (state.dueAt || !state.awaiting || Date.now() >= giveUpAt) return state;
    await new Promise((r) => setTimeout(r, 50));
  }
}


export function budgetRoutes(registry: OpenAPIRegistry, deps: BudgetRoutesDeps): Router {
  const router = Router();
  const { client } = deps;
  const handle = (id: string) => client.workflow.getHandle(budgetWorkflowId(id));

  async function readState(id: string): Promise<BudgetState> {
    return handle(id).query(getBudgetQuery);
  }

  /** An estimate serves an issued plan or none: a free-text plan would let anyone add to a plan's report. */
  function requireIssuedPlan(estimate: { planId?: string | undefined }): void {
    if (estimate.planId !== undefined && !deps.planIds.has(estimate.planId)) {
      throw new HttpProblem(400, 'Dữ liệu không hợp lệ', [{ field: 'body.planId', message: `không có kế hoạch đã ban hành với mã "${estimate.planId}"` }]);
    }
  }

  /** The estimate, for someone who may read it; for anyone else it does not exist. */
  async function readable(id: string, actor: Actor): Promise<BudgetState> {
    const state = await readState(id);
    if (!mayRead(actor, state)) throw new HttpProblem(404, NOT_FOUND);
    return state;
  }

  defineRoute(router, registry, {
    method: 'post',
    path: BASE,
    summary: 'Gửi dự toán kinh phí (nộp để thẩm định)',
    description:
      'Với header Idempotency-Key, gửi lại cùng nội dung với cùng khóa trả về cùng hồ sơ (201, cùng Location, header ' +
      'Idempotent-Replayed: true) mà không tạo hồ sơ thứ hai; cùng khóa với nội dung khác: 422.',
    tags,
    headers: IdempotencyHeadersSchema,
    body: EstimateInputSchema,
    responses: {
      201: {
        description: 'Đã gửi; hồ sơ chờ thẩm định (hoặc hồ sơ đã tạo trước đó với cùng Idempotency-Key)',
        schema: BudgetStateSchema,
        headers: { Location: 'Địa chỉ của hồ sơ', [REPLAYED_HEADER]: '`true` khi trả lời lại một yêu cầu trước đó cùng Idempotency-Key' },
        // What can be done with the new estimate (clients and the fuzzer's stateful phase follow these).
        links: linksTo(
          [
            { method: 'get', path: `${BASE}/:id` },
            ...['request-revision', 'resubmit', 'appraise', 'approve', 'return-to-appraisal', 'reject', 'withdraw'].map((a) => ({ method: 'post' as const, path: `${BASE}/:id/${a}` })),
          ],
          { id: '$response.body#/id' },
        ),
      },
    },
    problems: [403, 422],
    handler: async ({ body, headers }, _req, res) => {
      const actor = currentActor(res);
      requireIssuedPlan(body);
      const unit = deps.directory.unit(actor.agency);
      if (actor.role !== 'staff' || !unit || !SUBMITTING_KINDS.has(unit.kind)) {
        throw new HttpProblem(403, 'Chỉ cán bộ của cơ quan, đơn vị được giao nhiệm vụ mới được gửi dự toán');
      }
      // With an Idempotency-Key the id is derived from the caller and the key, so a retry finds the first
      // attempt's workflow instead of starting another (api/idempotency.ts).
      const key = headers['Idempotency-Key'];
      const suffix = key === undefined ? randomBytes(4).toString('hex').toUpperCase() : idempotentSuffix(actor, key);
      const id = `DT-${new Date().getFullYear()}-${suffix}`;
      const hash = requestHash(body);
      const input: StartBudgetInput = { id, submittedBy: actor, estimate: body, policy: deps.policy };
      const start = () => client.workflow.start(BUDGET_WORKFLOW_TYPE, {
        workflowId: budgetWorkflowId(id),
        taskQueue: deps.taskQueue,
        args: [input],
        // An estimate's id is never reused, even once it is closed.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        memo: { title: body.title, [REQUEST_HASH_MEMO]: hash },
        typedSearchAttributes: [
          { key: CaseStatus, value: 'in_appraisal' },
          { key: CaseAgency, value: actor.agency },
          { key: AwaitingAgency, value: APPRAISING_AGENCY },
          { key: Participants, value: [actor.agency, APPRAISING_AGENCY, DECIDING_AGENCY] },
        ],
      });
      const { handle: started, replayed } = await startOnce({ key, hash, start, existing: () => handle(id) });
      const state = await withDeadline(() => started.query(getBudgetQuery));
      if (replayed) res.setHeader(REPLAYED_HEADER, 'true');
      res.status(201).location(`${BASE}/${id}`);
      return state;
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: BASE,
    summary: 'Danh sách dự toán (lọc theo trạng thái, đơn vị, đơn vị đang xử lý, quá hạn)',
    tags,
    query: BudgetListQuerySchema,
    responses: { 200: { description: 'Một trang kết quả', schema: BudgetListSchema } },
    handler: async ({ query }, _req, res) => {
      const actor = currentActor(res);
      const clauses = [`WorkflowType = '${BUDGET_WORKFLOW_TYPE}'`];
      if (query.status) clauses.push(`${CaseStatus.name} = ${quote(query.status)}`);
      if (query.agency) clauses.push(`${CaseAgency.name} = ${quote(query.agency)}`);
      if (query.awaiting) clauses.push(`${AwaitingAgency.name} = ${quote(query.awaiting)}`);
      if (query.overdue === 'true') clauses.push(`${DueAt.name} < ${quote(new Date().toISOString())}`);
      if (query.overdue === 'false') clauses.push(`(${DueAt.name} >= ${quote(new Date().toISOString())} OR ${DueAt.name} IS NULL)`);
      // Outside the leadership and the appraising office, an agency sees the estimates it takes part in.
      if (!SEES_ALL.has(actor.role) && actor.agency !== APPRAISING_AGENCY && actor.agency !== DECIDING_AGENCY) {
        clauses.push(`${Participants.name} = ${quote(actor.agency)}`);
      }
      // Page tokens carry a checksum: a forged one is a 400 here, not a 500 from Temporal (api/pagination.ts).
      const page = await listWorkflowPage(client, { query: clauses.join(' AND '), pageSize: query.pageSize, pageToken: query.pageToken });
      const items = page.executions.map((e) => {
        const c = indexedCase(e);
        return {
          id: c.workflowId.replace(/^budget:/, ''),
          ...(c.title ? { title: c.title } : {}),
          ...(c.agency ? { agency: c.agency } : {}),
          ...(c.status ? { status: c.status } : {}),
          awaiting: c.awaiting,
          dueAt: c.dueAt,
          submittedAt: c.startedAt,
          closedAt: c.closedAt,
        };
      });
      const token = page.nextPageToken;
      return { items, nextPageToken: token };
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: `${BASE}/:id`,
    summary: 'Xem một dự toán: mọi phiên bản, trạng thái, người phải xử lý, hạn',
    tags,
    params: IdParams,
    responses: { 200: { description: 'Hồ sơ dự toán', schema: BudgetStateSchema } },
    problems: [403, 404],
    handler: async ({ params }, _req, res) => {
      return readable(params.id, currentActor(res));
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: `${BASE}/:id/actions`,
    summary: 'Những thao tác người đang đăng nhập được làm với dự toán này lúc này (và lý do nếu không)',
    description: 'Tính bằng chính các quy tắc mà Update của quy trình kiểm tra; giao diện chỉ hiện nút cho thao tác được phép.',
    tags,
    params: IdParams,
    responses: { 200: { description: 'Các thao tác', schema: AllowedActionsSchema } },
    problems: [403, 404],
    handler: async ({ params }, _req, res) => {
      const actor = currentActor(res);
      return allowedActions(await readable(params.id, actor), actor);
    },
  });

  const actions = [
    { path: 'request-revision', summary: 'Yêu cầu chỉnh sửa (Phòng TC-KH)', body: RequestRevisionInputSchema, update: requestRevisionUpdate },
    { path: 'resubmit', summary: 'Gửi lại phiên bản mới (đơn vị lập)', body: EstimateInputSchema, update: resubmitUpdate },
    { path: 'appraise', summary: 'Thẩm định: số đề nghị từng dòng và ý kiến (Phòng TC-KH)', body: AppraiseInputSchema, update: appraiseUpdate },
    { path: 'approve', summary: 'Phê duyệt: số tiền, số và ngày quyết định (lãnh đạo)', body: ApproveInputSchema, update: approveUpdate },
    { path: 'return-to-appraisal', summary: 'Trả lại để thẩm định lại (lãnh đạo)', body: ReasonInputSchema, update: returnToAppraisalUpdate },
    { path: 'reject', summary: 'Không phê duyệt (lãnh đạo)', body: ReasonInputSchema, update: rejectUpdate },
    { path: 'withdraw', summary: 'Rút dự toán (đơn vị lập)', body: ReasonInputSchema, update: withdrawUpdate },
  ] as const;

  for (const a of actions) {
    defineRoute(router, registry, {
      method: 'post',
      path: `${BASE}/:id/${a.path}`,
      summary: a.summary,
      tags,
      params: IdParams,
      body: a.body as z.ZodType,
      responses: { 200: { description: 'Đã thực hiện; trạng thái mới của hồ sơ', schema: BudgetStateSchema } },
      problems: [403, 404, 409],
      handler: async ({ params, body }, _req, res) => {
        const actor = currentActor(res);
        return runAction(handle(params.id), a.update as typeof approveUpdate, actor, body as never, async (h) => {
          const state = await h.query(getBudgetQuery).catch(() => undefined);
          return `Hồ sơ đã kết thúc${state ? ` (${state.status})` : ''}; không thể thay đổi`;
        }, async () => {
          await readable(params.id, actor);
          if (a.update === resubmitUpdate) requireIssuedPlan(body as { planId?: string });
        });
      },
    });
  }

  return router;
}
