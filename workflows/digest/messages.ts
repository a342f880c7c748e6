/**
 * What waits on an agency, and the morning digest that tells it: one email per agency at 07:30
 * (Asia/Ho_Chi_Minh) on working days, listing its pending items and which of them are overdue.
 * "Pending" is read from Temporal visibility: running workflows whose AwaitingAgency is the agency, so every
 * workflow type that sets the common search attributes (workflows/common/search-attributes.ts) takes part.
 */
import { z } from 'zod';
import { InstantSchema } from '../common/schema';
import { kindOfType } from '../common/cases';

const at = InstantSchema;

/** One case that waits on an agency. */
export const PendingItemSchema = z.object({
  workflowId: z.string(),
  workflowType: z.string(),
  /** What kind of case, in Vietnamese (e.g. "Dự toán kinh phí"). */
  kindLabel: z.string(),
  /** The case's title, from the workflow's memo. */
  title: z.string().optional(),
  /** Agency (or commune) that owns the case. */
  caseAgency: z.string().optional(),
  status: z.string().optional(),
  awaitingAgency: z.string(),
  /** Since when it waits on the agency: AwaitingSince when the workflow sets it, else the case's start. */
  since: at,
  dueAt: at.nullable(),
  /** The deadline's day falls in a year whose days off are not announced yet (counted by the law's days: tạm tính). */
  dueProvisional: z.boolean().optional(),
  /** The deadline has passed (at the moment the list was read). */
  overdue: z.boolean(),
  /** Where the case is read through the API, when its type has a route. */
  path: z.string().nullable(),
  /** The plan the case serves, when it names one (its field tells who decides it). */
  planCode: z.string().optional(),
});
export type PendingItem = z.infer<typeof PendingItemSchema>;

/** What waits on one agency: counts, and the items (overdue first, then by deadline), at most `MAX_LISTED`. */
export interface AgencyWork {
  agency: string;
  total: number;
  overdue: number;
  items: PendingItem[];
}

/** Items one digest email lists; the counts always cover everything. */
export const MAX_LISTED = 50;

export const DigestInputSchema = z.object({
  /** The local date (YYYY-MM-DD, Asia/Ho_Chi_Minh) the digest is for; default: the day the run starts. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
export type DigestInput = z.infer<typeof DigestInputSchema>;

/** The day a digest is for, as the calendar sees it. */
export interface DigestDay {
  date: string;
  workingDay: boolean;
  /** Name of the public holiday, when it is one. */
  holiday?: string;
  /** The moment "overdue" is judged at: the opening of office hours (07:30) on that date. */
  asOf: string;
}

export interface DigestResult {
  date: string;
  workingDay: boolean;
  holiday?: string;
  /** Agencies that were sent a digest, with what it listed. */
  sent: Array<{ agency: string; total: number; overdue: number }>;
  /** Agencies with pending items that turned the digest off. */
  optedOut: string[];
  /** Agencies whose digest could not be delivered (no address at all). */
  failed: string[];
}

export const DIGEST_WORKFLOW_TYPE = 'morningDigestWorkflow';
/** The schedule that starts the digest every morning; per task queue, like the inboxes. */
export const digestScheduleId = (taskQueue: string): string => `morning-digest:${taskQueue}`;
/** Stable per date and agency: a second run for the same date sends nothing twice. */
export const digestNoticeKey = (date: string, agency: string): string => `digest/${date}/${agency}`;

/** What "my work" calls a workflow type (workflows/common/cases.ts); a type that is not a case shows by its name. */
export function caseKindLabel(workflowType: string): string {
  const kind = kindOfType(workflowType);
  return kind ? (kind.workLabel ?? kind.label) : workflowType;
}
