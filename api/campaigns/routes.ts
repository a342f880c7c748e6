/**
 * Plan campaigns over HTTP: the office starts one for an issued plan with its deadlines; everyone reads its
 * board (a commune officer only their own commune's line). The campaign workflow answers the board itself.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { Router } from 'express';
import { z } from 'zod';
import { formatVietnamDate, localDate, WorkingCalendar } from '../../catalog/calendar';
import { isRequestedKind, type Directory } from '../../catalog/directory';
import { ALL_AGENCIES, COMMUNES, documentReference, type Plan } from '../../catalog/plan';
import { checkPlanAgainstDirectory, resolveTarget } from '../../catalog/plan-fit';
import { loadPlans } from '../../catalog/plan-files';
import { campaignTaskQueueOf, type Config } from '../../config/env';
import {
  BoardFilterSchema,
  BoardSchema,
  type Board,
  CAMPAIGN_WORKFLOW_TYPE,
  CampaignScaleSchema,
  campaignWorkflowId,
  getBoardQuery,
  type BoardRequest,
  MAX_COMMUNES,
  StartCampaignBodySchema,
  type CampaignScale,
  type CampaignSpec,
  type CampaignStart,
  type StartCampaignBody,
} from '../../workflows/campaign/messages';
import { markProvisional } from '../../workflows/campaign/board';
import { boardCache } from './board-cache';

const BOARD_PAGE_DEFAULT = 200;
/** The board's filters and a page of communes; the page token is the commune a page ended on. */
export const BoardPageQuerySchema = BoardFilterSchema.extend({
  pageSize: z.coerce.number().int().min(1).max(1000).default(BOARD_PAGE_DEFAULT).describe('số xã tối đa mỗi trang'),
  pageToken: z.string().regex(/^[a-z0-9-]{1,64}$/, 'mã trang không hợp lệ').optional().describe('giá trị nextPageToken của trang trước'),
}).strict();
import type { Actor } from '../../workflows/common/actor';
import type { FieldProblem } from '../../workflows/common/refusal';
import type { CommunePlanPolicy } from '../../workflows/commune-plan/messages';
import { currentActor } from '../auth';
import { API_PREFIX } from '../openapi';
import { HttpProblem } from '../problem';
import { defineRoute } from '../route';

/** What campaigns and commune plans need besides Temporal and the directory. */
export interface CampaignSettings {
  /** Issued plans that campaigns can be started for (catalog/plans). */
  plans: Plan[];
  /** Working days: deadlines must fall on one. */
  calendar: WorkingCalendar;
  /** Reviewer, reminder, escalation and resubmission of commune plans. */
  policy: CommunePlanPolicy;
  /** Batching and continue-as-new thresholds; the schema's defaults when absent. */
  scale?: Partial<CampaignScale>;
  /** The queue campaigns run on, polled by a Worker of their own (CAMPAIGN_TASK_QUEUE); the API's task queue when absent. */
  campaignTaskQueue?: string;
  /** How long a board read from a campaign is served again (api/campaigns/board-cache.ts); 0 or absent: every read asks. */
  boardMaxAgeMs?: number;
}

/** The settings the configuration describes (files read now); the reviewer is the directory's unless configured. */
export function campaignSettingsOf(config: Config, directory: Directory): CampaignSettings {
  return {
    plans: loadPlans(config.PLANS_DIR),
    calendar: WorkingCalendar.fromFile(config.HOLIDAYS_FILE),
    campaignTaskQueue: campaignTaskQueueOf(config),
    boardMaxAgeMs: config.BOARD_MAX_AGE_MS,
    policy: {
      reviewerAgency: config.COMMUNE_PLAN_REVIEWER_AGENCY ?? directory.data.parties.reviewer,
      reminderBefore: config.REMINDER_WORKING_DAYS_BEFORE,
      escalateAfter: config.COMMUNE_PLAN_ESCALATE_AFTER_DAYS,
      resubmitDays: config.COMMUNE_PLAN_RESUBMIT_DAYS,
    },
  };
}

export interface CampaignRoutesDeps extends CampaignSettings {
  client: Client;
  directory: Directory;
  taskQueue: string;
  /** The calendar as it stands now: `calendar` with the schedules the office recorded since. */
  calendarNow: () => Promise<WorkingCalendar>;
}

const BASE = `${API_PREFIX}/campaigns`;
const tags = ['Triển khai kế hoạch và kế hoạch của các xã'];
const IdParams = z.object({ id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'mã đợt triển khai (mã kế hoạch) không hợp lệ') });

