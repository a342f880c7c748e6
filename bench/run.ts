/**
 * `make bench`: what the API costs on top of Temporal (issue 7). Starts its own dev server, worker and API
 * (bench/stack.ts), then measures each path through the service (HTTP) and through the bare Temporal client
 * doing the same Temporal work, at concurrency 1, 10 and 50, alternating the two sides round by round so that
 * drift (other work on the machine, a growing database) lands on both. Prints a table and writes
 * bench/results/latest.json.
 *
 * BENCH_QUICK=1 runs a small version (a few rounds, a fleet of 500) for trying the harness out; it writes
 * bench/results/quick.tmp instead. BENCH_KEEP_DIR=1 keeps the temporary folder (server, worker and API logs).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backlog } from './backlog';
import { createFleet } from './fleet';
import { runRound, summarize, type Round } from './load';
import { CpuMeter, machineFacts, type ProcessName } from './machine';
import { actionPath, EstimatePool, flowPath, listPath, startPath, type BenchPath, type PathKey } from './paths';
import { formatTable, isSlower, ratioOf, round2, type BenchResult, type CpuPerOp, type LevelResult, type PathResult, type WorkerSample } from './report';
import { ApiClient, bareSide, serviceSide, type SideName } from './sides';
import { startStack } from './stack';
import { idleQueryStage, instrumentedLogFile, microTimings, startInstrumentedApi, summarizeStages, traced, type RequestStages, type StageSummary } from './stages';
import { auditPath, findAuditRoute } from './audit';

interface Level {
  concurrency: number;
  rounds: number;
  opsPerRound: number;
}

const QUICK = process.env.BENCH_QUICK === '1';
const level = (concurrency: number, rounds: number, opsPerRound: number): Level => ({ concurrency, rounds, opsPerRound });

/**
 * Sized for the 10-minute budget on 2 cores. What limits it is the notices: every estimate started or moved
 * sends one, and the notify activity funnels each through the recipient agency's one inbox workflow (a few
 * to ten a second here), so the paths that make notices run fewer operations.
 */
const PLAN: Record<PathKey, Level[]> & { fleet: number; stageSamples: number } = QUICK
  ? {
      start: [level(1, 2, 3), level(10, 2, 10), level(50, 2, 50)],
      action: [level(1, 2, 3), level(10, 2, 10), level(50, 2, 50)],
      flow: [level(1, 2, 2), level(10, 2, 10), level(50, 2, 50)],
      list: [level(1, 2, 10), level(10, 2, 40), level(50, 2, 100)],
      audit: [level(1, 2, 10), level(10, 2, 40), level(50, 2, 100)],
      fleet: 500,
      stageSamples: 8,
    }
  : {
      start: [level(1, 4, 4), level(10, 2, 20), level(50, 2, 50)],
      action: [level(1, 4, 4), level(10, 2, 20), level(50, 2, 50)],
      flow: [level(1, 3, 3), level(10, 2, 10), level(50, 2, 50)],
      list: [level(1, 4, 20), level(10, 4, 50), level(50, 2, 150)],
      audit: [level(1, 4, 20), level(10, 4, 50), level(50, 2, 150)],
      fleet: 10_000,
      stageSamples: 15,
    };

const FLEET_CONCURRENCY = 64;
/**
 * How long a level waits for the notices the previous one caused. Bounded: what is left goes on in the
 * background of the next level, for both sides alike (recorded as settledBefore.left).
 */
const SETTLE_TIMEOUT_MS = 20_000;
const SIDES: SideName[] = ['service', 'bare'];
const OUT = process.env.BENCH_OUT ?? path.resolve(__dirname, 'results', QUICK ? 'quick.tmp' : 'latest.json');

const began = performance.now();
const log = (line: string) => process.stdout.write(`[bench ${((performance.now() - began) / 1000).toFixed(0).padStart(4)}s] ${line}\n`);

