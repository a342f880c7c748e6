/**
 * What waits on whom, read from Temporal visibility (no second store), and the activities of the morning
 * digest: which day it is for, what is pending per agency, and who wants the digest. "My work" in the API
 * reads through the same `listPendingWork`, so the page and the email cannot disagree.
 */
import type { Client } from '@temporalio/client';
import { localDate, localTime, OPENING_HOUR, OPENING_MINUTE, type WorkingCalendar } from '../catalog/calendar';
import { AwaitingAgency, AwaitingSince, CaseAgency, CaseStatus, DueAt } from '../workflows/common/search-attributes';
import { caseApiPath } from '../workflows/common/cases';
import { caseKindLabel, MAX_LISTED, type AgencyWork, type DigestDay, type PendingItem } from '../workflows/digest/messages';
import { inboxAccess, preferencesOf } from './notifications';
import { quoteValue as quote } from '../workflows/common/visibility-query';


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
    });
  }
  return { items: items.sort(byUrgency), truncated };
}

/** Items grouped per agency, with counts over all of them and at most `MAX_LISTED` listed. */
export function groupByAgency(items: PendingItem[]): AgencyWork[] {
  const groups = new Map<string, PendingItem[]>();
  for (const item of items) groups.set(item.awaitingAgency, [...(groups.get(item.awaitingAgency) ?? []), item]);
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([agency, list]) => {
      const sorted = [...list].sort(byUrgency);
      return { agency, total: sorted.length, overdue: sorted.filter((i) => i.overdue).length, items: sorted.slice(0, MAX_LISTED) };
    });
}

export function createDigestActivities(deps: { calendarNow: () => Promise<WorkingCalendar>; temporal?: Client }) {
  return {
    /** The local date the digest is for (the given one, else today in Asia/Ho_Chi_Minh) and whether it is a working day. */
    async digestDay(req: { date: string | null; at: string }): Promise<DigestDay> {
      const date = req.date ?? localDate(new Date(req.at));
      const calendar = await deps.calendarNow();
      const holiday = calendar.holidayName(date);
      return {
        date,
        workingDay: calendar.isWorkingDay(date),
        ...(holiday ? { holiday } : {}),
        asOf: localTime(date, OPENING_HOUR, OPENING_MINUTE).toISOString(),
      };
    },
    /** What waits on each agency of this deployment, read from visibility. */
    async pendingWorkByAgency(req: { asOf: string }): Promise<AgencyWork[]> {
      const access = inboxAccess(deps.temporal);
      const { items } = await listPendingWork(access.client, { taskQueue: access.taskQueue, asOf: new Date(req.asOf), limit: 100_000 });
      return groupByAgency(items);
    },
    /** Of the given agencies, those that have not turned the digest off. */
    async digestSubscribers(agencies: string[]): Promise<string[]> {
      const access = inboxAccess(deps.temporal);
      const wanted: string[] = [];
      for (let i = 0; i < agencies.length; i += 20) {
        const prefs = await Promise.all(agencies.slice(i, i + 20).map((a) => preferencesOf(access, a)));
        wanted.push(...prefs.filter((p) => p.digest).map((p) => p.agency));
      }
      return wanted;
    },
  };
}
