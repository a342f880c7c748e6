/**
 * `make scale`: a campaign over 18, 200, 1,000 and 3,321 units (the number of communes, wards and special zones
 * in Vietnam since July 2025), each on a fresh stack of its own, on each target one after the other (SCALE_TARGETS,
 * both by default): `dev` (bench/stack.ts: dev server, one worker process, one API process) and `cluster`
 * (bench/cluster-stack.ts: the topology of `make cluster`, two workers whose memory is summed, two APIs, the
 * board read through the first), started through the API as the office starts it. For each size it measures, from the start
 * request: the seconds until the board shows every commune plan started, the seconds until every unit has its
 * email (the in-app notice is delivered before the email, activities/notify.ts), the board's latency (p95 of
 * reads every 500 ms while it runs, and how old the boards it answered were: BOARD_MAX_AGE_MS), the worker's memory, and the campaign's largest history. It fails unless
 * every unit is started and told, and every history is within Temporal's limits; the times are reported, with
 * the targets (60 s to all started, 180 s to all told, 200 ms board p95), in bench/results/scale.json.
 *
 * On the dev server it then runs one campaign with the worker's cache set above it (SCALE_FULL_CACHE units, 2,000 by
 * default; 0 skips it) and V8 set to give memory back sooner (WORKER_NODE_FLAGS, scripts/worker.sh): the worker's
 * memory with that many workflows cached, against the target of 1 GiB.
 *
 * Last on the dev server, the bare floor: the Temporal operations of a campaign for each unit until its plan is on
 * the board, with none of the service's code (bench/fanout-workflows.ts), for the largest size (SCALE_BARE=0 skips it).
 *
 * SCALE_UNITS=18,200 picks sizes; SCALE_HEAP_SNAPSHOT_DIR=dir writes a heap snapshot of the workflow thread
 * (where the cached workflows live) at the end of each size.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { mintToken } from '../api/auth';
import { localDate, WorkingCalendar } from '../catalog/calendar';
import { Directory, type DirectoryData } from '../catalog/directory';
import { loadConfig } from '../config/env';
import { CampaignScaleSchema, campaignWorkflowId, type Board } from '../workflows/campaign/messages';
import { machineFacts } from './machine';
import { startClusterStack, type ScaleStack } from './cluster-stack';
import { fanoutActivities } from './fanout-activities';
import { bareCampaign } from './fanout-workflows';
import { startStack } from './stack';

const ROOT = path.resolve(__dirname, '..');
const SIZES = (process.env.SCALE_UNITS ?? '18,200,1000,3321').split(',').map(Number);
const PLAN_ID = 'bac-son-70-nam-dien-bien-phu';
const TARGETS = { allStartedSeconds: 60, allToldSeconds: 180, boardP95Ms: 200, fullCacheRssMiB: 1024 };
const FULL_CACHE_UNITS = Number(process.env.SCALE_FULL_CACHE ?? 2000);
const BARE = process.env.SCALE_BARE !== '0';
/** The campaign's own batch and run: its scale schema's defaults. */
const CAMPAIGN_SCALE = CampaignScaleSchema.parse({});

interface BareResult {
  units: number;
  allStartedSeconds: number;
}

/**
 * The bare floor on a fresh dev stack: a worker in this process with the SDK's defaults but the service's cache
 * size runs bench/fanout-workflows.ts; the service's worker and API are up and idle, as the bare client's are in
 * make bench.
 */
async function runBareFanout(units: number, log: (line: string) => void): Promise<BareResult> {
  const stack = await startStack(log);
  // Once per process, before the first connection: the SDK's own lines only when something is wrong.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address: stack.temporalAddress });
  try {
    const taskQueue = 'bare-fanout';
    const worker = await Worker.create({
      connection,
      taskQueue,
      workflowsPath: require.resolve('./fanout-workflows'),
      activities: fanoutActivities(stack.client, taskQueue),
      maxCachedWorkflows: loadConfig(stack.env).WORKER_MAX_CACHED_WORKFLOWS,
    });
    return await worker.runUntil(async () => {
      const t0 = Date.now();
      await stack.client.workflow.execute(bareCampaign, { taskQueue, workflowId: `bare-campaign-${units}`, args: [units, CAMPAIGN_SCALE.childBatchSize, CAMPAIGN_SCALE.childrenPerRun] });
      const result = { units, allStartedSeconds: seconds(Date.now() - t0) };
      log(`bare: ${JSON.stringify(result)}`);
      return result;
    });
  } finally {
    await connection.close();
    await stack.stop();
  }
}
const seeded = Directory.fromFile(path.join(ROOT, 'catalog/directory.json'));
const calendar = WorkingCalendar.fromFile(path.join(ROOT, 'catalog/holidays.json'));

