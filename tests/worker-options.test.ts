/**
 * The worker's options come from one module (worker/options.ts) that worker/main.ts and the benchmark's
 * worker both use: what an operator configures (the workflow cache, the shutdown grace, the task queue)
 * reaches the worker the bench measures as it reaches the production one.
 */
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../config/env';
import { workerOptions } from '../worker/options';

let connection: NativeConnection;
beforeAll(async () => {
  connection = await NativeConnection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
});
afterAll(async () => {
  await connection.close();
});

test('the configured cache limit, shutdown grace and task queue are the worker options', () => {
  const config = loadConfig({ TASK_QUEUE: 'bac-son-bench', WORKER_MAX_CACHED_WORKFLOWS: '321', SHUTDOWN_TIMEOUT_SECONDS: '45', TEMPORAL_NAMESPACE: 'default' });
  const options = workerOptions(config, connection);
  expect(options).toMatchObject({ taskQueue: 'bac-son-bench', namespace: 'default', maxCachedWorkflows: 321, shutdownGraceTime: 45_000, shutdownForceTime: 55_000 });
  // Every activity the workflows call is registered, the ones that read visibility and inboxes included.
  expect(Object.keys(options.activities ?? {})).toEqual(expect.arrayContaining(['notify', 'planDeadline', 'pendingWorkByAgency', 'reportReadiness']));
});

test('by default the worker caches at most 500 workflows, as the scale runs measured', () => {
  expect(workerOptions(loadConfig({}), connection).maxCachedWorkflows).toBe(500);
});