/** Checks the deadlines: real days, after today, working days. Every bad field at once. */
export function deadlineProblems(calendar: WorkingCalendar, fields: Array<{ field: string; date: string }>, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const { field, date } of fields) {
    if (date <= today) problems.push({ field, message: `phải sau hôm nay (${formatVietnamDate(today)})` });
    else {
      const reason = calendar.nonWorkingReason(date);
      if (reason) problems.push({ field, message: reason });
    }
  }
  return problems;
}

/**
 * The item addressed to every agency and socio-political organisation (III.13, "Các cơ quan, đơn vị; các tổ
 * chức chính trị - xã hội huyện"): each unit it stands for that the plan names in no other item reports on it,
 * so none is left out; a unit named elsewhere reports there. The office is not among them: it compiles the
 * report the others feed. The Fatherland Front and the mass organisations are requested, not directed,
 * whatever the item's own mode.
 */
export function allAgenciesAssignments(plan: Plan, directory: Directory): CampaignSpec['assignments'] {
  const named = new Set(plan.implementation.assignments.map((a) => a.agency));
  return plan.implementation.assignments
    .filter((a) => a.agency === ALL_AGENCIES)
    .flatMap((item) =>
      resolveTarget(ALL_AGENCIES, directory)
        .filter((code) => !named.has(code) && directory.unit(code)?.kind !== 'office')
        .map((code) => ({
          number: item.number,
          agency: code,
          mode: isRequestedKind(directory.unit(code)?.kind) ? ('requested' as const) : ('directed' as const),
          tasks: item.tasks,
          activities: item.activities,
        })),
    );
}

/** The campaign's input from the plan file and the directory: what the workflow may not read itself. */
export function campaignSpecOf(plan: Plan, directory: Directory, body: StartCampaignBody, policy: CommunePlanPolicy, scale: CampaignScale, startedBy: Actor): CampaignSpec {
  // A plan with no item addressed to the communes (a commune's own plan, to its offices) starts no commune plan.
  const communeItem = plan.implementation.assignments.find((a) => a.agency === COMMUNES);
  const communes = communeItem ? resolveTarget(COMMUNES, directory).map((code) => ({ code, name: directory.unit(code)!.name })) : [];
  if (communeItem && (!communes.length || communes.length > MAX_COMMUNES)) {
    throw new HttpProblem(409, `Một đợt triển khai gồm từ 1 đến ${MAX_COMMUNES} xã, thị trấn; danh bạ có ${communes.length}`);
  }
  return {
    id: plan.id,
    plan: {
      id: plan.id,
      reference: documentReference(plan),
      title: plan.title,
      issued: plan.issued.text,
      signature: { ...(plan.signature.form ? { form: plan.signature.form } : {}), position: plan.signature.position, signer: plan.signature.signer },
    },
    ...(communeItem ? { communeAssignment: { number: communeItem.number, mode: communeItem.mode, tasks: communeItem.tasks } } : {}),
    assignments: [
      ...plan.implementation.assignments
        .filter((a) => a.agency !== COMMUNES && a.agency !== ALL_AGENCIES)
        .map((a) => ({ number: a.number, agency: a.agency, mode: a.mode, ...(a.role ? { role: a.role } : {}), tasks: a.tasks, activities: a.activities })),
      ...allAgenciesAssignments(plan, directory),
    ],
    communes,
    deadlines: { ...(communeItem ? { communePlanDue: body.communePlanDue } : {}), reportDue: body.reportDue },
    policy,
    scale,
    startedBy,
    parties: directory.parties,
  };
}

