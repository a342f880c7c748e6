/**
 * The activities of the morning digest: which day it is for, what is pending per agency, and who wants the
 * digest. What is pending is read through `listPendingWork` (visibility/pending-work.ts), as "my work" in the
 * API reads it, so the page and the email cannot disagree.
 */
import type { Client } from '@temporalio/client';
import { localDate, localTime, OPENING_HOUR, OPENING_MINUTE, type WorkingCalendar } from '../catalog/calendar';
import { byUrgency, listPendingWork } from '../visibility/pending-work';
import { MAX_LISTED, type AgencyWork, type DigestDay, type PendingItem } from '../workflows/digest/messages';
import { inboxAccess, preferencesOf } from './notifications';


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
