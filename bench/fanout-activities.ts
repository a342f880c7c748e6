/** The bare fan-out's activities (bench/fanout-workflows.ts): a computed date, and a signal-with-start of an inbox. */
import type { Client } from '@temporalio/client';

export function fanoutActivities(client: Client, taskQueue: string) {
  return {
    async planDeadline(unit: number): Promise<string> {
      return new Date(Date.UTC(2027, 0, 1 + (unit % 28))).toISOString().slice(0, 10);
    },
    async sendNotice(inboxId: string, due: string): Promise<void> {
      await client.workflow.signalWithStart('bareInbox', { workflowId: inboxId, taskQueue, signal: 'notice', signalArgs: [`due ${due}`] });
    },
  };
}

export type FanoutActivities = ReturnType<typeof fanoutActivities>;
