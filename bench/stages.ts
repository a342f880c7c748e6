/**
 * Where a request's time goes. A second instance of the real app (createApp, wired as api/server.ts wires
 * it, same configuration) runs inside the bench process with a few timers around it, none in the product
 * code: the HTTP server notes when a request arrives and when its answer is sent, and the app's Temporal
 * client notes each call it makes (start, query, update, list, history). One request at a time, so every
 * call belongs to the request in flight. Alongside, the pieces the request runs before it reaches Temporal
 * are timed alone (token verification, body validation).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { jwtVerify } from 'jose';
import pino from 'pino';
import { createDocumentStore } from '../activities/document-store';
import { createApp, httpOptionsOf } from '../api/app';
import { createLogger } from '../api/middleware/logging';
import { budgetPolicyOf } from '../api/server';
import { loadConfig } from '../config/env';
import { AppraiseInputSchema, budgetWorkflowId, EstimateInputSchema, getBudgetQuery, RequestRevisionInputSchema } from '../workflows/budget/messages';
import { appraisal, directory, estimate, revisionRequest } from './fixtures';
import { percentile } from './load';

interface Call {
  name: string;
  start: number;
  end: number;
}
interface Trace {
  arrive: number;
  finish: number;
  calls: Call[];
}

let current: Trace | undefined;

function timed<T>(name: string, f: () => Promise<T>): Promise<T> {
  const trace = current;
  const call: Call = { name, start: performance.now(), end: 0 };
  return f().finally(() => {
    call.end = performance.now();
    trace?.calls.push(call);
  });
}

function timeHandle<H extends WorkflowHandle>(h: H): H {
  const query = h.query.bind(h);
  const executeUpdate = h.executeUpdate.bind(h);
  const describe = h.describe.bind(h);
  Object.assign(h, {
    query: (...a: Parameters<typeof query>) => timed('query', () => query(...a)),
    executeUpdate: (...a: Parameters<typeof executeUpdate>) => timed('update', () => executeUpdate(...a)),
    describe: (...a: Parameters<typeof describe>) => timed('describe', () => describe(...a)),
  });
  return h;
}

/** A Temporal client of its own whose calls are timed; the bare side's client is left untouched. */
async function timedClient(address: string): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: 'default' });
  const wf = client.workflow as unknown as Record<string, (...a: unknown[]) => unknown>;
  const start = wf.start!.bind(wf) as (...a: unknown[]) => Promise<WorkflowHandle>;
  const getHandle = wf.getHandle!.bind(wf) as (...a: unknown[]) => WorkflowHandle;
  wf.start = async (...a: unknown[]) => timeHandle(await timed('start', () => start(...a)));
  wf.getHandle = (...a: unknown[]) => timeHandle(getHandle(...a));
  const signalWithStart = wf.signalWithStart!.bind(wf) as (...a: unknown[]) => Promise<WorkflowHandle>;
  wf.signalWithStart = (...a: unknown[]) => timed('signalWithStart', () => signalWithStart(...a));
  const service = connection.workflowService as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  // Calls the app makes on the service directly (fetchHistory ends here too).
  const rpcs = { listWorkflowExecutions: 'list', getWorkflowExecutionHistory: 'history', countWorkflowExecutions: 'count' };
  for (const [rpc, name] of Object.entries(rpcs)) {
    const original = service[rpc]!.bind(service);
    service[rpc] = (...a: unknown[]) => timed(name, () => original(...a));
  }
  return { client, connection };
}

export interface InstrumentedApi {
  url: string;
  stop(): Promise<void>;
}