export function campaignRoutes(registry: OpenAPIRegistry, deps: CampaignRoutesDeps): Router {
  const router = Router();
  const { client, directory, calendarNow } = deps;
  /** Whether a date rests on computed days off, by the calendar as it stands now. */
  const provisionalOf = async (): Promise<(date: string) => boolean> => {
    const calendar = await calendarNow();
    return (date) => calendar.isProvisional(date);
  };
  const scale = CampaignScaleSchema.parse(deps.scale ?? {});
  const boards = boardCache<Board>({ maxAgeMs: deps.boardMaxAgeMs ?? 0 });

  defineRoute(router, registry, {
    method: 'post',
    path: BASE,
    summary: 'Triển khai một kế hoạch đã ban hành: mỗi xã một hồ sơ kế hoạch, mỗi nhiệm vụ một hồ sơ báo cáo (Văn phòng)',
    description:
      'Mã đợt triển khai là mã kế hoạch: mỗi kế hoạch chỉ triển khai một lần. Hạn phải là ngày làm việc sau hôm nay. ' +
      'Mục "UBND các xã, thị trấn" tạo một hồ sơ cho mỗi xã (khi đó phải có hạn các xã gửi kế hoạch); mục "Các cơ quan, đơn vị" không tạo hồ sơ riêng.',
    tags,
    body: StartCampaignBodySchema,
    responses: { 201: { description: 'Đã triển khai; bảng theo dõi ban đầu', schema: BoardSchema, headers: { Location: 'Địa chỉ bảng theo dõi' } } },
    problems: [403, 409],
    handler: async ({ body }, _req, res) => {
      const actor = currentActor(res);
      if (actor.role !== 'administrator' || actor.agency !== directory.parties.office) {
        throw new HttpProblem(403, `Chỉ ${directory.unit(directory.parties.office)?.name ?? 'văn phòng'} mới được triển khai kế hoạch`);
      }
      const plan = deps.plans.find((p) => p.id === body.planId);
      const problems: FieldProblem[] = plan ? [] : [{ field: 'body.planId', message: `không có kế hoạch ${body.planId}` }];
      const toCommunes = plan?.implementation.assignments.some((a) => a.agency === COMMUNES) ?? false;
      if (plan && toCommunes && !body.communePlanDue) problems.push({ field: 'body.communePlanDue', message: 'bắt buộc: kế hoạch giao nhiệm vụ cho các xã' });
      if (plan && !toCommunes && body.communePlanDue) problems.push({ field: 'body.communePlanDue', message: 'kế hoạch không giao nhiệm vụ cho các xã: không có hạn gửi kế hoạch của xã' });
      const deadlines = [
        ...(body.communePlanDue ? [{ field: 'body.communePlanDue', date: body.communePlanDue }] : []),
        { field: 'body.reportDue', date: body.reportDue },
      ];
      problems.push(...deadlineProblems(await calendarNow(), deadlines, localDate(new Date())));
      if (problems.length || !plan) throw new HttpProblem(400, 'Dữ liệu không hợp lệ', problems);
      const misfits = checkPlanAgainstDirectory(plan, directory);
      if (misfits.length) throw new HttpProblem(409, `Kế hoạch không khớp danh bạ: ${misfits.map((m) => `${m.path}: ${m.message}`).join('; ')}`);
      // On a queue of its own, the campaign starts its children on the service's queue.
      const ownQueue = deps.campaignTaskQueue && deps.campaignTaskQueue !== deps.taskQueue ? deps.campaignTaskQueue : undefined;
      const spec = { ...campaignSpecOf(plan, directory, body, deps.policy, scale, actor), ...(ownQueue ? { childTaskQueue: deps.taskQueue } : {}) };
      const start: CampaignStart = { spec };
      const handle = await client.workflow.start(CAMPAIGN_WORKFLOW_TYPE, {
        workflowId: campaignWorkflowId(spec.id),
        taskQueue: ownQueue ?? deps.taskQueue,
        args: [start],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        // The workflow indexes itself (status, plan, deadline, participants) in its first task.
        memo: { title: `Triển khai ${spec.plan.title}` },
      });
      res.status(201).location(`${BASE}/${spec.id}/board`);
      const first = await handle.query(getBoardQuery, { limit: BOARD_PAGE_DEFAULT });
      return markProvisional({ ...first, readAt: new Date().toISOString() }, await provisionalOf());
    },
  });

  // The campaign is its board: both addresses answer it (links to a case use the first). A national campaign
  // has thousands of lines, so the board answers a page of them; the totals always count every commune.
  for (const path of [`${BASE}/:id`, `${BASE}/:id/board`]) {
    defineRoute(router, registry, {
      method: 'get',
      path,
      summary: 'Bảng theo dõi: từng xã (trạng thái, hạn, số ngày làm việc chậm), tổng hợp, các xã quá hạn',
      description:
        'Công chức xã chỉ thấy dòng của xã mình. Số ngày chậm tính theo ngày làm việc, chính xác đến thời điểm asOf. ' +
        'Bảng được đọc từ đợt triển khai lúc readAt và có thể được trả lại trong ít giây (BOARD_MAX_AGE_MS) mà không đọc lại.',
      tags,
      params: IdParams,
      query: BoardPageQuerySchema,
      responses: { 200: { description: 'Bảng theo dõi (một trang các xã; tổng hợp tính trên mọi xã)', schema: BoardSchema } },
      problems: [404],
      handler: async ({ params, query }, _req, res) => {
        const actor = currentActor(res);
        // A commune officer sees their own commune's line (and the totals), never another commune's.
        const { pageSize, pageToken, ...filter } = query;
        const request: BoardRequest = { ...filter, ...(actor.role === 'commune_officer' ? { commune: actor.agency } : {}), limit: pageSize, ...(pageToken ? { after: pageToken } : {}) };
        const { board, readAt } = await boards.get(`${params.id}\n${JSON.stringify(request)}`, () =>
          client.workflow.getHandle(campaignWorkflowId(params.id)).query(getBoardQuery, request),
        );
        return markProvisional({ ...board, readAt: readAt.toISOString() }, await provisionalOf());
      },
    });
  }

  return router;
}