/** The seeded directory with its communes replaced by `n` synthetic ones (the seed's own 18 for n = 18). */
function directoryOf(n: number): DirectoryData {
  if (n === seeded.data.units.filter((u) => u.kind === 'commune' || u.kind === 'town').length) return seeded.data;
  const code = (i: number) => `xa-so-${String(i).padStart(4, '0')}`;
  return {
    ...seeded.data,
    units: [
      ...seeded.data.units.filter((u) => u.kind !== 'commune' && u.kind !== 'town'),
      ...Array.from({ length: n }, (_, i) => ({ code: code(i + 1), name: `UBND xã Số ${i + 1}`, kind: 'commune' as const, email: `${code(i + 1)}@tinh.example.vn` })),
    ],
    users: [
      ...seeded.data.users.filter((u) => u.role !== 'commune_officer'),
      ...Array.from({ length: n }, (_, i) => ({ id: `cb-${code(i + 1)}`, name: `Cán bộ xã Số ${i + 1}`, email: `cb-${code(i + 1)}@tinh.example.vn`, agency: code(i + 1), role: 'commune_officer' as const })),
    ],
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number) => Math.round(ms / 100) / 10;
const p95 = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]! : NaN);

interface SizeResult {
  units: number;
  allStartedSeconds: number;
  allToldSeconds: number;
  boardP95Ms: number;
  /** How old the boards answered were (now minus readAt: the API serves a board read within BOARD_MAX_AGE_MS again), p95 and max. */
  boardAgeP95Ms: number;
  boardAgeMaxMs: number;
  boardReads: number;
  boardFailures: string[];
  workerRssMiB: number;
  workerHeapUsedMiB: number;
  cachedWorkflows: number;
  maxCachedWorkflows: number;
  campaignRuns: number;
  largestHistoryEvents: number;
  largestHistoryKiB: number;
  machineLoadAverage: number[];
}

type Target = 'dev' | 'cluster';
/** The stack of each target: a dev server with one worker and one API (bench/stack.ts), or the production topology. */
const STARTS: Record<Target, (log: (line: string) => void, env: Record<string, string>) => Promise<ScaleStack>> = { dev: startStack, cluster: startClusterStack };

async function runSize(units: number, target: Target, log: (line: string) => void, env: Record<string, string> = {}): Promise<SizeResult> {
  const dir = path.join(os.tmpdir(), `bac-son-scale-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const directoryFile = path.join(dir, `directory-${units}.json`);
  writeFileSync(directoryFile, JSON.stringify(directoryOf(units)));
  const stack = await STARTS[target](log, { DIRECTORY_FILE: directoryFile, ...env });
  try {
    const token = await mintToken({ secret: stack.secret, issuer: 'bac-son-plan', audience: 'bac-son-plan-api', userId: 'lan-vp', ttl: '2h' });
    const call = async (method: string, url: string, body?: unknown) =>
      fetch(`${stack.apiUrl}${url}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const due = calendar.addWorkingDays(localDate(new Date()), 20);
    const t0 = Date.now();
    const started = await call('POST', '/api/v1/campaigns', { planId: PLAN_ID, communePlanDue: due, reportDue: calendar.addWorkingDays(due, 10) });
    if (started.status !== 201) throw new Error(`campaign start: ${started.status} ${await started.text()}`);

    const boardMs: number[] = [];
    const boardAgeMs: number[] = [];
    const boardFailures: string[] = [];
    let allStartedMs: number | undefined;
    let allToldMs: number | undefined;
    const told = () => readdirSync(stack.outboxDir, { withFileTypes: true }).filter((f) => f.name.endsWith('.eml') && f.name.includes('-assigned')).length;
    const deadline = t0 + 15 * 60_000;
    while (allToldMs === undefined || allStartedMs === undefined) {
      if (Date.now() > deadline) throw new Error(`${units} units: not every unit started and told within 15 minutes`);
      const t = Date.now();
      const res = await call('GET', `/api/v1/campaigns/${PLAN_ID}/board`);
      boardMs.push(Date.now() - t);
      // A read the API could not answer (503: the worker did not answer the query in time) counts against the
      // board and is tried again, as the console does.
      if (res.status !== 200) {
        boardFailures.push(`${res.status} at ${seconds(Date.now() - t0)} s`);
        await res.text();
      } else {
        const board = (await res.json()) as Board;
        if (board.readAt) boardAgeMs.push(Date.now() - Date.parse(board.readAt));
        if (allStartedMs === undefined && board.totals.started === units) allStartedMs = Date.now() - t0;
      }
      let n = 0;
      try {
        n = told();
      } catch {
        // no outbox yet
      }
      if (allToldMs === undefined && n >= units) allToldMs = Date.now() - t0;
      await sleep(500);
    }
    // SCALE_HEAP_SNAPSHOT_DIR: a heap snapshot of the workflow thread at the end of each size, to see where memory goes.
    const snapshotDir = process.env.SCALE_HEAP_SNAPSHOT_DIR;
    const report = await stack.workerReport(snapshotDir ? { heapSnapshotTo: path.join(snapshotDir, `workflow-thread-${units}.heapsnapshot`) } : {});

    // Every run of the campaign within Temporal's limits (10,240 events / 10 MB warn).
    let largestEvents = 0;
    let largestBytes = 0;
    let runs = 0;
    for await (const e of stack.client.workflow.list({ query: `WorkflowId = '${campaignWorkflowId(PLAN_ID)}'` })) {
      const history = await stack.client.workflow.getHandle(e.workflowId, e.runId).fetchHistory();
      runs += 1;
      largestEvents = Math.max(largestEvents, history.events?.length ?? 0);
      largestBytes = Math.max(largestBytes, temporal.api.history.v1.History.encode(history).finish().length);
    }
    if (largestEvents >= 10_240 || largestBytes >= 10 * 1024 * 1024) throw new Error(`${units} units: a campaign run has ${largestEvents} events, ${largestBytes} bytes`);
    const inboxes = await stack.client.workflow.count(`WorkflowType = 'agencyInboxWorkflow'`);
    if (inboxes.count < units) throw new Error(`${units} units: only ${inboxes.count} inboxes`);
    const result: SizeResult = {
      units,
      allStartedSeconds: seconds(allStartedMs),
      allToldSeconds: seconds(allToldMs),
      boardP95Ms: p95(boardMs),
      boardAgeP95Ms: p95(boardAgeMs),
      boardAgeMaxMs: boardAgeMs.length ? Math.max(...boardAgeMs) : NaN,
      boardReads: boardMs.length,
      boardFailures,
      workerRssMiB: Math.round(report.rssBytes / 2 ** 20),
      workerHeapUsedMiB: Math.round(report.heapUsedBytes / 2 ** 20),
      cachedWorkflows: report.numCachedWorkflows,
      maxCachedWorkflows: report.maxCachedWorkflows,
      campaignRuns: runs,
      largestHistoryEvents: largestEvents,
      largestHistoryKiB: Math.round(largestBytes / 1024),
      machineLoadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    };
    log(JSON.stringify(result));
    return result;
  } finally {
    await stack.stop();
  }
}

