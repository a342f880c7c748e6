/**
 * Search across every workflow type, straight from Temporal's visibility (the search attributes every case
 * workflow keeps: CaseStatus, CaseAgency, AwaitingAgency, DueAt, Participants, PlanCode). No second database.
 */
import type { Client } from '@temporalio/client';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { z } from 'zod';
import { localTime } from '../../catalog/calendar';
import type { Directory } from '../../catalog/directory';
import { AwaitingAgency, CaseAgency, CaseStatus, DueAt, Participants, PlanCode } from '../../workflows/common/search-attributes';
import { HttpProblem } from '../problem';
import { listWorkflowPage } from '../pagination';
import { scopeClause, type AuditScope } from './access';
import { labelOf, statusLabels, workflowTypeLabels } from './labels';
import { quoteValue as quote } from '../../workflows/common/visibility-query';

const code = z.string().regex(/^[a-z0-9-]{1,64}$/, 'mã đơn vị gồm chữ thường, số và dấu gạch');
/** A local date (the whole day in Asia/Ho_Chi_Minh) or an exact ISO 8601 instant. */
const when = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/, 'ngày YYYY-MM-DD hoặc thời điểm ISO 8601 có múi giờ')
  .refine((v) => {
    const day = v.slice(0, 10);
    const parsed = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day && !Number.isNaN(Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v));
  }, 'ngày không tồn tại');

export const AuditSearchQuerySchema = z
  .object({
    type: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,99}$/, 'tên kiểu workflow').optional().describe('kiểu workflow, vd. budgetEstimateWorkflow'),
    agency: code.optional().describe('đơn vị chủ hồ sơ (CaseAgency)'),
    participant: code.optional().describe('đơn vị tham gia (Participants)'),
    status: z.string().regex(/^[a-z_]{1,64}$/, 'tên trạng thái').optional().describe('trạng thái (CaseStatus), vd. in_appraisal'),
    awaiting: code.optional().describe('đơn vị đang phải xử lý (AwaitingAgency)'),
    overdue: z.enum(['true', 'false']).optional().describe('true: đang mở và đã quá hạn; false: các hồ sơ còn lại'),
    open: z.enum(['true', 'false']).optional().describe('true: đang xử lý; false: đã kết thúc'),
    plan: z.string().regex(/^[\p{L}\p{N}/._ -]{1,100}$/u, 'mã kế hoạch').optional().describe('kế hoạch (PlanCode)'),
    startedFrom: when.optional().describe('bắt đầu từ (ngày theo giờ Việt Nam, hoặc thời điểm)'),
    startedTo: when.optional().describe('bắt đầu đến hết (ngày theo giờ Việt Nam, hoặc thời điểm)'),
    dueFrom: when.optional(),
    dueTo: when.optional(),
    closedFrom: when.optional(),
    closedTo: when.optional(),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    pageToken: z.string().max(4000).regex(/^[A-Za-z0-9_-]*$/, 'mã trang không hợp lệ').optional(),
  })
  .strict();
export type AuditSearchQuery = z.infer<typeof AuditSearchQuerySchema>;

export const AuditSearchItemSchema = z.object({
  workflowId: z.string(),
  runId: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  status: z.string().nullable(),
  statusLabel: z.string().nullable(),
  agency: z.string().nullable(),
  agencyName: z.string().nullable(),
  awaiting: z.string().nullable(),
  participants: z.array(z.string()),
  plan: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean().describe('đang mở và đã qua hạn'),
  executionStatus: z.string().describe('Running, Completed, Terminated...'),
  startedAt: z.string(),
  closedAt: z.string().nullable(),
  timeline: z.string().describe('đường dẫn tới dòng thời gian'),
});
export type AuditSearchItem = z.infer<typeof AuditSearchItemSchema>;

export const AuditSearchPageSchema = z.object({ items: z.array(AuditSearchItemSchema), nextPageToken: z.string().nullable() });

const DAY = 86_400_000;

/** The instant a bound stands for: a local date starts at 00:00 in Hà Nội; an end date takes the whole day. */
function instant(value: string, end: boolean): string {
  if (value.length !== 10) return new Date(value).toISOString();
  const start = localTime(value, 0).getTime();
  return new Date(end ? start + DAY - 1 : start).toISOString();
}

