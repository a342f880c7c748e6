/**
 * Budget estimates over HTTP: submit (starts the workflow), read, list, and one route per action, each
 * a Temporal Update whose validator has the last word on what is allowed.
 */
import type { AuthoritySource } from '../authority/source';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { Directory } from '../../catalog/directory';
import { AwaitingAgency, CaseAgency, CaseStatus, DueAt } from '../../workflows/common/search-attributes';
import {
  BUDGET_WORKFLOW_TYPE,
  BudgetStateSchema,
  BudgetStatuses,
  budgetWorkflowId,
  EstimateInputSchema,
  getBudgetQuery,
  submissionUpdate,
  type BudgetPolicy,
  type EstimateInput,
  type StartBudgetInput,
  type BudgetState,
} from '../../workflows/budget/messages';
import { budgetActions } from '../../workflows/budget/actions';
import { UnitCodeSchema } from '../../workflows/common/schema';
import { quoteValue as quote } from '../../workflows/common/visibility-query';
import { budgetAccess } from '../access';
import { caseRoutes, listedId, PageQueryShape, whereEquals } from '../case-routes';
import { currentActor } from '../auth';
import { idempotentSuffix, IdempotencyHeadersSchema, REPLAYED_HEADER, REQUEST_HASH_MEMO, requestHash, startOnce } from '../idempotency';
import { API_PREFIX } from '../openapi';
import { HttpProblem } from '../problem';
import { defineRoute, linksTo } from '../route';

export interface BudgetRoutesDeps {
  client: Client;
  directory: Directory;
  taskQueue: string;
  policy: BudgetPolicy;
  /** Ids of the issued plans (catalog/plans): an estimate may name only one of them. */
  planIds: ReadonlySet<string>;
  /** Under which authority a leader decides (absent: leaders decide as leaders). */
  authority?: AuthoritySource;
}

const BASE = `${API_PREFIX}/budgets`;
const tags = ['Dự toán kinh phí'];

const IdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'mã dự toán không hợp lệ') });

/** Units whose staff may submit estimates: the district's agencies, office and requested bodies. */
const SUBMITTING_KINDS = new Set(['agency', 'office', 'inspectorate', 'party_body', 'fatherland_front', 'mass_organisation']);
export const BudgetListQuerySchema = z
  .object({
    status: z.enum(BudgetStatuses).optional(),
    agency: UnitCodeSchema.optional().describe('đơn vị lập dự toán'),
    awaiting: UnitCodeSchema.optional().describe('đơn vị đang phải xử lý'),
    overdue: z.enum(['true', 'false']).optional().describe('chỉ hồ sơ đã quá hạn (true) hoặc chưa quá hạn (false)'),
    ...PageQueryShape,
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

export function budgetRoutes(registry: OpenAPIRegistry, deps: BudgetRoutesDeps): Router {
  const router = Router();
  const { client } = deps;
  const handle = (id: string) => client.workflow.getHandle(budgetWorkflowId(id));

  /** An estimate serves an issued plan or none: a free-text plan would let anyone add to a plan's report. */
  async function requireIssuedPlan(estimate: { planId?: string | undefined }): Promise<void> {
    if (estimate.planId !== undefined && !deps.planIds.has(estimate.planId)) {
      throw new HttpProblem(400, 'Dữ liệu không hợp lệ', [{ field: 'body.planId', message: `không có kế hoạch đã ban hành với mã "${estimate.planId}"` }]);
    }
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
            ...Object.values(budgetActions).map((a) => ({ method: 'post' as const, path: `${BASE}/:id/${a.path}` })),
          ],
          { id: '$response.body#/id' },
        ),
      },
    },
    problems: [403, 422],
    handler: async ({ body, headers }, _req, res) => {
      const actor = currentActor(res);
      await requireIssuedPlan(body);
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
      const input: StartBudgetInput = { id, submittedBy: actor, estimate: body, policy: deps.policy, parties: deps.directory.parties };
      // One round trip: the workflow starts with the submission's Update, which answers once the first
      // deadline is planned (workflows/budget/workflow.ts); the workflow indexes itself in that first task.
      const start = () =>
        client.workflow.executeUpdateWithStart(submissionUpdate, {
          startWorkflowOperation: new WithStartWorkflowOperation(BUDGET_WORKFLOW_TYPE, {
            workflowId: budgetWorkflowId(id),
            taskQueue: deps.taskQueue,
            args: [input],
            // An estimate's id is never reused, even once it is closed; a running one is a retry (below).
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
            workflowIdConflictPolicy: 'FAIL',
            memo: { title: body.title, [REQUEST_HASH_MEMO]: hash },
          }),
        });
      const { result: state, replayed } = await startOnce({ key, hash, start, handle: () => handle(id), existing: (h) => h.query(getBudgetQuery) });
      if (replayed) res.setHeader(REPLAYED_HEADER, 'true');
      res.status(201).location(`${BASE}/${id}`);
      return state;
    },
  });

  caseRoutes(router, registry, client, null, {
    kind: 'budget',
    tags,
    params: IdParams,
    query: getBudgetQuery,
    state: BudgetStateSchema,
    access: budgetAccess(deps.directory.parties),
    noun: 'dự toán',
    stateNoun: 'hồ sơ',
    read: { summary: 'Xem một dự toán: mọi phiên bản, trạng thái, người phải xử lý, hạn', description: 'Hồ sơ dự toán' },
    actions: budgetActions,
    ...(deps.authority ? { authority: { source: deps.authority, placeOf: (s: BudgetState) => ({ plan: s.versions[s.versions.length - 1]?.planId ?? null, agency: s.agency }) } } : {}),
    precheck: { resubmit: (body: EstimateInput) => requireIssuedPlan(body) },
    closedMessage: async (h) => {
      const state = await h.query(getBudgetQuery).catch(() => undefined);
      return `Hồ sơ đã kết thúc${state ? ` (${state.status})` : ''}; không thể thay đổi`;
    },
    list: {
      summary: 'Danh sách dự toán (lọc theo trạng thái, đơn vị, đơn vị đang xử lý, quá hạn)',
      query: BudgetListQuerySchema,
      item: BudgetListItemSchema,
      filters: (query) => {
        const now = quote(new Date().toISOString());
        return [
          ...whereEquals(CaseStatus, query.status),
          ...whereEquals(CaseAgency, query.agency),
          ...whereEquals(AwaitingAgency, query.awaiting),
          ...(query.overdue === 'true' ? [`${DueAt.name} < ${now}`] : []),
          ...(query.overdue === 'false' ? [`(${DueAt.name} >= ${now} OR ${DueAt.name} IS NULL)`] : []),
        ];
      },
      itemOf: (c) => ({
        id: listedId('budget', c),
        ...(c.title ? { title: c.title } : {}),
        ...(c.agency ? { agency: c.agency } : {}),
        ...(c.status ? { status: c.status } : {}),
        awaiting: c.awaiting,
        dueAt: c.dueAt,
        submittedAt: c.startedAt,
        closedAt: c.closedAt,
      }),
    },
  });

  return router;
}
