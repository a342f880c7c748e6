/**
 * Province scale: a campaign over 2,000 communes (a synthetic directory) on the real dev server, through the
 * API. Every commune plan starts, every commune is told, the board's totals are right after hundreds of actions,
 * and no run of the campaign comes near Temporal's limits (history events and bytes, pending children).
 * Prints the time taken and the largest history, for the closing note.
 */
import { temporal } from '@temporalio/proto';
import type { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { readdirSync } from 'node:fs';
import { outboxMailer } from '../activities/mailer';
import { localDate } from '../catalog/calendar';
import { Directory, type DirectoryData } from '../catalog/directory';
import { loadConfig } from '../config/env';
import { campaignWorkflowId } from '../workflows/campaign/messages';
import { communePlanId } from '../workflows/commune-plan/messages';
import type { DocumentRef } from '../workflows/common/document';
import { createTestApi } from './support/api';
import { eventually } from './support/budget-api';
import { campaignApi, campaignSettings, planCopy, submission } from './support/campaign';
import { pdf } from './support/pdf';
import { calendar, directory as seeded, quietRuntime, sharedClient, tempDir, uniqueQueue } from './support/temporal';

// Minutes on a quiet machine; allow for a busy one (everything runs on one worker and one dev server).
jest.setTimeout(2_400_000);

const COMMUNES = Number(process.env.SCALE_COMMUNES ?? 2_000);
const SUBMITTING = Math.max(2, Math.round(COMMUNES / 10));
const ACCEPTED = SUBMITTING / 2;
const ASKING_FOR_TIME = Math.max(1, Math.round(COMMUNES / 100));

/** The seeded district with its 18 communes replaced by 2,000, each with one commune officer. */
function provinceDirectory(): Directory {
  const code = (i: number) => `xa-so-${String(i).padStart(4, '0')}`;
  const data: DirectoryData = {
    ...seeded.data,
    units: [
      ...seeded.data.units.filter((u) => u.kind !== 'commune' && u.kind !== 'town'),
      ...Array.from({ length: COMMUNES }, (_, i) => ({ code: code(i + 1), name: `UBND xã Số ${i + 1}`, kind: 'commune' as const, email: `${code(i + 1)}@tinh.example.vn` })),
    ],
    users: [
      ...seeded.data.users.filter((u) => u.role !== 'commune_officer'),
      ...Array.from({ length: COMMUNES }, (_, i) => ({ id: `cb-${code(i + 1)}`, name: `Cán bộ xã Số ${i + 1}`, email: `cb-${code(i + 1)}@tinh.example.vn`, agency: code(i + 1), role: 'commune_officer' as const })),
    ],
  };
  return new Directory(data);
}

let client: Client;
let connection: Connection;
let worker: Worker;
let workerConnection: NativeConnection;
let running: Promise<void>;

beforeAll(async () => {
  ({ client, connection } = await sharedClient());
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await workerConnection?.close();
  await connection.close();
});

/** Runs `fn` over `items`, `width` at a time. */
async function inParallel<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

test(`a campaign over ${COMMUNES} communes starts every commune plan and keeps correct totals within Temporal's limits`, async () => {
  const t0 = Date.now();
  const directory = provinceDirectory();
  const plan = planCopy('quy-mo');
  const outbox = tempDir('outbox-scale');
  const taskQueue = uniqueQueue('campaign-scale');
  quietRuntime();
  workerConnection = await NativeConnection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
  worker = await Worker.create({
    connection: workerConnection,
    taskQueue,
    workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
    activities: createActivities({ directory, calendar, mailer: outboxMailer(outbox, 'test@bacson.example.vn'), publicUrl: 'http://localhost:3000' }),
    // As the service's worker runs (worker/main.ts): thousands of workflows go through it, the cache stays
    // bounded and evicted workflows replay their short histories when they next have work.
    maxCachedWorkflows: loadConfig({}).WORKER_MAX_CACHED_WORKFLOWS,
  });
  running = worker.run();
  const progress = (what: string) => console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}`);
  const api = createTestApi(client, taskQueue, undefined, { directory, campaigns: campaignSettings(plan, calendar) });
  const calls = campaignApi(api, directory);
  const due = calendar.addWorkingDays(localDate(new Date()), 20);

  const started = await calls.start({ planId: plan.id, communePlanDue: due, reportDue: calendar.addWorkingDays(due, 10) });
  expect(started.status).toBe(201);
  progress('campaign started');
  let seen = -1;
  await eventually(async () => {
    const { totals } = await calls.boardOf(plan.id, 'lan-vp');
    if (totals.started !== seen) progress(`${(seen = totals.started)} commune plans started`);
    expect(totals.started).toBe(COMMUNES);
  }, 1_800_000, 1_000);
  const allStartedMs = Date.now() - t0;
  // Every child ran: each commune has been told of its duty.
  await eventually(async () => expect(readdirSync(outbox).filter((f) => f.endsWith('.eml') && f.includes('-assigned'))).toHaveLength(COMMUNES), 1_800_000, 2_000);
  const allToldMs = Date.now() - t0;
  progress('every commune told');
  expect(await client.workflow.count(`WorkflowType = 'communePlanWorkflow' AND CampaignId = '${plan.id}' AND ExecutionStatus = 'Running'`)).toMatchObject({ count: COMMUNES });

  // Hundreds of actions: 200 communes send their plan, 100 are accepted, 20 others ask for more time.
  const t1 = Date.now();
  const commune = (i: number) => `xa-so-${String(i).padStart(4, '0')}`;
  const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
  // Each commune uploads its own plan (only the uploading unit may attach a document), then sends it.
  await inParallel(ids(1, SUBMITTING), 8, async (i) => {
    const upload = await calls.upload(pdf(`quy-mo-${i}`), 'ke-hoach-xa.pdf', `cb-${commune(i)}`);
    expect(upload.status).toBe(201);
    const ref = upload.body as DocumentRef;
    const res = await calls.act(communePlanId(plan.id, commune(i)), 'submit', `cb-${commune(i)}`, submission(commune(i), ref, localDate(new Date())));
    expect(res.status).toBe(200);
  });
  await inParallel(ids(1, ACCEPTED), 8, async (i) => {
    const res = await calls.act(communePlanId(plan.id, commune(i)), 'accept', 'son-bchqs', {});
    expect(res.status).toBe(200);
  });
  await inParallel(ids(SUBMITTING + 1, ASKING_FOR_TIME), 8, async (i) => {
    const res = await calls.act(communePlanId(plan.id, commune(i)), 'request-extension', `cb-${commune(i)}`, { reason: 'Xin thêm thời gian', requestedDate: calendar.addWorkingDays(due, 5) });
    expect(res.status).toBe(200);
  });
  const board = await eventually(async () => {
    const b = await calls.wholeBoardOf(plan.id, 'lan-vp');
    expect(b.totals).toEqual({
      communes: COMMUNES,
      started: COMMUNES,
      awaiting_submission: COMMUNES - SUBMITTING,
      submitted: SUBMITTING - ACCEPTED,
      returned: 0,
      accepted: ACCEPTED,
      overdue: 0,
      submittedLate: 0,
      extensionPending: ASKING_FOR_TIME,
    });
    return b;
  }, 300_000, 1_000);
  const actionsMs = Date.now() - t1;
  progress('actions done, board right');
  expect(board.communes).toHaveLength(COMMUNES);
  expect(board.communes.find((e) => e.commune === commune(1))).toMatchObject({ status: 'accepted', version: 1 });
  expect(board.communes.find((e) => e.commune === commune(COMMUNES))).toMatchObject({ status: 'awaiting_submission', dueDate: due, daysLate: 0 });

  // Every run of the campaign, with its history: the campaign continued as new to stay small.
  const runs: Array<{ startedAt: number; events: number; bytes: number; inputBytes: number; childrenStarted: number; signals: number }> = [];
  for await (const e of client.workflow.list({ query: `WorkflowId = '${campaignWorkflowId(plan.id)}'` })) {
    const history = await client.workflow.getHandle(e.workflowId, e.runId).fetchHistory();
    const events = history.events ?? [];
    const input = events[0]?.workflowExecutionStartedEventAttributes?.input;
    runs.push({
      startedAt: e.startTime.getTime(),
      events: events.length,
      bytes: temporal.api.history.v1.History.encode(history).finish().length,
      inputBytes: input ? temporal.api.common.v1.Payloads.encode(input).finish().length : 0,
      childrenStarted: events.filter((x) => x.startChildWorkflowExecutionInitiatedEventAttributes).length,
      signals: events.filter((x) => x.workflowExecutionSignaledEventAttributes).length,
    });
  }
  runs.sort((a, b) => a.startedAt - b.startedAt);
  const child = await client.workflow.getHandle(`commune-plan:${communePlanId(plan.id, commune(1))}`).fetchHistory();
  const childBytes = temporal.api.history.v1.History.encode(child).finish().length;
  const largestEvents = Math.max(...runs.map((r) => r.events));
  const largestBytes = Math.max(...runs.map((r) => r.bytes));
  console.log(
    [
      `campaign of ${COMMUNES} communes (${board.assignments.length} assignment children besides):`,
      `  all ${COMMUNES} commune plans started (board): ${(allStartedMs / 1000).toFixed(1)} s; every commune told (outbox): ${(allToldMs / 1000).toFixed(1)} s`,
      `  ${SUBMITTING} submissions + ${ACCEPTED} acceptances + ${ASKING_FOR_TIME} extension requests through the API, board totals right: ${(actionsMs / 1000).toFixed(1)} s`,
      `  runs: ${runs.length}; largest history: ${largestEvents} events, ${(largestBytes / 1024).toFixed(0)} KiB`,
      ...runs.map(
        (r, i) =>
          `    run ${i + 1}: ${r.events} events, ${(r.bytes / 1024).toFixed(0)} KiB (input ${(r.inputBytes / 1024).toFixed(0)} KiB), ` +
          `${r.childrenStarted} children started, ${r.signals} signals`,
      ),
      `  a commune plan sent and accepted: ${child.events?.length ?? 0} events, ${(childBytes / 1024).toFixed(0)} KiB`,
    ].join('\n'),
  );
  expect(runs.reduce((n, r) => n + r.childrenStarted, 0)).toBe(COMMUNES + board.assignments.length);
  expect(runs.length).toBeGreaterThan(1);
  // Far from Temporal's limits: 10,240 events / 10 MB warn, 51,200 / 50 MB stop, 2,000 pending children per run.
  expect(largestEvents).toBeLessThan(10_240);
  expect(largestBytes).toBeLessThan(10 * 1024 * 1024);
  // The board travels as one payload when the campaign continues as new: well under the 2 MB payload limit.
  for (const r of runs) expect(r.inputBytes).toBeLessThan(1024 * 1024);
  for (const r of runs) expect(r.childrenStarted).toBeLessThanOrEqual(500 + board.assignments.length);
});
