/**
 * The benchmark's worker: what worker/main.ts runs (same options, the real activities built from the same
 * configuration), in a process of its own so its memory can be read alone, and answering the bench's
 * requests for its memory and Worker.getStatus() over the IPC channel.
 */
import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { loadConfig } from '../config/env';
import { bundlerOptions, WORKFLOWS_PATH } from '../worker/workflow-bundle';
import { activityDeps } from '../worker/dependencies';

export interface WorkerReport {
  rssBytes: number;
  heapUsedBytes: number;
  numCachedWorkflows: number;
  /** The cache's limit: the SDK's default for this process's heap, as worker/main.ts leaves it. */
  maxCachedWorkflows: number;
  numInFlightWorkflowActivations: number;
  numInFlightActivities: number;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  // The options of worker/main.ts, kept in step with it.
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TASK_QUEUE,
    workflowsPath: WORKFLOWS_PATH,
    bundlerOptions,
    activities: createActivities({ ...activityDeps(config), temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }) }),
    shutdownGraceTime: config.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    shutdownForceTime: (config.SHUTDOWN_TIMEOUT_SECONDS + 10) * 1000,
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
  });
  process.on('message', (m: { type?: string; id?: number }) => {
    if (m.type !== 'report') return;
    const status = worker.getStatus();
    const memory = process.memoryUsage();
    const report: WorkerReport & { type: string; id?: number } = {
      type: 'report',
      id: m.id,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      numCachedWorkflows: status.numCachedWorkflows,
      maxCachedWorkflows: worker.options.maxCachedWorkflows,
      numInFlightWorkflowActivations: status.numInFlightWorkflowActivations,
      numInFlightActivities: status.numInFlightActivities,
    };
    process.send?.(report);
  });
  // The bench stops this process with SIGTERM; Worker.run() then drains and returns.
  const running = worker.run();
  process.send?.({ type: 'ready' });
  await running;
  await connection.close();
  process.disconnect?.();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
