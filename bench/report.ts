/** The result file's shape and the table printed at the end. */
import type { MachineFacts, ProcessName } from './machine';
import type { Summary } from './load';
import type { FleetResult } from './fleet';
import type { PathKey } from './paths';
import type { StageSummary } from './stages';
import type { WorkerReport } from './worker-process';

export type CpuPerOp = Record<ProcessName | 'others', number>;

export interface SideResult extends Summary {
  /** CPU ms per successful operation, per process, over this side's rounds. */
  cpuMsPerOp: CpuPerOp;
}

export interface LevelResult {
  concurrency: number;
  rounds: number;
  opsPerRound: number;
  service: SideResult;
  bare: SideResult;
  /** service / bare, for each figure (latency above 1 and ops/s below 1 mean the service is slower). */
  ratio: { opsPerSec: number; p50: number; p95: number; p99: number };
  /** Waiting for the previous measurement's notices to go out before this level began. */
  settledBefore?: { waitedMs: number; left: number };
}

export interface PathResult {
  key: PathKey;
  title: string;
  levels: LevelResult[];
}

export interface WorkerSample extends WorkerReport {
  at: string;
}

export interface BenchResult {
  machine: MachineFacts & { loadAverageAtEnd: number[] };
  scale: string;
  durationsSec: Record<string, number>;
  /** Share of the machine's busy CPU used by processes other than the bench's own during the measured rounds. */
  othersCpuShare: number;
  paths: PathResult[];
  skipped: Array<{ key: PathKey; reason: string }>;
  stages: StageSummary[];
  microUs: Record<string, number>;
  fleet?: FleetResult;
  worker: {
    samples: WorkerSample[];
    withFleet?: WorkerReport;
    /** Least-squares slope of RSS over cached workflows across the samples, MiB per cached workflow. */
    mibPerCachedWorkflow?: number;
    /** RSS the slope gives for a full cache (maxCachedWorkflows), MiB. */
    projectedRssAtFullCacheMiB?: number;
  };
}

export const ratioOf = (s: Summary, b: Summary) => ({
  opsPerSec: round2(s.opsPerSec / b.opsPerSec),
  p50: round2(s.p50Ms / b.p50Ms),
  p95: round2(s.p95Ms / b.p95Ms),
  p99: round2(s.p99Ms / b.p99Ms),
});

export const round2 = (n: number) => Math.round(n * 100) / 100;
const mib = (b: number) => Math.round(b / 2 ** 20);

/** Slower by more than this counts as a cost to explain (issue 7). */
export const SLOWER_THRESHOLD = 1.3;

export function isSlower(l: LevelResult): boolean {
  return l.ratio.p50 > SLOWER_THRESHOLD || 1 / l.ratio.opsPerSec > SLOWER_THRESHOLD;
}

function pad(cells: Array<string | number>, widths: number[]): string {
  return cells.map((c, i) => (i < 3 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join('  ');
}

export function formatTable(result: BenchResult): string {
  const widths = [7, 5, 8, 6, 4, 8, 8, 8, 8];
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(n >= 100 ? 0 : 1) : '-');
  const lines = [pad(['path', 'conc', 'side', 'ops', 'err', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms'], widths)];
  lines.push('-'.repeat(lines[0]!.length));
  for (const p of result.paths) {
    for (const l of p.levels) {
      for (const side of ['service', 'bare'] as const) {
        const s = l[side];
        lines.push(pad([side === 'service' ? p.key : '', side === 'service' ? l.concurrency : '', side, s.ops, s.errors, f(s.opsPerSec), f(s.p50Ms), f(s.p95Ms), f(s.p99Ms)], widths));
      }
      const r = l.ratio;
      lines.push(pad(['', '', 'svc/bare', '', '', `${r.opsPerSec.toFixed(2)}x`, `${r.p50.toFixed(2)}x`, `${r.p95.toFixed(2)}x`, `${r.p99.toFixed(2)}x`], widths) + (isSlower(l) ? '  <- over 1.3x' : ''));
    }
  }
  for (const s of result.skipped) lines.push(`${s.key}: skipped (${s.reason})`);

  if (result.stages.length) {
    lines.push('', 'Where a request goes (concurrency 1, medians in ms; the app instrumented in the bench process):');
    for (const s of result.stages) {
      if (!s.serverMs) {
        lines.push(`  ${s.request.padEnd(16)} ${s.clientMs.toFixed(1)}`);
        continue;
      }
      const temporal = Object.entries(s.temporalMs)
        .map(([n, v]) => `${n}${(s.calls[n] ?? 1) > 1 ? ` x${s.calls[n]}` : ''} ${v.toFixed(1)}`)
        .join(' + ');
      lines.push(
        `  ${s.request.padEnd(16)} client ${s.clientMs.toFixed(1)} = transport ${s.transportMs.toFixed(1)} + server ${s.serverMs.toFixed(1)} ` +
          `[before Temporal ${s.beforeTemporalMs.toFixed(1)}, Temporal ${temporal}, between calls ${s.betweenMs.toFixed(1)}, after ${s.afterMs.toFixed(1)}]; bare ${s.bareMs.toFixed(1)}`,
      );
    }
    lines.push(`  alone: ${Object.entries(result.microUs).map(([k, v]) => `${k.replace(/Us$/, '')} ${v} µs`).join(', ')}`);
  }

  const w = result.worker;
  const last = w.withFleet ?? w.samples[w.samples.length - 1];
  if (last) {
    lines.push(
      '',
      `Worker: RSS ${mib(last.rssBytes)} MiB, ${last.numCachedWorkflows} workflows cached (limit ${last.maxCachedWorkflows})` +
        (result.fleet ? ` with ${result.fleet.visibleOpen} open estimates in the list (fleet of ${result.fleet.size} started at ${result.fleet.startsPerSec}/s)` : '') +
        (w.mibPerCachedWorkflow !== undefined ? `; ${w.mibPerCachedWorkflow.toFixed(2)} MiB per cached workflow, ~${w.projectedRssAtFullCacheMiB} MiB at a full cache` : ''),
    );
  }
  const m = result.machine;
  lines.push(
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, node ${m.node}, ${m.temporalCli.split('\n')[0]}; ${m.date}; ` +
      `load ${m.loadAverageAtStart.join('/')} -> ${m.loadAverageAtEnd.join('/')}; other processes used ${Math.round(result.othersCpuShare * 100)}% of the busy CPU.`,
  );
  return lines.join('\n');
}
