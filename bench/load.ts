/**
 * Runs operations at a fixed concurrency and keeps what a reader of the table needs: each operation's
 * latency, the wall time of the round, and the errors (an error is counted, never timed).
 */

export interface Round {
  latenciesMs: number[];
  wallMs: number;
  errors: number;
  firstError?: string;
}

/** Runs `op` once per item, `concurrency` at a time (each slot takes the next item as soon as it is free). */
export async function runRound<T>(items: readonly T[], concurrency: number, op: (item: T) => Promise<unknown>): Promise<Round> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const slot = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      const t0 = performance.now();
      try {
        await op(item);
        latenciesMs.push(performance.now() - t0);
      } catch (err) {
        errors += 1;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, slot));
  return { latenciesMs, wallMs: performance.now() - t0, errors, ...(firstError ? { firstError } : {}) };
}

export interface Summary {
  ops: number;
  errors: number;
  opsPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
  firstError?: string;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** Throughput is successful operations over the summed wall time of the side's rounds. */
export function summarize(rounds: readonly Round[]): Summary {
  const all = rounds.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  const wall = rounds.reduce((s, r) => s + r.wallMs, 0);
  const errors = rounds.reduce((s, r) => s + r.errors, 0);
  const firstError = rounds.find((r) => r.firstError)?.firstError;
  return {
    ops: all.length,
    errors,
    opsPerSec: wall > 0 ? (all.length / wall) * 1000 : 0,
    p50Ms: percentile(all, 50),
    p95Ms: percentile(all, 95),
    p99Ms: percentile(all, 99),
    meanMs: all.length ? all.reduce((s, v) => s + v, 0) / all.length : NaN,
    ...(firstError ? { firstError } : {}),
  };
}
