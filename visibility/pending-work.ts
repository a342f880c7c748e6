/**
 * What waits on whom, read from Temporal visibility (no second store): every running case whose AwaitingAgency
 * is set, with its kind, deadline and API path. Read by "my work" in the API and by the morning digest's
 * activity, so the page and the email cannot disagree.
 */
import type { Client } from '@temporalio/client';
import { caseApiPath } from '../workflows/common/cases';
import { AwaitingAgency, AwaitingSince, CaseAgency, CaseStatus, DueAt, PlanCode } from '../workflows/common/search-attributes';
import { quoteValue as quote } from '../workflows/common/visibility-query';
import { caseKindLabel, type PendingItem } from '../workflows/digest/messages';

export interface PendingWorkQuery {
  /** The deployment's task queue: only its workflows count. */
  taskQueue: string;
  /** One agency; every agency when absent. */
  agency?: string;
  /** The moment "overdue" is judged at. */
  asOf: Date;
  /** At most this many items (default 5,000). */
  limit?: number;
}

/** Overdue first, then by deadline (none last), then oldest first. */
export function byUrgency(a: PendingItem, b: PendingItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.dueAt !== b.dueAt) return a.dueAt === null ? 1 : b.dueAt === null ? -1 : a.dueAt < b.dueAt ? -1 : 1;
  return a.since < b.since ? -1 : a.since > b.since ? 1 : a.workflowId < b.workflowId ? -1 : 1;
}

/** Every running workflow that waits on an agency (or on the given one), most urgent first. */
export async function listPendingWork(client: Client, q: PendingWorkQuery): Promise<{ items: PendingItem[]; truncated: boolean }> {
  const clauses = [`TaskQueue = ${quote(q.taskQueue)}`, `ExecutionStatus = 'Running'`];
  clauses.push(q.agency ? `${AwaitingAgency.name} = ${quote(q.agency)}` : `${AwaitingAgency.name} IS NOT NULL`);
  const limit = q.limit ?? 5_000;
  const items: PendingItem[] = [];
  let truncated = false;
  for await (const e of client.workflow.list({ query: clauses.join(' AND '), pageSize: 1_000 })) {
    if (items.length >= limit) {
      truncated = true;
      break;
    }
    const sa = e.typedSearchAttributes;
    const awaitingAgency = sa.get(AwaitingAgency);
    if (!awaitingAgency) continue;
    const dueAt = sa.get(DueAt) ?? null;
    const title = e.memo?.title;
    items.push({
      workflowId: e.workflowId,
      workflowType: e.type,
      kindLabel: caseKindLabel(e.type),
      ...(typeof title === 'string' ? { title } : {}),
      ...(sa.get(CaseAgency) ? { caseAgency: sa.get(CaseAgency)! } : {}),
      ...(sa.get(CaseStatus) ? { status: sa.get(CaseStatus)! } : {}),
      awaitingAgency,
      since: (sa.get(AwaitingSince) ?? e.startTime).toISOString(),
      dueAt: dueAt ? dueAt.toISOString() : null,
      overdue: dueAt !== null && dueAt.getTime() < q.asOf.getTime(),
      path: caseApiPath(e.workflowId),
      ...(sa.get(PlanCode) ? { planCode: sa.get(PlanCode)! } : {}),
    });
  }
  return { items: items.sort(byUrgency), truncated };
}
