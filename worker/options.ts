/**
 * The worker's options, in one place: worker/main.ts runs with them and the benchmark's worker
 * (bench/worker-process.ts) runs with the very same, so what the bench measures is what production runs.
 */
import { Client } from '@temporalio/client';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import { campaignTaskQueueOf, type Config } from '../config/env';
import { activityDeps } from './dependencies';
import { bundleWorkflows } from './workflow-bundle';

/** Campaigns the campaign Worker keeps in memory: one per plan being carried out, so few. */
export const CAMPAIGN_CACHED_WORKFLOWS = 50;

/** Everything of a service Worker but its workflow code, which createWorkers bundles once for both Workers. */
export type ServiceWorkerOptions = Omit<WorkerOptions, 'workflowsPath' | 'bundlerOptions' | 'workflowBundle'>;

export function workerOptions(config: Config, connection: NativeConnection): ServiceWorkerOptions {
  return {
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TASK_QUEUE,
    // The activities reach the agencies' inboxes and visibility over the worker's own connection.
    activities: createActivities({ ...activityDeps(config), temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }) }),
    // On SIGINT/SIGTERM polling stops and activities in flight get this long to finish (the SDK's default, 0,
    // would cancel them at once); past it plus a margin the worker gives up and the process exits 1.
    shutdownGraceTime: config.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    shutdownForceTime: (config.SHUTDOWN_TIMEOUT_SECONDS + 10) * 1000,
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    // A beat reaches Temporal within a second (the SDK would hold it back up to 80% of the heartbeat timeout):
    // the mail server's answer an activity records must be there before a retry could look for it.
    maxHeartbeatThrottleInterval: '1 second',
  };
}

/**
 * The Workers of one worker process: the service's, and the campaigns' on their own queue (CAMPAIGN_TASK_QUEUE)
 * so a campaign's tasks and board queries wait behind none of its thousands of children. Both run the same
 * workflow bundle (made once here, or one made ahead) and the same activities; the campaigns' only when its
 * queue is another.
 */
export async function createWorkers(config: Config, connection: NativeConnection, bundle?: WorkerOptions['workflowBundle']): Promise<Worker[]> {
  const options = workerOptions(config, connection);
  // The workflows, their pure modules shared across workflows (worker/workflow-bundle.ts).
  const workflowBundle = bundle ?? (await bundleWorkflows());
  const workers = [await Worker.create({ ...options, workflowBundle })];
  const campaigns = campaignTaskQueueOf(config);
  if (campaigns !== config.TASK_QUEUE) {
    workers.push(await Worker.create({ ...options, workflowBundle, taskQueue: campaigns, maxCachedWorkflows: CAMPAIGN_CACHED_WORKFLOWS }));
  }
  return workers;
}
