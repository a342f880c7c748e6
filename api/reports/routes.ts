/**
 * The district's consolidated report over HTTP: the office starts it for a campaign, reads it, edits the
 * narrative; the leadership approves it (it then goes to the province) or returns it; the document of any
 * draft is downloaded here. Each action is a Temporal Update whose validator has the last word.
 */
import type { AuthoritySource } from '../authority/source';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { Router } from 'express';
import { z } from 'zod';
import type { DocumentStore } from '../../activities/document-store';
import type { Directory } from '../../catalog/directory';
import { formatVietnamDate } from '../../catalog/calendar';
import { documentReference, type Plan } from '../../catalog/plan';
import { campaignWorkflowId, getBoardQuery, type Board } from '../../workflows/campaign/messages';
import { reportActions } from '../../workflows/report/actions';
import {
  getReportQuery,
  REPORT_WORKFLOW_TYPE,
  ReportStateSchema,
  reportWorkflowId,
  StartReportBodySchema,
  type ReportPlan,
  type ReportState,
  type ReportStart,
} from '../../workflows/report/messages';
import { reportAccess } from '../access';
import { caseRoutes, versionedDocument } from '../case-routes';
import { currentActor } from '../auth';
import { API_PREFIX } from '../openapi';
import { HttpProblem } from '../problem';
import { defineRoute } from '../route';

export interface ReportRoutesDeps {
  client: Client;
  taskQueue: string;
  /** Issued plans (catalog/plans): the report takes its sections, signature and recipients from its plan. */
  plans: Plan[];
  /** Where the worker keeps the report's documents. */
  documents: DocumentStore;
  /** The drafting unit's abbreviation for the report's archive line ("Lưu: VT, VP"). */
  directory: Directory;
  /** Under which authority a leader approves (absent: leaders approve as leaders). */
  authority?: AuthoritySource;
}

const BASE = `${API_PREFIX}/reports`;
const tags = ['Báo cáo gửi cấp trên'];
const IdParams = z.object({ id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'mã báo cáo (mã đợt triển khai) không hợp lệ') });
const DocumentQuery = z.object({ draft: z.coerce.number().int().min(1).max(1000).optional().describe('lần dự thảo; mặc định lần mới nhất') }).strict();

/** Minutes between two looks at the assignments while reports are still owed, unless the office says otherwise. */
export const DEFAULT_CHECK_EVERY_MINUTES = 60;

/**
 * The plan as the report prints it: its basis, its signer, and as recipients the province (for report), the
 * leadership and the archive, whose line names the unit that drafts the report (the office) by its abbreviation.
 */
export function reportPlanOf(plan: Plan, directory: Directory): ReportPlan {
  const drafter = directory.unit(directory.parties.office)?.abbreviation;
  const above = directory.unit(directory.parties.above);
  const recipients = plan.recipients
    .filter((r) => r.forReport || r.units.includes(directory.parties.leadership) || r.archive)
    .map((r) => (r.archive && drafter && !r.text.includes(',') ? `${r.text}, ${drafter}` : r.text));
  return {
    id: plan.id,
    reference: documentReference(plan),
    title: plan.title,
    issued: plan.issued.text,
    issuer: { name: plan.issuer.name, shortName: plan.issuer.shortName ?? plan.issuer.name, province: plan.issuer.province },
    place: plan.place,
    sections: plan.content.sections.map((s) => ({ number: s.number, heading: s.heading, activities: s.activities.map((a) => a.code) })),
    signature: { ...(plan.signature.form ? { form: plan.signature.form } : {}), position: plan.signature.position, signer: plan.signature.signer },
    basis: plan.basis.map((b) => `${b.kind} số ${b.number}/${b.symbol} ngày ${formatVietnamDate(b.date)} của ${b.issuer} về ${b.subject}`),
    recipients: recipients.length ? recipients : [drafter ? `Lưu: VT, ${drafter}` : 'Lưu: VT'],
    ...(above ? { above: above.formalName ?? above.name } : {}),
  };
}

