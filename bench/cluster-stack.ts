/**
 * The scale run's other target: the production topology of `make cluster` (scripts/cluster.sh: PostgreSQL,
 * Temporal's frontend, history, matching and worker as separate processes, two service workers, two APIs), in
 * a temporary DATA_DIR on ports of its own, started the way tests/cluster starts it. Mail goes to the shared
 * outbox (DATA_DIR/outbox), as on the dev-server stack, so both targets count the units told the same way.
 */
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { localSigningKey } from '../api/auth';
import { startCluster } from '../tests/cluster/cluster';
import type { Stack } from './stack';

/** What a scale run needs of a target. */
export type ScaleStack = Pick<Stack, 'apiUrl' | 'secret' | 'outboxDir' | 'client' | 'stop'> & {
  /** The workers' memory (summed over the target's worker processes) and, where the target can tell, their cache. */
  workerReport(options?: { heapSnapshotTo?: string }): ReturnType<Stack['workerReport']>;
};

/** Resident memory of a process, from /proc (the cluster's workers answer no IPC). */
function rssBytesOf(pid: number): number {
  const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kib ? Number(kib) * 1024 : NaN;
}

export async function startClusterStack(log: (line: string) => void, extraEnv: Record<string, string>): Promise<ScaleStack> {
  const keyFile = path.join(os.tmpdir(), `bac-son-scale-key-${process.pid}-${Date.now()}`);
  const secret = localSigningKey(keyFile);
  const cluster = await startCluster({
    ...extraEnv,
    JWT_SECRET_FILE: keyFile,
    LOG_LEVEL: 'warn',
    // As on the dev-server stack: the per-person limit never refuses the bench's thousands of board reads.
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  log(`cluster up in ${cluster.startSeconds} s (scripts/cluster.sh, data in ${cluster.dataDir})`);
  const connection = await Connection.connect({ address: `127.0.0.1:${7233 + cluster.portOffset}` });
  const workers = ['worker-1', 'worker-2'];
  return {
    apiUrl: cluster.apiUrls[0]!,
    secret,
    outboxDir: path.join(cluster.dataDir, 'outbox'),
    client: new Client({ connection, namespace: 'default' }),
    async workerReport(options = {}) {
      if (options.heapSnapshotTo) throw new Error('SCALE_HEAP_SNAPSHOT_DIR: heap snapshots are taken on the dev-server target only');
      const rss = workers.map((w) => rssBytesOf(cluster.pidOf(w))).reduce((a, b) => a + b, 0);
      // The cluster's workers are worker/main.ts itself, which reports no status: only their memory is known.
      return { rssBytes: rss, heapUsedBytes: NaN, numCachedWorkflows: NaN, maxCachedWorkflows: NaN, numInFlightWorkflowActivations: NaN, numInFlightActivities: NaN };
    },
    async stop() {
      await connection.close();
      await cluster.stop();
      rmSync(keyFile, { force: true });
    },
  };
}
