/**
 * The audit over HTTP (issue 5): search every workflow, read one workflow's timeline, export it (timeline as
 * JSON or CSV, the raw Temporal history as JSON, each with a SHA-256 digest chain), and read the log of
 * audit reads. Every read here, served or refused, is itself recorded in that log before anything is sent.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { Router, type Response } from 'express';
import { z } from 'zod';
import { localDate } from '../../catalog/calendar';
import type { Directory } from '../../catalog/directory';
import { documentReference, type Plan } from '../../catalog/plan';
import { formatPlanReference } from '../../workflows/common/plan-reference';
import type { AuditRead } from '../../workflows/audit-read-log/messages';
import { ExportHeaderSchema, HistoryDocumentSchema, historyJsonExport, timelineCsvExport, timelineJsonExport, type ExportSubject } from '../../audit/export-format';
import type { Actor } from '../../workflows/common/actor';
import { IsoDateSchema } from '../../workflows/common/schema';
import { CaseAgency, Participants } from '../../workflows/common/search-attributes';
import { currentActor } from '../auth';
import { API_PREFIX } from '../openapi';
import { HttpProblem, NOT_FOUND } from '../problem';
import { defineRoute } from '../route';
import { mayRead, readsTheReadLog, scopeOf } from './access';
import { AuditReadLog, RecordedReadSchema } from './read-log';
import { AuditSearchPageSchema, AuditSearchQuerySchema, searchWorkflows } from './search';
import { TIMELINE_CSV_COLUMNS, timelineCsvRow } from './timeline-csv';
import { buildTimeline, TimelineEntrySchema } from './timeline';

export interface AuditRoutesDeps {
  client: Client;
  directory: Directory;
  /** The issued plans, so a timeline names a plan by its title rather than its id. */
  plans?: Plan[];
  /** Task queue of the worker that runs the daily read-log workflow. */
  taskQueue: string;
}

const BASE = `${API_PREFIX}/audit`;

/** A case the caller may not read: answered exactly as a missing one (404), logged as refused. */
class HiddenCase extends HttpProblem {
  constructor() {
    super(404, NOT_FOUND);
  }
}
const tags = ['Kiểm tra, giám sát'];

const WorkflowParams = z.object({
  workflowId: z.string().regex(/^[\w:.@-]{1,200}$/, 'mã workflow không hợp lệ').describe('mã workflow, vd. budget:DT-2024-1A2B3C4D'),
});
const RunQuery = z
  .object({ runId: z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'runId là một UUID').optional().describe('lượt chạy; mặc định lượt mới nhất') })
  .strict();
const ReadsQuery = z
  .object({
    date: IsoDateSchema.optional().describe('ngày (giờ Việt Nam); mặc định hôm nay'),
    userId: z.string().regex(/^[a-z0-9-]{1,64}$/).optional().describe('chỉ các lần truy cập của người này'),
    target: z.string().regex(/^[\w:.@-]{1,200}$/).optional().describe('chỉ các lần truy cập hồ sơ này'),
  })
  .strict();

export const TimelineDocumentSchema = z.object({
  header: ExportHeaderSchema,
  headerHash: z.string(),
  entries: z.array(TimelineEntrySchema.extend({ hash: z.string().describe('mã băm SHA-256 theo chuỗi') })),
  head: z.string().describe('mã băm cuối của chuỗi; cũng được ghi trong nhật ký truy cập'),
});
const ReadLogSchema = z.object({ date: z.string(), items: z.array(RecordedReadSchema) });

/** Keeps what a request asked for, short enough for the log. */
const queryOf = (q: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(q)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v).slice(0, 200)]),
  );

const attachment = (res: Response, name: string): void => {
  res.setHeader('Content-Disposition', `attachment; filename="${name.replace(/[^\w.-]+/g, '_')}"`);
};