/** The app as api/server.ts builds it, on a free port, with a timer at each end of every request. */
export async function startInstrumentedApi(env: Record<string, string | undefined>, logFile: string): Promise<InstrumentedApi> {
  const config = loadConfig(env);
  const { client, connection } = await timedClient(config.TEMPORAL_ADDRESS);
  const app = createApp({
    logger: createLogger(config.LOG_LEVEL, pino.destination({ dest: logFile, sync: false })),
    http: httpOptionsOf(config),
    client,
    directory,
    taskQueue: config.TASK_QUEUE,
    budgetPolicy: budgetPolicyOf(config),
    documents: createDocumentStore({ dir: config.documentsDir, maxBytes: config.DOCUMENT_MAX_BYTES }),
    auth: { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, secret: secretOf(config.jwtSecretFile) },
  });
  const server = http.createServer((req, res) => {
    const trace: Trace = { arrive: performance.now(), finish: 0, calls: [] };
    current = trace;
    res.on('finish', () => {
      trace.finish = performance.now();
      lastTrace = trace;
    });
    app(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await connection.close();
    },
  };
}

/** The key in the file the API process reads too (the bench wrote it). */
const secretOf = (file: string): Uint8Array => Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');

let lastTrace: Trace | undefined;

/** Per request: the client's total, and the server's stages. */
export interface RequestStages {
  clientMs: number;
  serverMs: number;
  /** Arrival to the first Temporal call: logging, security headers, sign-in, rate limit, body parsing, validation, the handler's own work. */
  beforeTemporalMs: number;
  /** Each Temporal call by name, summed within the request. */
  temporalMs: Record<string, number>;
  /** How many calls of each name the request made. */
  calls: Record<string, number>;
  /** Between Temporal calls: the handler's own work (or waiting) from one call to the next. */
  betweenMs: number;
  /** From the last Temporal call to the answer being sent: serialising, logging. */
  afterMs: number;
}

/** Runs one request through the instrumented app and splits its time. */
export async function traced(op: () => Promise<unknown>): Promise<RequestStages> {
  lastTrace = undefined;
  const t0 = performance.now();
  await op();
  const clientMs = performance.now() - t0;
  // The 'finish' event may come a tick after the client has its answer.
  for (let i = 0; !lastTrace && i < 50; i++) await new Promise((r) => setImmediate(r));
  const trace = lastTrace as Trace | undefined;
  if (!trace) throw new Error('the instrumented API did not finish the request');
  const calls = trace.calls.sort((a, b) => a.start - b.start);
  const temporalMs: Record<string, number> = {};
  const counts: Record<string, number> = {};
  for (const c of calls) {
    temporalMs[c.name] = (temporalMs[c.name] ?? 0) + (c.end - c.start);
    counts[c.name] = (counts[c.name] ?? 0) + 1;
  }
  const serverMs = trace.finish - trace.arrive;
  const first = calls[0];
  const lastEnd = Math.max(...calls.map((c) => c.end));
  const beforeTemporalMs = first ? first.start - trace.arrive : serverMs;
  const afterMs = first ? trace.finish - lastEnd : 0;
  const inTemporal = Object.values(temporalMs).reduce((s, v) => s + v, 0);
  return { clientMs, serverMs, beforeTemporalMs, temporalMs, calls: counts, betweenMs: Math.max(0, serverMs - beforeTemporalMs - inTemporal - afterMs), afterMs };
}

/** The medians (in ms; `calls`: the median number of calls of each name) of a request's stages. */
export interface StageSummary extends RequestStages {
  request: string;
  samples: number;
  /** HTTP on the wire and in the client: the client's total less the server's. */
  transportMs: number;
  /** The bare client doing the same Temporal work, measured alternately with the requests. */
  bareMs: number;
}

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

export function summarizeStages(request: string, stages: RequestStages[], bareMs: number[]): StageSummary {
  const names = [...new Set(stages.flatMap((s) => Object.keys(s.temporalMs)))];
  return {
    request,
    samples: stages.length,
    clientMs: median(stages.map((s) => s.clientMs)),
    transportMs: median(stages.map((s) => s.clientMs - s.serverMs)),
    serverMs: median(stages.map((s) => s.serverMs)),
    beforeTemporalMs: median(stages.map((s) => s.beforeTemporalMs)),
    temporalMs: Object.fromEntries(names.map((n) => [n, median(stages.map((s) => s.temporalMs[n] ?? 0))])),
    calls: Object.fromEntries(names.map((n) => [n, median(stages.map((s) => s.calls[n] ?? 0))])),
    betweenMs: median(stages.map((s) => s.betweenMs)),
    afterMs: median(stages.map((s) => s.afterMs)),
    bareMs: median(bareMs),
  };
}

/** The pieces before Temporal, timed alone: microseconds per call, over many calls. */
export async function microTimings(secret: Uint8Array, token: string): Promise<Record<string, number>> {
  const perCallUs = async (n: number, f: () => unknown): Promise<number> => {
    for (let i = 0; i < 200; i++) await f();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await f();
    return Math.round(((performance.now() - t0) / n) * 1000 * 10) / 10;
  };
  return {
    jwtVerifyUs: await perCallUs(3000, () => jwtVerify(token, secret, { issuer: 'bac-son-plan', audience: 'bac-son-plan-api', algorithms: ['HS256'] })),
    estimateValidationUs: await perCallUs(3000, () => EstimateInputSchema.safeParse(estimate)),
    appraisalValidationUs: await perCallUs(3000, () => AppraiseInputSchema.safeParse(appraisal)),
    revisionValidationUs: await perCallUs(3000, () => RequestRevisionInputSchema.safeParse(revisionRequest)),
  };
}

export const instrumentedLogFile = (dir: string) => path.join(dir, 'api-instrumented.log');

/** The bare client's query on estimates that are idle (their first tasks long done), one at a time. */
export async function idleQueryStage(client: Client, ids: string[]): Promise<StageSummary> {
  const ms: number[] = [];
  for (const id of ids) {
    const t0 = performance.now();
    await client.workflow.getHandle(budgetWorkflowId(id)).query(getBudgetQuery);
    ms.push(performance.now() - t0);
  }
  const m = median(ms);
  return { request: 'query (idle, bare)', samples: ms.length, clientMs: m, transportMs: 0, serverMs: 0, beforeTemporalMs: 0, temporalMs: { query: m }, calls: { query: 1 }, betweenMs: 0, afterMs: 0, bareMs: m };
}