async function main(): Promise<number> {
  const durations: Record<string, number> = {};
  const timedPhase = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      durations[name] = Math.round((performance.now() - t0) / 100) / 10;
    }
  };

  const machine = machineFacts();
  log(`${QUICK ? 'QUICK run' : 'Full run'} on ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, load ${machine.loadAverageAtStart.join('/')}`);
  const stack = await timedPhase('stack', () => startStack(log));
  try {
    const api = new ApiClient(stack.apiUrl, stack.secret);
    await api.signIn();
    const svc = serviceSide(api);
    const bare = bareSide(stack.client);
    const backlog = new Backlog(stack.outboxDir, stack.workerReport);
    const meter = new CpuMeter(stack.pids);
    const samples: WorkerSample[] = [];
    const cpuTotals = { others: 0, all: 0 };
    const pool = new EstimatePool(async (count) => {
      // Only if the start path left too few (errors): more estimates, started and settled untimed.
      const ids = await Promise.all(Array.from({ length: count }, () => bare.submit()));
      backlog.expect(count);
      await backlog.settle(SETTLE_TIMEOUT_MS);
      return ids;
    });
    const approved: string[] = [];

    const settle = async (at: string) => {
      const settled = await backlog.settle(SETTLE_TIMEOUT_MS);
      if (settled.left) log(`  ${settled.left} notices still out after ${settled.waitedMs} ms; going on`);
      samples.push({ ...(await stack.workerReport()), at });
      return settled;
    };

    const measure = async <T>(p: BenchPath<T>, levels: Level[]): Promise<PathResult> => {
      log(`${p.key}: ${p.title}`);
      for (const side of SIDES) await runRound(await p.items(side, 4), 2, p.run[side]); // warm-up, not counted
      const out: LevelResult[] = [];
      for (const l of levels) {
        const settledBefore = p.noticesPerOp ? await settle(`${p.key} c${l.concurrency}`) : undefined;
        const rounds: Record<SideName, Round[]> = { service: [], bare: [] };
        const cpu: Record<SideName, CpuPerOp> = { service: zeroCpu(), bare: zeroCpu() };
        for (let r = 0; r < l.rounds; r++) {
          // Alternate which side goes first, so a trend within the level falls on both alike.
          for (const side of r % 2 === 0 ? SIDES : [...SIDES].reverse()) {
            const items = await p.items(side, l.opsPerRound);
            api.freshConnections();
            meter.start();
            rounds[side].push(await runRound(items, l.concurrency, p.run[side]));
            const used = meter.stop().cpuMs;
            for (const k of Object.keys(used) as Array<keyof CpuPerOp>) {
              cpu[side][k] += used[k];
              cpuTotals.all += used[k];
            }
            cpuTotals.others += used.others;
          }
        }
        const sideResult = (side: SideName) => {
          const s = summarize(rounds[side]);
          const perOp = Object.fromEntries(Object.entries(cpu[side]).map(([k, v]) => [k, round2(v / Math.max(1, s.ops))])) as CpuPerOp;
          return { ...s, cpuMsPerOp: perOp };
        };
        const service = sideResult('service');
        const bareResult = sideResult('bare');
        const result: LevelResult = { concurrency: l.concurrency, rounds: l.rounds, opsPerRound: l.opsPerRound, service, bare: bareResult, ratio: ratioOf(service, bareResult), ...(settledBefore ? { settledBefore } : {}) };
        out.push(result);
        log(
          `  c=${l.concurrency}: service ${service.opsPerSec.toFixed(1)}/s p50 ${service.p50Ms.toFixed(1)} ms, bare ${bareResult.opsPerSec.toFixed(1)}/s p50 ${bareResult.p50Ms.toFixed(1)} ms` +
            ` -> p50 x${result.ratio.p50}${service.errors + bareResult.errors ? `; ERRORS service ${service.errors}, bare ${bareResult.errors}: ${service.firstError ?? bareResult.firstError}` : ''}`,
        );
      }
      return { key: p.key, title: p.title, levels: out };
    };

    const instrumented = await startInstrumentedApi(stack.env, instrumentedLogFile(stack.dir));
    const traceApi = new ApiClient(instrumented.url, stack.secret);
    await traceApi.signIn();
    const traceSvc = serviceSide(traceApi);
    const stages: StageSummary[] = [];
    /** One request at a time through the instrumented app, alternating with the bare client's same work. */
    const stageOf = async <T>(request: string, traceP: BenchPath<T>, n: number) => {
      if (traceP.noticesPerOp) await settle(`${request} stages`);
      const traces: RequestStages[] = [];
      const bareMs: number[] = [];
      traceApi.freshConnections();
      for (let i = 0; i < n; i++) {
        const [serviceItem] = await traceP.items('service', 1);
        const [bareItem] = await traceP.items('bare', 1);
        traces.push(await traced(() => traceP.run.service(serviceItem as T)));
        const t0 = performance.now();
        await traceP.run.bare(bareItem as T);
        bareMs.push(performance.now() - t0);
      }
      stages.push(summarizeStages(request, traces, bareMs));
    };

    const paths: PathResult[] = [];
    const skipped: BenchResult['skipped'] = [];
    await timedPhase('start', async () => {
      paths.push(await measure(startPath(svc, bare, backlog, pool), PLAN.start));
      await stageOf('create', startPath(traceSvc, bare, backlog, pool), PLAN.stageSamples);
      // The create route's query waits for the new workflow's first task; the same query on an estimate that
      // has long run it shows how much of that wait is the first task itself.
      await settle('idle query');
      stages.push(await idleQueryStage(stack.client, await pool.take(PLAN.stageSamples)));
    });
    await timedPhase('action', async () => {
      paths.push(await measure(actionPath(svc, bare, backlog, pool), PLAN.action));
      await stageOf('update', actionPath(traceSvc, bare, backlog, pool), PLAN.stageSamples);
    });
    await timedPhase('flow', async () => {
      paths.push(await measure(flowPath(svc, bare, backlog, approved), PLAN.flow));
    });
    await settle('before the fleet');

    const fleet = await timedPhase('fleet', async () => {
      log(`fleet: starting ${PLAN.fleet} open estimates through the bare client (${FLEET_CONCURRENCY} at a time)`);
      const f = await createFleet(stack.client, PLAN.fleet, FLEET_CONCURRENCY, 'tckh');
      log(`  ${f.size} started in ${(f.startedInMs / 1000).toFixed(1)} s (${f.startsPerSec}/s, ${f.errors} errors); the list sees ${f.visibleOpen} open`);
      return f;
    });
    const withFleet = await stack.workerReport();
    samples.push({ ...withFleet, at: 'with the fleet' });

    await timedPhase('list', async () => {
      paths.push(await measure(listPath(svc, bare, 'tckh'), PLAN.list));
      await stageOf('list', listPath(traceSvc, bare, 'tckh'), PLAN.stageSamples);
    });

    await timedPhase('audit', async () => {
      const route = await findAuditRoute(stack.apiUrl);
      if (!route) {
        const reason = 'the API has no audit timeline route (api/audit) yet';
        log(`audit: skipped: ${reason}`);
        skipped.push({ key: 'audit', reason });
        return;
      }
      paths.push(await measure(auditPath(api, stack.client, route, approved), PLAN.audit));
      await stageOf('audit', auditPath(traceApi, stack.client, route, approved), PLAN.stageSamples);
    });

    const microUs = await microTimings(stack.secret, api.token('submitter'));
    await instrumented.stop();

    const slope = rssSlope(samples);
    const result: BenchResult = {
      machine: { ...machine, loadAverageAtEnd: os.loadavg().map((l) => round2(l)) },
      scale: QUICK ? 'quick' : 'full',
      durationsSec: { ...durations, total: Math.round((performance.now() - began) / 100) / 10 },
      othersCpuShare: round2(cpuTotals.all ? cpuTotals.others / cpuTotals.all : 0),
      paths,
      skipped,
      stages,
      microUs,
      fleet,
      worker: {
        samples,
        withFleet,
        ...(slope !== undefined
          ? { mibPerCachedWorkflow: round2(slope.mibPerWorkflow), projectedRssAtFullCacheMiB: Math.round(slope.interceptMiB + slope.mibPerWorkflow * withFleet.maxCachedWorkflows) }
          : {}),
      },
    };
    mkdirSync(path.dirname(OUT), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`\n${formatTable(result)}\n\nWritten to ${path.relative(process.cwd(), OUT)} in ${result.durationsSec.total} s.\n`);
    const slower = paths.flatMap((p) => p.levels.filter(isSlower).map((l) => `${p.key}@${l.concurrency}`));
    if (slower.length) process.stdout.write(`Over 1.3x slower than bare Temporal: ${slower.join(', ')} (see the stages above).\n`);
    const errors = paths.flatMap((p) => p.levels).reduce((s, l) => s + l.service.errors + l.bare.errors, 0);
    if (errors) process.stdout.write(`${errors} operations failed; their figures leave them out.\n`);
    return errors ? 1 : 0;
  } finally {
    await stack.stop();
  }
}

function zeroCpu(): CpuPerOp {
  const names: Array<ProcessName | 'others'> = ['temporal', 'worker', 'api', 'bench', 'others'];
  return Object.fromEntries(names.map((n) => [n, 0])) as CpuPerOp;
}

/** Least squares of RSS (MiB) over cached workflows; undefined when the cache barely moved. */
function rssSlope(samples: WorkerSample[]): { mibPerWorkflow: number; interceptMiB: number } | undefined {
  const xs = samples.map((s) => s.numCachedWorkflows);
  const ys = samples.map((s) => s.rssBytes / 2 ** 20);
  const n = xs.length;
  if (n < 3 || Math.max(...xs) - Math.min(...xs) < 50) return undefined;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  const sxy = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0);
  const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const mibPerWorkflow = sxy / sxx;
  return { mibPerWorkflow, interceptMiB: my - mibPerWorkflow * mx };
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
