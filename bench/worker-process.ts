/**
 * The benchmark's worker: what worker/main.ts runs (the same options, from worker/options.ts), in a process
 * of its own so its memory can be read alone, answering the bench's requests for its memory and
 * Worker.getStatus() over the IPC channel.
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Worker as NodeWorker } from 'node:worker_threads';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { loadConfig } from '../config/env';
import { createWorkers } from '../worker/options';

export interface WorkerReport {
  rssBytes: number;
  heapUsedBytes: number;
  numCachedWorkflows: number;
  /** The cache's limit, WORKER_MAX_CACHED_WORKFLOWS as worker/main.ts sets it. */
  maxCachedWorkflows: number;
  numInFlightWorkflowActivations: number;
  numInFlightActivities: number;
}

/**
 * Writes a heap snapshot of the service Worker's workflow thread, where the cached workflows live (the process's
 * own heap figures cover only its main thread). The SDK keeps its threads private: reached here for diagnosis.
 */
async function writeWorkflowHeapSnapshot(worker: Worker, file: string): Promise<void> {
  const creator = (worker as unknown as { workflowCreator?: { workerThreadClients?: Array<{ workerThread: NodeWorker }> } }).workflowCreator;
  const thread = creator?.workerThreadClients?.[0]?.workerThread;
  if (!thread) throw new Error('no workflow thread to snapshot');
  await pipeline(await thread.getHeapSnapshot(), createWriteStream(file));
}

async function main(): Promise<void> {
  const config = loadConfig();
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  // The Workers worker/main.ts runs (worker/options.ts), not a copy of them; the first is the service's.
  const workers = await createWorkers(config, connection);
  const worker = workers[0]!;
  process.on('message', async (m: { type?: string; id?: number; heapSnapshotTo?: string }) => {
    if (m.type !== 'report') return;
    if (m.heapSnapshotTo) await writeWorkflowHeapSnapshot(worker, m.heapSnapshotTo);
    const statuses = workers.map((w) => w.getStatus());
    const status = {
      numCachedWorkflows: statuses.reduce((n, s) => n + s.numCachedWorkflows, 0),
      numInFlightWorkflowActivations: statuses.reduce((n, s) => n + s.numInFlightWorkflowActivations, 0),
      numInFlightActivities: statuses.reduce((n, s) => n + s.numInFlightActivities, 0),
    };
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
  const running = Promise.all(workers.map((w) => w.run()));
  process.send?.({ type: 'ready' });
  await running;
  await connection.close();
  process.disconnect?.();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
