/**
 * Records and reads the audit read log (workflows/audit-read-log): one signal per read to the day's workflow, started
 * on demand by signal-with-start, and the day read back from the signal events of its runs' histories.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow/codec-helpers';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import { z } from 'zod';
import { localDate } from '../../catalog/calendar';
import {
  AUDIT_READ_LOG_WORKFLOW_TYPE,
  auditReadLogWorkflowId,
  AuditReadSchema,
  recordAuditReadSignal,
  type AuditRead,
  type AuditReadLogInput,
} from '../../workflows/audit-read-log/messages';
import { vietnamTime } from './timeline';

export const RecordedReadSchema = AuditReadSchema.extend({
  recordedAt: z.string().describe('khi máy chủ Temporal ghi nhận (ISO 8601 UTC)'),
  time: z.string().describe('giờ Việt Nam của lần truy cập'),
});
export type RecordedRead = z.infer<typeof RecordedReadSchema>;

export class AuditReadLog {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  /** Returns once Temporal has stored the read in the history of its day's workflow. */
  async record(read: AuditRead): Promise<void> {
    const day = localDate(new Date(read.at));
    const input: AuditReadLogInput = { day };
    await this.client.workflow.signalWithStart(AUDIT_READ_LOG_WORKFLOW_TYPE, {
      workflowId: auditReadLogWorkflowId(day),
      taskQueue: this.taskQueue,
      args: [input],
      signal: recordAuditReadSignal,
      signalArgs: [read],
    });
  }

  /** Every read recorded for a local date, oldest first. */
  async day(date: string): Promise<RecordedRead[]> {
    const workflowId = auditReadLogWorkflowId(date);
    const runIds = new Set<string>();
    // Closed runs come from visibility; the latest run from describe(), which visibility may not show yet.
    const listed = await this.client.workflowService.listWorkflowExecutions({
      namespace: this.client.options.namespace,
      query: `WorkflowId = '${workflowId}'`,
      pageSize: 1000,
    });
    for (const e of listed.executions ?? []) if (e.execution?.runId) runIds.add(e.execution.runId);
    try {
      runIds.add((await this.client.workflow.getHandle(workflowId).describe()).runId);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
    const reads: RecordedRead[] = [];
    for (const runId of runIds) {
      const history = await this.client.workflow.getHandle(workflowId, runId).fetchHistory();
      for (const event of history.events ?? []) {
        const signal = event.workflowExecutionSignaledEventAttributes;
        if (signal?.signalName !== recordAuditReadSignal.name) continue;
        const [raw] = await decodeArrayFromPayloads(this.client.options.loadedDataConverter, signal.input?.payloads ?? []);
        const parsed = AuditReadSchema.safeParse(raw);
        if (!parsed.success) continue;
        reads.push({ ...parsed.data, recordedAt: new Date(optionalTsToMs(event.eventTime) ?? 0).toISOString(), time: vietnamTime(parsed.data.at) });
      }
    }
    return reads.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.at.localeCompare(b.at));
  }
}
