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
import { assignmentActions } from '../../workflows/assignment/actions';
import { AssignmentStateSchema, AssignmentStatuses, getAssignmentQuery, type ReportInput } from '../../workflows/assignment/messages';
import type { Actor } from '../../workflows/common/actor';
import { AwaitingAgency, CampaignId, CaseAgency, CaseStatus, DueAt } from '../../workflows/common/search-attributes';
import { UnitCodeSchema } from '../../workflows/common/schema';
import { quoteValue as quote } from '../../workflows/common/visibility-query';
import { assignmentAccess } from '../access';
import { caseRoutes, listedId, PageQueryShape, whereEquals } from '../case-routes';
import { attachProblems } from '../documents/attach';
import { HttpProblem } from '../problem';
import type { Parties } from '../../workflows/common/agencies';

export interface AssignmentRoutesDeps {
  client: Client;
  documents: DocumentStore;
  /** The tenant's parties: the leadership and the office list every assignment. */
  parties: Parties;
}

const tags = ['Báo cáo kết quả nhiệm vụ'];

const campaignIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'mã đợt triển khai không hợp lệ');
const AssignmentParams = z.object({
  campaignId: campaignIdSchema,
  assignment: z
    .string()
    .regex(/^[1-9]\d{0,2}-[a-z0-9-]{1,64}$/, 'nhiệm vụ theo dạng <số mục>-<mã đơn vị>, ví dụ 1-bchqs')
    .describe('số mục tại phần III và mã đơn vị, ví dụ 1-bchqs'),
});
const DocumentParams = AssignmentParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 gồm 64 ký tự hex thường') });

export const AssignmentListQuerySchema = z
  .object({
    campaign: campaignIdSchema.optional().describe('mã đợt triển khai'),
    agency: UnitCodeSchema.optional().describe('đơn vị được giao nhiệm vụ'),
    status: z.enum(AssignmentStatuses).optional(),
    awaiting: UnitCodeSchema.optional().describe('đơn vị đang phải xử lý'),
    overdue: z.enum(['true', 'false']).optional().describe('chỉ nhiệm vụ đã quá hạn mà chưa có báo cáo (true) hoặc ngược lại (false)'),
    ...PageQueryShape,
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


/** An assignment's business id `<campaignId>:<number>-<agency>` → the two parts of its address. */
function addressOf(id: string): { campaignId: string; assignment: string } {
  const cut = id.lastIndexOf(':');
  return { campaignId: id.slice(0, cut), assignment: id.slice(cut + 1) };
}

export function assignmentRoutes(registry: OpenAPIRegistry, deps: AssignmentRoutesDeps): Router {
  const router = Router();
  const { client, documents } = deps;

  /** Attached documents must be ones the agency uploaded, as uploaded; anything else is answered alike. */
  async function checkDocuments(report: ReportInput, actor: Actor): Promise<void> {
    const problems = await attachProblems(documents, actor, (report.documents ?? []).map((ref, i) => ({ ref, field: `body.documents.${i}` })));
    if (problems.length) throw new HttpProblem(400, 'Tài liệu kèm theo không hợp lệ', problems);
  }

  caseRoutes(router, registry, client, documents, {
    kind: 'assignment',
    tags,
    one: '/:campaignId/:assignment',
    params: AssignmentParams,
    // The address is the business id `<campaignId>:<number>-<agency>` with its `:` as `/` (workflows/common/cases.ts).
    idOf: (p) => `${p.campaignId}:${p.assignment}`,
    query: getAssignmentQuery,
    state: AssignmentStateSchema,
    access: assignmentAccess(deps.parties),
    noun: 'nhiệm vụ',
    stateNoun: 'nhiệm vụ',
    read: { summary: 'Xem một nhiệm vụ: mọi phiên bản báo cáo, ý kiến trả lại, chấp nhận, hạn', description: 'Hồ sơ nhiệm vụ' },
    actions: assignmentActions,
    precheck: { 'submit-report': (body: ReportInput, actor) => checkDocuments(body, actor) },
    closedMessage: async (h) => {
      const closed = await h.query(getAssignmentQuery).catch(() => undefined);
      return `Nhiệm vụ đã kết thúc${closed ? ` (${closed.status})` : ''}; không thể thay đổi`;
    },
    list: {
      summary: 'Danh sách nhiệm vụ và báo cáo (lọc theo đợt, đơn vị, trạng thái, đơn vị đang xử lý, quá hạn)',
      query: AssignmentListQuerySchema,
      item: AssignmentListItemSchema,
      filters: (query) => {
        const owing = `${CaseStatus.name} IN ('awaiting_report', 'returned')`;
        const now = quote(new Date().toISOString());
        return [
          ...whereEquals(CampaignId, query.campaign),
          ...whereEquals(CaseAgency, query.agency),
          ...whereEquals(CaseStatus, query.status),
          ...whereEquals(AwaitingAgency, query.awaiting),
          ...(query.overdue === 'true' ? [`${DueAt.name} < ${now} AND ${owing}`] : []),
          ...(query.overdue === 'false' ? [`(${DueAt.name} >= ${now} OR ${DueAt.name} IS NULL OR ${CaseStatus.name} NOT IN ('awaiting_report', 'returned'))`] : []),
        ];
      },
      itemOf: (c) => ({
        ...addressOf(listedId('assignment', c)),
        ...(c.agency ? { agency: c.agency } : {}),
        ...(c.status ? { status: c.status } : {}),
        awaiting: c.awaiting,
        dueAt: c.dueAt,
        startedAt: c.startedAt,
        closedAt: c.closedAt,
      }),
    },
    documents: [
      {
        path: '/documents/:sha256',
        summary: 'Tải xuống tài liệu kèm theo một báo cáo của nhiệm vụ',
        description: 'Nội dung tệp, với kiểu và tên tệp đã lưu',
        params: DocumentParams,
        find: (state, { params }) => ({
          ref: state.reports.flatMap((r) => r.documents).find((d) => d.sha256 === (params as z.infer<typeof DocumentParams>).sha256),
          missing: 'Báo cáo của nhiệm vụ này không kèm tài liệu đó',
        }),
      },
    ],
  });

  return router;
}