async function main(): Promise<void> {
  const targets = (process.env.SCALE_TARGETS ?? 'dev,cluster').split(',') as Target[];
  for (const t of targets) if (!(t in STARTS)) throw new Error(`unknown target ${t} in SCALE_TARGETS (dev, cluster)`);
  const machine = machineFacts();
  const out = path.join(ROOT, 'bench/results/scale.json');
  const measured: Record<string, { machine: typeof machine; sizes: SizeResult[]; fullCache?: SizeResult; bare?: BareResult }> = {};
  // One target after the other, never side by side: each has the machine's two cores to itself.
  for (const target of targets) {
    const log = (line: string) => console.log(`[scale ${target} ${new Date().toISOString().slice(11, 19)}] ${line}`);
    const sizes: SizeResult[] = [];
    for (const units of SIZES) sizes.push(await runSize(units, target, log));
    // Every commune plan and every inbox stays open, so with the cache above the units the worker keeps them all.
    const fullCache =
      target === 'dev' && FULL_CACHE_UNITS > 0
        ? await runSize(FULL_CACHE_UNITS, target, log, { WORKER_MAX_CACHED_WORKFLOWS: String(FULL_CACHE_UNITS + 100), WORKER_NODE_FLAGS: '--optimize-for-size' })
        : undefined;
    const bare = target === 'dev' && BARE ? await runBareFanout(Math.max(...SIZES), log) : undefined;
    measured[target] = { machine, sizes, ...(fullCache ? { fullCache } : {}), ...(bare ? { bare } : {}) };
    // Each target's figures replace that target's own; the other target's stay (one file, both targets).
    const earlier = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as { measuredOn?: Record<string, unknown> }).measuredOn ?? {} : {};
    writeFileSync(out, `${JSON.stringify({ machine, targets: TARGETS, measuredOn: { ...earlier, [target]: measured[target] } }, null, 2)}\n`);
  }
  console.log(`\ntarget   units  started(s)  told(s)  board p95(ms)  board age p95(ms)  worker RSS(MiB)  cached  largest history`);
  for (const [target, { sizes, fullCache }] of Object.entries(measured)) {
    for (const s of [...sizes, ...(fullCache ? [fullCache] : [])]) {
      console.log(`${target.padEnd(7)}  ${String(s.units).padStart(5)}  ${String(s.allStartedSeconds).padStart(10)}  ${String(s.allToldSeconds).padStart(7)}  ${String(s.boardP95Ms).padStart(13)}  ${String(s.boardAgeP95Ms).padStart(17)}  ${String(s.workerRssMiB).padStart(15)}  ${String(s.cachedWorkflows).padStart(6)}  ${s.largestHistoryEvents} events`);
    }
  }
  const bare = measured.dev?.bare;
  const same = bare && measured.dev?.sizes.find((s) => s.units === bare.units);
  if (bare) console.log(`dev, bare floor: ${bare.units} units all started in ${bare.allStartedSeconds} s` + (same ? ` (the service: ${same.allStartedSeconds} s, ${(same.allStartedSeconds / bare.allStartedSeconds).toFixed(2)}x)` : ''));
  const full = measured.dev?.fullCache;
  if (full) console.log(`dev, ${full.cachedWorkflows} workflows cached: worker RSS ${full.workerRssMiB} MiB (target ${TARGETS.fullCacheRssMiB} MiB)`);
  console.log(`written to ${path.relative(ROOT, out)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
