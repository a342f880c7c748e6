/**
 * A cluster of the tests' own, run by scripts/cluster.sh (the very script of `make cluster`) in a temporary
 * DATA_DIR on ports of its own, and what the drills need from it: each piece's pid, and when the script (as
 * a supervisor) has started a killed piece again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const repo = path.resolve(__dirname, '../..');

export interface RunningCluster {
  dataDir: string;
  /** Base URLs of the two API processes. */
  apiUrls: string[];
  /** Added to every default port of scripts/cluster.sh. */
  portOffset: number;
  /** Seconds scripts/cluster.sh took from its start to everything answering. */
  startSeconds: number;
  pidOf(piece: string): number;
  /** Milliseconds from `since` until the piece runs again under a new pid (and `ready`, if given, says yes). */
  restarted(piece: string, oldPid: number, since: number, ready?: () => Promise<boolean>, timeoutMs?: number): Promise<number>;
  /** Stops it all (Ctrl-C's way); the data folder is deleted unless `keep`. */
  stop(keep?: boolean): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts scripts/cluster.sh with `env` on top of this process's environment; resolves once all of it answers.
 * `again` starts it on the data (and ports) of an earlier one.
 */
export async function startCluster(env: Record<string, string>, again?: RunningCluster, timeoutMs = 240_000): Promise<RunningCluster> {
  const dataDir = again?.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'bac-son-cluster-'));
  // PostgreSQL runs as an unprivileged user, who must reach its folder inside this one.
  chmodSync(dataDir, 0o755);
  // Ports of their own, so that runs in other worktrees and `make cluster` are not in the way: the defaults
  // span 3000–8233, so offsets 6,000 apart never overlap, and the membership ports must stay below 32768
  // (Temporal's schema stores them as smallint), which leaves four; another one when the script finds a port busy.
  for (let attempt = 1; ; attempt++) {
    const offset = again?.portOffset ?? 6_000 * (1 + Math.floor(Math.random() * 4));
    try {
      return await runCluster(env, dataDir, offset, timeoutMs);
    } catch (err) {
      if (again || attempt === 8 || !/is in use/.test((err as Error).message)) throw err;
    }
  }
}

async function runCluster(env: Record<string, string>, dataDir: string, offset: number, timeoutMs: number): Promise<RunningCluster> {
  const log = createWriteStream(path.join(dataDir, 'cluster.out'), { flags: 'a' });
  const child: ChildProcess = spawn('scripts/cluster.sh', [], {
    cwd: repo,
    env: { ...process.env, ...env, DATA_DIR: dataDir, CLUSTER_PORT_OFFSET: String(offset) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  let exited: number | null = null;
  const done = new Promise<void>((resolve) => child.on('exit', (code) => ((exited = code ?? 1), resolve())));
  const runDir = path.join(dataDir, 'cluster', 'run');
  const started = Date.now();
  while (!existsSync(path.join(runDir, 'ready'))) {
    if (exited !== null || Date.now() - started > timeoutMs) {
      if (exited === null) child.kill('SIGTERM');
      await done;
      throw new Error(`scripts/cluster.sh did not come up:\n${readFileSync(path.join(dataDir, 'cluster.out'), 'utf8')}`);
    }
    await sleep(500);
  }
  const pidOf = (piece: string) => Number(readFileSync(path.join(runDir, `${piece}.pid`), 'utf8').trim());
  return {
    dataDir,
    portOffset: offset,
    apiUrls: [`http://127.0.0.1:${3000 + offset}`, `http://127.0.0.1:${3001 + offset}`],
    startSeconds: Number(readFileSync(path.join(runDir, 'ready'), 'utf8')),
    pidOf,
    async restarted(piece, oldPid, since, ready, restartTimeoutMs = 120_000) {
      for (;;) {
        let pid = oldPid;
        try {
          pid = pidOf(piece);
        } catch {
          // between the old pid file and the new one
        }
        if (pid !== oldPid && alive(pid) && (!ready || (await ready()))) return Date.now() - since;
        if (Date.now() - since > restartTimeoutMs) throw new Error(`${piece} was not started again within ${restartTimeoutMs} ms`);
        await sleep(100);
      }
    },
    async stop(keep = false) {
      if (exited === null) child.kill('SIGTERM');
      await done;
      log.end();
      if (exited !== 0) throw new Error(`scripts/cluster.sh stopped with status ${exited}:\n${readFileSync(path.join(dataDir, 'cluster.out'), 'utf8')}`);
      if (!keep) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
