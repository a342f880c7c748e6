/**
 * Health and stopping: liveness answers while the process runs; readiness is false while Temporal is
 * unreachable (a dev server of its own, torn down mid-test) and while the API drains; a graceful stop answers
 * the request in flight and accepts no new connection.
 */
import request from 'supertest';
import { connect, type Socket } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTestWorker, quietRuntime, readOutbox, sharedClient, tempDir, testDeps, uniqueQueue } from './support/temporal';
import { createTestApi, militaryEstimate } from './support/api';
import { TEMPORAL_CLI } from './support/binaries';
import { serve } from '../api/server';
import { allSearchAttributeKeys } from '../workflows/common/search-attributes';

let client: Client;
let connection: Connection;

beforeAll(async () => {
  ({ client, connection } = await sharedClient());
});

afterAll(async () => {
  await connection.close();
});

test('live and ready while Temporal answers; ready says when the API is draining', async () => {
  const api = createTestApi(client, uniqueQueue('health'));
  const live = await request(api.app).get('/health/live');
  expect(live.status).toBe(200);
  expect(live.body).toEqual({ status: 'ok' });
  const ready = await request(api.app).get('/health/ready');
  expect(ready.status).toBe(200);
  expect(ready.body).toEqual({ status: 'ready', temporal: 'reachable', draining: false });

  const draining = createTestApi(client, uniqueQueue('health'), undefined, { draining: () => true });
  const notReady = await request(draining.app).get('/health/ready');
  expect(notReady.status).toBe(503);
  expect(notReady.body).toMatchObject({ status: 'not ready', draining: true });
  expect((await request(draining.app).get('/health/live')).status).toBe(200);
});

test('readiness turns 503 when the Temporal server stops, while liveness stays 200', async () => {
  quietRuntime();
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: TEMPORAL_CLI }, searchAttributes: [...allSearchAttributeKeys], ip: '127.0.0.1', log: { format: 'pretty', level: 'error' } },
  });
  const own = await Connection.connect({ address: env.address });
  let tornDown = false;
  try {
    const api = createTestApi(new Client({ connection: own }), uniqueQueue('health'), undefined, { http: { readinessTimeoutMs: 1000 } });
    const up = await request(api.app).get('/health/ready');
    expect(up.status).toBe(200);
    expect(up.body.temporal).toBe('reachable');

    await env.teardown();
    tornDown = true;
    const started = Date.now();
    const down = await request(api.app).get('/health/ready');
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'not ready', temporal: 'unreachable', draining: false });
    // Bounded by the readiness timeout, not by the client's retries.
    expect(Date.now() - started).toBeLessThan(5000);
    const live = await request(api.app).get('/health/live');
    expect(live.status).toBe(200);
  } finally {
    await own.close().catch(() => undefined);
    if (!tornDown) await env.teardown();
  }
}, 60_000);

/** Sends the head of a request and part of its body; the rest waits for `finish`. */
function partialPost(port: number, path: string, authorization: string, body: string): Promise<{ socket: Socket; finish: () => Promise<string> }> {
  return new Promise((resolve, reject) => {
    const bytes = Buffer.from(body);
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${authorization}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${bytes.length}\r\nConnection: keep-alive\r\n\r\n`,
      );
      socket.write(bytes.subarray(0, 10));
      let answer = '';
      socket.on('data', (d) => (answer += d.toString()));
      const ended = new Promise<string>((r) => socket.on('close', () => r(answer)));
      resolve({
        socket,
        finish: () => {
          socket.write(bytes.subarray(10));
          return ended;
        },
      });
    });
    socket.on('error', reject);
  });
}

test('a graceful stop answers the request in flight, then closes; new connections are refused', async () => {
  const taskQueue = uniqueQueue('health-stop');
  const outbox = tempDir('outbox-health-stop');
  const { worker, connection: workerConnection }: { worker: Worker; connection: NativeConnection } = await createTestWorker({ taskQueue, deps: testDeps(outbox) });
  const running = worker.run();
  try {
    const api = createTestApi(client, taskQueue);
    const server = await serve(() => api.app, 0, '127.0.0.1');
    const inFlight = await partialPost(server.port, '/api/v1/budgets', await api.bearer('quan-bchqs'), JSON.stringify(militaryEstimate));

    const stopped = server.stop(10_000);
    // No new connection once stopping has begun.
    await expect(request(`http://127.0.0.1:${server.port}`).get('/health/live')).rejects.toThrow(/ECONNREFUSED/);

    // The request that was in flight is answered in full, and its connection closed after it.
    const answer = await inFlight.finish();
    expect(answer).toMatch(/^HTTP\/1\.1 201 /);
    expect(answer).toMatch(/\r\nConnection: close\r\n/i);
    expect(answer).toContain('"status":"in_appraisal"');
    expect(await stopped).toBe('drained');
    // Let the submission's notice go out before the worker is stopped (a stop mid-activity waits for it).
    for (let i = 0; i < 50 && (await readOutbox(outbox)).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  } finally {
    worker.shutdown();
    await running;
    await workerConnection.close();
  }
});
