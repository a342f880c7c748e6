/** The worker: runs every workflow and activity of the service on the shared task queue until SIGINT/SIGTERM. */
import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { loadConfig } from '../config/env';
import { bundlerOptions, WORKFLOWS_PATH } from './workflow-bundle';
import { activityDeps } from './dependencies';

async function main(): Promise<void> {
  const config = loadConfig();
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TASK_QUEUE,
      workflowsPath: WORKFLOWS_PATH,
      bundlerOptions,
      // The activities reach the agencies' inboxes and visibility over the worker's own connection.
      activities: createActivities({ ...activityDeps(config), temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }) }),
      // On SIGINT/SIGTERM polling stops and activities in flight get this long to finish (the SDK's default, 0,
      // would cancel them at once); past it plus a margin the worker gives up and the process exits 1.
      shutdownGraceTime: config.SHUTDOWN_TIMEOUT_SECONDS * 1000,
      shutdownForceTime: (config.SHUTDOWN_TIMEOUT_SECONDS + 10) * 1000,
      maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    });
    // Worker.run() finishes in-flight tasks and returns once a shutdown signal (SIGINT, SIGTERM) arrives.
    await worker.run();
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
