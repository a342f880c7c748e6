/**
 * The communes' own plans over HTTP: list, read, download the submitted file, and one route per action, each a
 * Temporal Update whose validator has the last word (a commune officer acts on their own commune only; the
 * reviewing agency accepts or returns; the leadership grants more time or refuses). Reading and downloading
 * follow the same rule: the commune itself, the reviewing agency, the leadership and the office, the auditors.
 */
import type { AuthoritySource } from '../authority/source';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import type { DocumentStore } from '../../activities/document-store';
import type { WorkingCalendar } from '../../catalog/calendar';
import type { Actor } from '../../workflows/common/actor';
import { CampaignId, CaseAgency, CaseStatus, DueAt } from '../../workflows/common/search-attributes';
import { SlugSchema, UnitCodeSchema } from '../../workflows/common/schema';
import { quoteValue as quote } from '../../workflows/common/visibility-query';
import { communePlanActions } from '../../workflows/commune-plan/actions';
import {
  CommunePlanIdSchema,
  CommunePlanStateSchema,
  CommunePlanStatuses,
  getCommunePlanQuery,
  type CommunePlanState,
  type ExtensionRequestInput,
  type GrantExtensionInput,
  type SubmissionInput,
} from '../../workflows/commune-plan/messages';
import { communePlanAccess } from '../access';
import { caseRoutes, listedId, PageQueryShape, versionedDocument, whereEquals } from '../case-routes';
import { attachProblems } from '../documents/attach';
import { HttpProblem } from '../problem';

export interface CommunePlanRoutesDeps {
  client: Client;
  documents: DocumentStore;
  /** The calendar as it stands now (the holidays file and the schedules the office recorded). */
  calendarNow: () => Promise<WorkingCalendar>;
  /** Under which authority a leader decides on more time (absent: leaders decide as leaders). */
  authority?: AuthoritySource;
}

const tags = ['Triển khai kế hoạch và kế hoạch của các xã'];
const IdParams = z.object({ id: CommunePlanIdSchema.describe('<mã đợt triển khai>.<mã xã>, ví dụ bac-son-70-nam-dien-bien-phu.xa-long-dong') });

export const CommunePlanListQuerySchema = z
  .object({
    campaign: SlugSchema.optional().describe('mã đợt triển khai'),
    commune: UnitCodeSchema.optional().describe('mã xã, thị trấn'),
    status: z.enum(CommunePlanStatuses).optional(),
    overdue: z.enum(['true', 'false']).optional().describe('chỉ các xã đã quá hạn mà chưa có kế hoạch (true) hoặc ngược lại (false)'),
    ...PageQueryShape,
  })
  .strict();

export const CommunePlanListItemSchema = z.object({
  id: z.string(),
  campaignId: z.string().optional(),
  commune: z.string().optional(),
  status: z.string().optional(),
  awaiting: z.string().nullable(),
  dueAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});

const DocumentQuery = z.object({ version: z.coerce.number().int().min(1).optional().describe('lần gửi; mặc định lần gần nhất') }).strict();


export function communePlanRoutes(registry: OpenAPIRegistry, deps: CommunePlanRoutesDeps): Router {
  const router = Router();
  const { client, documents, calendarNow } = deps;

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

  caseRoutes(router, registry, client, documents, {
    kind: 'communePlan',
    tags,
    params: IdParams,
    query: getCommunePlanQuery,
    state: CommunePlanStateSchema,
    access: communePlanAccess(),
    noun: 'kế hoạch của xã',
    stateNoun: 'kế hoạch',
    read: { summary: 'Xem kế hoạch của một xã: các lần gửi, ý kiến xem xét, đề nghị gia hạn, hạn', description: 'Hồ sơ kế hoạch của xã' },
    actions: communePlanActions,
    // A campaign's id is its plan's.
    ...(deps.authority ? { authority: { source: deps.authority, placeOf: (s: CommunePlanState) => ({ plan: s.campaignId, agency: s.commune.code }) } } : {}),
    precheck: {
      submit: (b: SubmissionInput, actor) => checkDocument(b, actor),
      'request-extension': (b: ExtensionRequestInput) => checkWorkingDay(b.requestedDate, 'body.requestedDate'),
      'grant-extension': (b: GrantExtensionInput) => checkWorkingDay(b.dueDate, 'body.dueDate'),
    },
    closedMessage: async () => 'Kế hoạch của xã đã được chấp nhận; hồ sơ đã kết thúc, không thể thay đổi',
    list: {
      summary: 'Danh sách kế hoạch của các xã (lọc theo đợt, xã, trạng thái, quá hạn)',
      description: 'Công chức xã chỉ thấy kế hoạch của xã mình.',
      query: CommunePlanListQuerySchema,
      item: CommunePlanListItemSchema,
      filters: (query) => {
        const owing = `${CaseStatus.name} IN ('awaiting_submission', 'returned')`;
        const now = quote(new Date().toISOString());
        return [
          ...whereEquals(CampaignId, query.campaign),
          ...whereEquals(CaseAgency, query.commune),
          ...whereEquals(CaseStatus, query.status),
          ...(query.overdue === 'true' ? [`${DueAt.name} < ${now} AND ${owing}`] : []),
          ...(query.overdue === 'false' ? [`(${DueAt.name} >= ${now} OR ${DueAt.name} IS NULL)`] : []),
        ];
      },
      itemOf: (c) => ({
        id: listedId('communePlan', c),
        ...(c.campaignId ? { campaignId: c.campaignId } : {}),
        ...(c.agency ? { commune: c.agency } : {}),
        ...(c.status ? { status: c.status } : {}),
        awaiting: c.awaiting,
        dueAt: c.dueAt,
        closedAt: c.closedAt,
      }),
    },
    documents: [
      versionedDocument({
        summary: 'Tải xuống tệp kế hoạch xã đã gửi (lần gần nhất, hoặc lần được chỉ định)',
        description: 'Nội dung tệp, với kiểu và tên tệp đã lưu',
        query: DocumentQuery,
        param: 'version',
        versions: (state: CommunePlanState) => state.submissions,
        missing: (version) => (version ? `Xã chưa gửi kế hoạch lần ${version}` : 'Xã chưa gửi kế hoạch'),
        gone: 'Tệp kế hoạch không còn trong kho tài liệu',
      }),
    ],
  });

  return router;
}