export function reportRoutes(registry: OpenAPIRegistry, deps: ReportRoutesDeps): Router {
  const router = Router();
  const { client, documents } = deps;
  defineRoute(router, registry, {
    method: 'post',
    path: BASE,
    summary: 'Lập báo cáo tổng hợp gửi cấp trên (UBND tỉnh, với một huyện hay một xã) cho một đợt triển khai (Văn phòng)',
    description:
      'Báo cáo được tổng hợp khi mọi báo cáo nhiệm vụ đã được chấp nhận, hoặc khi hết hạn báo cáo (mặc định: hạn báo cáo của đợt triển khai). ' +
      'Một hạn đã qua thì tổng hợp ngay với những báo cáo đã được chấp nhận.',
    tags,
    body: StartReportBodySchema,
    responses: { 201: { description: 'Đã bắt đầu; trạng thái ban đầu', schema: ReportStateSchema, headers: { Location: 'Địa chỉ báo cáo' } } },
    problems: [403, 404, 409],
    handler: async ({ body }, _req, res) => {
      const actor = currentActor(res);
      const { office, above } = deps.directory.parties;
      if (actor.role !== 'administrator' || actor.agency !== office) {
        throw new HttpProblem(403, `Chỉ ${deps.directory.unit(office)?.name ?? 'văn phòng'} mới được lập báo cáo gửi ${deps.directory.unit(above)?.name ?? 'cấp trên'}`);
      }
      let board: Board;
      try {
        board = await client.workflow.getHandle(campaignWorkflowId(body.campaignId)).query(getBoardQuery, {});
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw new HttpProblem(404, `Không có đợt triển khai ${body.campaignId}`);
        throw err;
      }
      const plan = deps.plans.find((p) => p.id === board.plan.id);
      if (!plan) throw new HttpProblem(409, `Không còn kế hoạch ${board.plan.id} trong danh mục kế hoạch`);
      const input: ReportStart = {
        campaignId: body.campaignId,
        plan: reportPlanOf(plan, deps.directory),
        reportDue: body.reportDue ?? board.deadlines.reportDue,
        checkEveryMinutes: body.checkEveryMinutes ?? DEFAULT_CHECK_EVERY_MINUTES,
        startedBy: actor,
        parties: deps.directory.parties,
      };
      const started = await client.workflow.start(REPORT_WORKFLOW_TYPE, {
        workflowId: reportWorkflowId(body.campaignId),
        taskQueue: deps.taskQueue,
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        memo: { title: `Báo cáo ${deps.directory.unit(above)?.shortName ?? 'cấp trên'}: ${plan.title}` },
      });
      res.status(201).location(`${BASE}/${body.campaignId}`);
      return started.query(getReportQuery);
    },
  });

  caseRoutes(router, registry, client, documents, {
    kind: 'report',
    tags,
    params: IdParams,
    query: getReportQuery,
    state: ReportStateSchema,
    access: reportAccess(deps.directory.parties),
    noun: 'báo cáo',
    stateNoun: 'báo cáo',
    read: { summary: 'Xem báo cáo: số liệu tổng hợp (mỗi số liệu kèm nguồn), các lần dự thảo, ý kiến, việc gửi cấp trên', description: 'Báo cáo' },
    actions: reportActions,
    ...(deps.authority ? { authority: { source: deps.authority, placeOf: (s: ReportState) => ({ plan: s.plan.id, agency: null }) } } : {}),
    // A report already sent reaches no workflow: it is closed (409), not missing.
    closedMessage: async () => `Báo cáo đã gửi ${deps.directory.unit(deps.directory.parties.above)?.shortName ?? 'cấp trên'}; không thể thay đổi`,
    documents: [
      versionedDocument({
        summary: 'Tải xuống tệp .docx của báo cáo (lần dự thảo mới nhất, hoặc lần đã chọn)',
        description: 'Tệp .docx',
        query: DocumentQuery,
        param: 'draft',
        versions: (state: ReportState) => state.drafts,
        missing: (draft) => (draft ? `Không có dự thảo lần ${draft}` : 'Báo cáo chưa có dự thảo'),
      }),
      {
        path: '/issued',
        summary: 'Tải xuống bản ban hành: dự thảo đã duyệt, với khối chữ ký theo thẩm quyền người duyệt (bản đã gửi cấp trên)',
        description: 'Tệp .docx',
        find: (state: ReportState) => ({ ref: state.issued?.document, missing: 'Báo cáo chưa được duyệt và ban hành' }),
      },
    ],
  });

  return router;
}