/** The visibility query for a search; throws 400 naming every range whose start is after its end. */
export function visibilityQuery(q: AuditSearchQuery, scope: AuditScope, now: Date): string {
  // Only case workflows carry a CaseStatus; the inboxes, digests and the audit log itself do not.
  const clauses = [`${CaseStatus.name} IS NOT NULL`];
  if (q.type) clauses.push(`WorkflowType = ${quote(q.type)}`);
  if (q.agency) clauses.push(`${CaseAgency.name} = ${quote(q.agency)}`);
  if (q.participant) clauses.push(`${Participants.name} = ${quote(q.participant)}`);
  if (q.status) clauses.push(`${CaseStatus.name} = ${quote(q.status)}`);
  if (q.awaiting) clauses.push(`${AwaitingAgency.name} = ${quote(q.awaiting)}`);
  if (q.plan) clauses.push(`${PlanCode.name} = ${quote(q.plan)}`);
  if (q.open === 'true') clauses.push(`ExecutionStatus = 'Running'`);
  if (q.open === 'false') clauses.push(`ExecutionStatus != 'Running'`);
  const nowIso = quote(now.toISOString());
  if (q.overdue === 'true') clauses.push(`ExecutionStatus = 'Running' AND ${DueAt.name} < ${nowIso}`);
  if (q.overdue === 'false') clauses.push(`(ExecutionStatus != 'Running' OR ${DueAt.name} IS NULL OR ${DueAt.name} >= ${nowIso})`);

  const problems: Array<{ field: string; message: string }> = [];
  const range = (field: string, from: string | undefined, to: string | undefined, name: string) => {
    const lo = from ? instant(from, false) : undefined;
    const hi = to ? instant(to, true) : undefined;
    if (lo && hi && lo > hi) problems.push({ field: `query.${name}From`, message: `${name}From phải trước ${name}To` });
    if (lo) clauses.push(`${field} >= ${quote(lo)}`);
    if (hi) clauses.push(`${field} <= ${quote(hi)}`);
  };
  range('StartTime', q.startedFrom, q.startedTo, 'started');
  range(DueAt.name, q.dueFrom, q.dueTo, 'due');
  range('CloseTime', q.closedFrom, q.closedTo, 'closed');
  if (problems.length) throw new HttpProblem(400, 'Khoảng thời gian không hợp lệ', problems);

  const scoped = scopeClause(scope);
  if (scoped) clauses.push(scoped);
  return clauses.join(' AND ');
}

const isoOf = (ts: Parameters<typeof optionalTsToMs>[0]): string | null => {
  const ms = optionalTsToMs(ts);
  return ms === undefined ? null : new Date(ms).toISOString();
};

const executionStatusName = (s: temporal.api.enums.v1.WorkflowExecutionStatus | null | undefined): string => {
  const name = s === null || s === undefined ? undefined : temporal.api.enums.v1.WorkflowExecutionStatus[s];
  return name ? name.replace('WORKFLOW_EXECUTION_STATUS_', '').toLowerCase().replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase()) : 'Unknown';
};

export async function searchWorkflows(
  client: Client,
  directory: Directory,
  q: AuditSearchQuery,
  scope: AuditScope,
  timelineUrl: (workflowId: string) => string,
): Promise<z.infer<typeof AuditSearchPageSchema>> {
  const now = new Date();
  const query = visibilityQuery(q, scope, now);
  // Page tokens carry a checksum: a forged one is a 400 here, not a 500 from Temporal (api/pagination.ts).
  const page = await listWorkflowPage(client, { query, pageSize: q.pageSize, pageToken: q.pageToken });
  const items = page.executions.map((e): AuditSearchItem => {
    const sa = decodeTypedSearchAttributes(e.searchAttributes?.indexedFields);
    const type = e.type?.name ?? '';
    const status = sa.get(CaseStatus) ?? null;
    const agency = sa.get(CaseAgency) ?? null;
    const dueAt = sa.get(DueAt)?.toISOString() ?? null;
    const executionStatus = executionStatusName(e.status);
    const workflowId = e.execution?.workflowId ?? '';
    return {
      workflowId,
      runId: e.execution?.runId ?? '',
      type,
      typeLabel: labelOf(workflowTypeLabels, type),
      status,
      statusLabel: status ? labelOf(statusLabels, status) : null,
      agency,
      agencyName: agency ? (directory.unit(agency)?.name ?? null) : null,
      awaiting: sa.get(AwaitingAgency) ?? null,
      participants: sa.get(Participants) ?? [],
      plan: sa.get(PlanCode) ?? null,
      dueAt,
      overdue: executionStatus === 'Running' && dueAt !== null && dueAt < now.toISOString(),
      executionStatus,
      startedAt: isoOf(e.startTime) ?? '',
      closedAt: isoOf(e.closeTime),
      timeline: timelineUrl(workflowId),
    };
  });
  return { items, nextPageToken: page.nextPageToken };
}
