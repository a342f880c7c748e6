/**
 * The worker's options, in one place: worker/main.ts runs with them and the benchmark's worker
 * (bench/worker-process.ts) runs with the very same, so what the bench measures is what production runs.
 */
import { Client } from '@temporalio/client';
import type { NativeConnection, WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { Config } from '../config/env';
import { activityDeps } from './dependencies';
import { bundlerOptions, WORKFLOWS_PATH } from './workflow-bundle';

export function workerOptions(config: Config, connection: NativeConnection): WorkerOptions {
  return {
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TASK_QUEUE,
    // The workflows, their pure modules shared across workflows (worker/workflow-bundle.ts).
    workflowsPath: WORKFLOWS_PATH,
    bundlerOptions,
    // The activities reach the agencies' inboxes and visibility over the worker's own connection.
    activities: createActivities({ ...activityDeps(config), temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }) }),
    // On SIGINT/SIGTERM polling stops and activities in flight get this long to finish (the SDK's default, 0,
    // would cancel them at once); past it plus a margin the worker gives up and the process exits 1.
    shutdownGraceTime: config.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    shutdownForceTime: (config.SHUTDOWN_TIMEOUT_SECONDS + 10) * 1000,
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
  };
}
