/**
 * The campaigns on a task queue of their own (CAMPAIGN_TASK_QUEUE): the worker process runs a second Worker
 * on it (worker/options.ts, createWorkers, as worker/main.ts does), the API starts each campaign there, and the
 * campaign starts its commune plans and assignments on the service's queue, so its board is answered by a
 * Worker that is not busy with its thousands of children; the API reads a board from it at most every few
 * hundred milliseconds (BOARD_MAX_AGE_MS) and says when (readAt).
 */
import request from 'supertest';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { localDate } from '../catalog/calendar';
import { campaignTaskQueueOf, loadConfig } from '../config/env';
import { assignmentWorkflowId } from '../workflows/assignment/messages';
import { campaignWorkflowId } from '../workflows/campaign/messages';
import { communePlanId, communePlanWorkflowId } from '../workflows/commune-plan/messages';
import { CAMPAIGN_CACHED_WORKFLOWS, createWorkers } from '../worker/options';
import { createTestApi } from './support/api';
import { eventually } from './support/budget-api';
import { campaignApi, campaignSettings, planCopy } from './support/campaign';
import { useService } from './support/service';
import { calendar, directory, tempDir } from './support/temporal';

jest.setTimeout(120_000);

const service = useService('campaign-queue', { worker: false });
let workers: Worker[] = [];
let running: Promise<unknown>;

beforeAll(async () => {
  const config = loadConfig({ TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS!, TASK_QUEUE: service.taskQueue, DATA_DIR: tempDir('campaign-queue') });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  workers = await createWorkers(config, connection, { codePath: process.env.TEST_WORKFLOW_BUNDLE! });
  running = Promise.all(workers.map((w) => w.run())).finally(() => connection.close());
});
afterAll(async () => {
  for (const w of workers) w.shutdown();
  await running;
});

test("a campaign runs on the campaigns' queue, its children on the service's, and it completes its start", async () => {
  const campaigns = campaignTaskQueueOf({ TASK_QUEUE: service.taskQueue });
  expect(workers.map((w) => [w.options.taskQueue, w.options.maxCachedWorkflows])).toEqual([
    [service.taskQueue, 500],
    [campaigns, CAMPAIGN_CACHED_WORKFLOWS],
  ]);
  const plan = planCopy('queue');
  const api = createTestApi(service.client, service.taskQueue, undefined, { campaigns: { ...campaignSettings(plan, calendar), campaignTaskQueue: campaigns, boardMaxAgeMs: 300 } });
  const people = campaignApi(api, directory);
  const today = localDate(new Date());
  const due = calendar.addWorkingDays(today, 10);
  const started = await people.start({ planId: plan.id, communePlanDue: due, reportDue: calendar.addWorkingDays(due, 10) });
  expect(started.status).toBe(201);
  const board = await eventually(async () => {
    const b = await people.boardOf(plan.id);
    if (b.totals.started !== 18 || !b.assignments.every((a) => a.started)) throw new Error('still starting');
    return b;
  }, 60_000);

  // Read from the campaign at most every 300 ms: two reads at once are one read, and say when it was made.
  const [a, b] = await Promise.all([people.boardOf(plan.id), people.boardOf(plan.id)]);
  expect(a.readAt).toEqual(expect.any(String));
  expect(b.readAt).toBe(a.readAt);

  const queueOf = async (workflowId: string) => (await service.client.workflow.getHandle(workflowId).describe()).taskQueue;
  expect(await queueOf(campaignWorkflowId(plan.id))).toBe(campaigns);
  expect(await queueOf(communePlanWorkflowId(communePlanId(plan.id, 'xa-vu-lang')))).toBe(service.taskQueue);
  const first = board.assignments[0]!;
  expect(await queueOf(assignmentWorkflowId(plan.id, first.number, first.agency))).toBe(service.taskQueue);
  // The commune plans report to the campaign across the queues: a commune's request for more time shows on the board.
  const officer = directory.usersOf('xa-vu-lang', 'commune_officer')[0]!.id;
  const extension = await request(api.app)
    .post(`/api/v1/commune-plans/${communePlanId(plan.id, 'xa-vu-lang')}/request-extension`)
    .set('Authorization', await people.auth(officer))
    .send({ requestedDate: calendar.addWorkingDays(due, 3), reason: 'Chờ Đảng ủy xã cho ý kiến.' });
  expect(extension.status).toBe(200);
  await eventually(async () => {
    const b = await people.boardOf(plan.id);
    expect(b.totals.extensionPending).toBe(1);
  }, 30_000);
});