export function auditRoutes(registry: OpenAPIRegistry, deps: AuditRoutesDeps): Router {
  const router = Router();
  const { client, directory } = deps;
  const plans = new Map((deps.plans ?? []).map((p) => [p.id, `${p.title} (${formatPlanReference(documentReference(p))})`]));
  const planNameOf = (id: string): string | undefined => plans.get(id);
  const readLog = new AuditReadLog(client, deps.taskQueue);

  /**
   * Runs one audit read and records it: served reads after the answer is ready and before it is sent (if the
   * log cannot be written, nothing is sent); refused and missing ones before the problem goes out.
   */
  async function audited<T>(
    actor: Actor,
    read: Pick<AuditRead, 'action' | 'target' | 'query'>,
    work: () => Promise<{ value: T; count?: number; head?: string }>,
  ): Promise<T> {
    const at = new Date().toISOString();
    let result: { value: T; count?: number; head?: string };
    try {
      result = await work();
    } catch (err) {
      const status = err instanceof HttpProblem ? err.status : err instanceof WorkflowNotFoundError ? 404 : 0;
      if (status === 403 || status === 404) {
        // A case the caller may not read answers like a missing one, but the log says it was refused.
        const denied = status === 403 || err instanceof HiddenCase;
        await readLog.record({ at, actor, ...read, outcome: denied ? 'denied' : 'not_found' }).catch(() => undefined);
      }
      throw err;
    }
    try {
      await readLog.record({
        at,
        actor,
        ...read,
        outcome: 'served',
        ...(result.count !== undefined ? { count: result.count } : {}),
        ...(result.head ? { head: result.head } : {}),
      });
    } catch {
      throw new HttpProblem(503, 'Chưa ghi được nhật ký truy cập nên chưa thể trả dữ liệu; vui lòng thử lại');
    }
    return result.value;
  }

  /** Finds the run and checks the caller may read it; otherwise it does not exist for them (404). */
  async function readableRun(actor: Actor, workflowId: string, runId?: string) {
    const description = await client.workflow.getHandle(workflowId, runId).describe();
    const allowed = mayRead(scopeOf(actor, directory), {
      caseAgency: description.typedSearchAttributes.get(CaseAgency),
      participants: description.typedSearchAttributes.get(Participants),
    });
    if (!allowed) throw new HiddenCase();
    return description;
  }

  async function subjectOf(actor: Actor, workflowId: string, runId?: string): Promise<{ subject: ExportSubject; handle: ReturnType<Client['workflow']['getHandle']> }> {
    const description = await readableRun(actor, workflowId, runId);
    const handle = client.workflow.getHandle(workflowId, description.runId);
    return {
      handle,
      subject: { workflowId, runId: description.runId, workflowType: description.type, exportedAt: new Date().toISOString(), exportedBy: actor },
    };
  }

  async function timelineOf(actor: Actor, workflowId: string, runId?: string) {
    // The history is read while the access check describes the run, and used only once the check has passed.
    const early = client.workflow.getHandle(workflowId, runId).fetchHistory();
    early.catch(() => undefined); // a refused or missing case answers from the check; this read is dropped
    const { subject, handle } = await subjectOf(actor, workflowId, runId);
    let history = await early;
    // Without a run id, both reads name the latest run; should a new run have begun between them, read the
    // run that was checked (a run's start records its own id as the original one, unless it was a reset).
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    if (started?.originalExecutionRunId !== subject.runId) history = await handle.fetchHistory();
    const timeline = await buildTimeline(history, { converter: client.options.loadedDataConverter, directory, names: { plan: planNameOf } });
    return { subject, timeline };
  }

  defineRoute(router, registry, {
    method: 'get',
    path: `${BASE}/workflows`,
    summary: 'Tìm hồ sơ mọi loại (dự toán, kế hoạch, nhiệm vụ, báo cáo): theo loại, đơn vị, trạng thái, đơn vị phải xử lý, quá hạn, thời gian',
    description:
      'Lãnh đạo và cán bộ kiểm tra thấy mọi hồ sơ; một đơn vị thấy các hồ sơ mình tham gia; một xã, thị trấn chỉ thấy hồ sơ của mình. ' +
      'Ngày (YYYY-MM-DD) tính theo giờ Việt Nam. Mỗi lần tìm được ghi vào nhật ký truy cập.',
    tags,
    query: AuditSearchQuerySchema,
    responses: { 200: { description: 'Một trang kết quả', schema: AuditSearchPageSchema } },
    handler: async ({ query }, _req, res) => {
      const actor = currentActor(res);
      const { pageToken: _token, ...filters } = query;
      return audited(actor, { action: 'search', query: queryOf(filters) }, async () => {
        const page = await searchWorkflows(client, directory, query, scopeOf(actor, directory), (id) => `${BASE}/workflows/${encodeURIComponent(id)}/timeline`);
        return { value: page, count: page.items.length };
      });
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: `${BASE}/workflows/:workflowId/timeline`,
    summary: 'Dòng thời gian của một hồ sơ (JSON, có chuỗi mã băm SHA-256): ai làm gì, khi nào, thay đổi gì, nhắc hạn, thư đã gửi',
    description: 'Lấy từ lịch sử sự kiện của Temporal. Lưu tệp này và kiểm tra bằng `npm run -s audit:verify -- <tệp>`.',
    tags,
    params: WorkflowParams,
    query: RunQuery,
    responses: { 200: { description: 'Dòng thời gian', schema: TimelineDocumentSchema } },
    problems: [403, 404],
    handler: async ({ params, query }, _req, res) => {
      const actor = currentActor(res);
      const text = await audited(actor, { action: 'timeline', target: params.workflowId, query: queryOf(query) }, async () => {
        const { subject, timeline } = await timelineOf(actor, params.workflowId, query.runId);
        const built = timelineJsonExport(subject, timeline.entries);
        return { value: built.text, count: timeline.entries.length, head: built.head };
      });
      res.type('application/json').send(text);
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: `${BASE}/workflows/:workflowId/timeline.csv`,
    summary: 'Xuất dòng thời gian ra CSV (UTF-8, mở được bằng Excel), có chuỗi mã băm SHA-256',
    tags,
    params: WorkflowParams,
    query: RunQuery,
    responses: { 200: { description: 'Tệp CSV (text/csv)' } },
    problems: [403, 404],
    handler: async ({ params, query }, _req, res) => {
      const actor = currentActor(res);
      const text = await audited(actor, { action: 'timeline_csv', target: params.workflowId, query: queryOf(query) }, async () => {
        const { subject, timeline } = await timelineOf(actor, params.workflowId, query.runId);
        const built = timelineCsvExport(subject, TIMELINE_CSV_COLUMNS, timeline.entries.map(timelineCsvRow));
        return { value: built.text, count: timeline.entries.length, head: built.head };
      });
      attachment(res, `dong-thoi-gian-${params.workflowId}.csv`);
      res.type('text/csv; charset=utf-8').send(text);
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: `${BASE}/workflows/:workflowId/history`,
    summary: 'Xuất nguyên lịch sử Temporal (JSON), có chuỗi mã băm SHA-256; phát lại được bằng `npm run -s replay`',
    tags,
    params: WorkflowParams,
    query: RunQuery,
    responses: { 200: { description: 'Lịch sử', schema: HistoryDocumentSchema } },
    problems: [403, 404],
    handler: async ({ params, query }, _req, res) => {
      const actor = currentActor(res);
      const text = await audited(actor, { action: 'history', target: params.workflowId, query: queryOf(query) }, async () => {
        const { subject, handle } = await subjectOf(actor, params.workflowId, query.runId);
        const built = historyJsonExport(subject, await handle.fetchHistory());
        return { value: built.text, count: built.header.entryCount, head: built.head };
      });
      attachment(res, `lich-su-${params.workflowId}.json`);
      res.type('application/json').send(text);
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: `${BASE}/reads`,
    summary: 'Nhật ký truy cập kiểm tra: ai đã xem hoặc xuất hồ sơ nào, khi nào (lãnh đạo, cán bộ kiểm tra)',
    tags,
    query: ReadsQuery,
    responses: { 200: { description: 'Các lần truy cập trong ngày', schema: ReadLogSchema } },
    problems: [403],
    handler: async ({ query }, _req, res) => {
      const actor = currentActor(res);
      const date = query.date ?? localDate(new Date());
      return audited(actor, { action: 'read_log', target: date, query: queryOf(query) }, async () => {
        if (!readsTheReadLog(scopeOf(actor, directory))) throw new HttpProblem(403, 'Chỉ lãnh đạo và cán bộ kiểm tra được xem nhật ký truy cập');
        const items = (await readLog.day(date)).filter((r) => (!query.userId || r.actor.userId === query.userId) && (!query.target || r.target === query.target));
        return { value: { date, items }, count: items.length };
      });
    },
  });

  return router;
}
