/**
 * The audit read log: every read of the audit API (a search, a timeline, an export, the log itself) is a
 * signal to one workflow per day in Asia/Ho_Chi_Minh. The signal events in that workflow's history are the
 * log: durable as soon as the signal returns, kept by Temporal like every other history, and shown in the
 * Temporal UI as well as through `GET /api/v1/audit/reads`.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import { z } from 'zod';
import { ActorSchema } from '../common/actor';

/** What was read. */
export const AuditReadActions = ['search', 'timeline', 'timeline_csv', 'history', 'read_log'] as const;
export const AuditReadOutcomes = ['served', 'denied', 'not_found'] as const;

export const AuditReadSchema = z.object({
  /** When the read was asked for (ISO 8601, UTC). */
  at: z.string(),
  actor: ActorSchema,
  action: z.enum(AuditReadActions),
  /** The workflow read, or the day of the log read; absent for a search. */
  target: z.string().optional(),
  /** The search filters or the request's query parameters. */
  query: z.record(z.string(), z.string()).optional(),
  outcome: z.enum(AuditReadOutcomes),
  /** Results listed (search) or entries served (timeline, export). */
  count: z.number().int().optional(),
  /** Last hash of the digest chain of what was served, to check an export file against later. */
  head: z.string().optional(),
});
export type AuditRead = z.infer<typeof AuditReadSchema>;

export interface AuditReadLogInput {
  /** Local date (Asia/Ho_Chi_Minh) the run logs, YYYY-MM-DD. */
  day: string;
}

export const recordAuditReadSignal = defineSignal<[AuditRead]>('recordAuditRead');
/** How many reads this run has recorded. */
export const auditReadCountQuery = defineQuery<number>('auditReadCount');

export const AUDIT_READ_LOG_WORKFLOW_TYPE = 'auditReadLogWorkflow';
/** Day → workflow id; the one place this mapping lives. */
export const auditReadLogWorkflowId = (day: string): string => `audit-reads:${day}`;
