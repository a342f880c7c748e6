/**
 * What every response carries, whatever the route: security headers, CORS for the configured origins only, a
 * request id shared by the response, its problem body and every log line about it; and logs that are JSON
 * and hold no token, name or email.
 */
import request from 'supertest';
import { Writable } from 'node:stream';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { useService } from './support/service';
import { directory, readOutbox } from './support/temporal';
import { createTestApi, militaryEstimate } from './support/api';
import { createLogger } from '../api/middleware/logging';

let client: Client;
let taskQueue: string;
let outbox: string;

// Each test builds the API it needs on the service's client and task queue.
const service = useService('contract-http');
beforeAll(() => {
  ({ client, taskQueue, outbox } = service);
});

/** A logger writing JSON lines into memory. */
function capturedLogs() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger('debug', stream), lines };
}

test('every response has the security headers and a request id', async () => {
  const api = createTestApi(client, taskQueue);
  for (const path of ['/health/live', '/api/v1/openapi.json', '/docs', '/api/v1/budgets', '/khong-co']) {
    const res = await request(api.app).get(path);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': expect.stringContaining('max-age='),
      'x-request-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  }
  // A proxy's request id is kept, so one id follows the request through every hop; a malformed one is replaced.
  const traced = await request(api.app).get('/health/live').set('X-Request-Id', 'lb-7f3a9c21-0001');
  expect(traced.headers['x-request-id']).toBe('lb-7f3a9c21-0001');
  const forged = await request(api.app).get('/health/live').set('X-Request-Id', 'x"}{ <script> forged line');
  expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
});

test('the interactive docs load their assets from this origin under the security policy', async () => {
  const api = createTestApi(client, taskQueue);
  const page = await request(api.app).get('/docs');
  expect(page.status).toBe(200);
  expect(page.text).toContain('/docs/assets/swagger-ui-bundle.js');
  const script = await request(api.app).get('/docs/assets/swagger-ui-bundle.js');
  expect(script.status).toBe(200);
  expect(page.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
});

test('CORS answers the configured origins only', async () => {
  const api = createTestApi(client, taskQueue, undefined, { http: { corsOrigins: ['https://kehoach.bacson.langson.gov.vn'] } });
  const allowed = await request(api.app)
    .options('/api/v1/budgets')
    .set('Origin', 'https://kehoach.bacson.langson.gov.vn')
    .set('Access-Control-Request-Method', 'POST')
    .set('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key');
  expect(allowed.status).toBe(204);
  expect(allowed.headers['access-control-allow-origin']).toBe('https://kehoach.bacson.langson.gov.vn');
  expect(allowed.headers['access-control-allow-headers']).toMatch(/Idempotency-Key/i);
  const get = await request(api.app).get('/api/v1/budgets').set('Origin', 'https://kehoach.bacson.langson.gov.vn').set('Authorization', await api.bearer('thanh-tt'));
  expect(get.headers['access-control-allow-origin']).toBe('https://kehoach.bacson.langson.gov.vn');
  expect(get.headers['access-control-expose-headers']).toMatch(/X-Request-Id/);

  const other = await request(api.app).options('/api/v1/budgets').set('Origin', 'https://evil.example.com').set('Access-Control-Request-Method', 'POST');
  expect(other.headers['access-control-allow-origin']).toBeUndefined();
  // Out of the box no origin at all.
  const closed = createTestApi(client, taskQueue);
  const none = await request(closed.app).options('/api/v1/budgets').set('Origin', 'https://kehoach.bacson.langson.gov.vn').set('Access-Control-Request-Method', 'POST');
  expect(none.headers['access-control-allow-origin']).toBeUndefined();
});

test('the JSON body limit is configurable', async () => {
  const api = createTestApi(client, taskQueue, undefined, { http: { bodyLimitKb: 1 } });
  const res = await request(api.app)
    .post('/api/v1/budgets')
    .set('Authorization', await api.bearer('quan-bchqs'))
    .send({ ...militaryEstimate, note: 'x'.repeat(2000) });
  expect(res.status).toBe(413);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
});

test('logs are JSON lines; each line of a request carries its id, which the problem body names too; no token, name or email', async () => {
  const { logger, lines } = capturedLogs();
  const api = createTestApi(client, taskQueue, undefined, { logger });
  const token = await api.bearer('quan-bchqs');

  const created = await request(api.app).post('/api/v1/budgets').set('Authorization', token).set('X-Request-Id', 'trace-submit-0001').send(militaryEstimate);
  expect(created.status).toBe(201);
  const refused = await request(api.app).get('/api/v1/budgets').set('Authorization', `${token}x`);
  expect(refused.status).toBe(401);
  expect(refused.body.requestId).toBe(refused.headers['x-request-id']);
  const invalid = await request(api.app).post('/api/v1/budgets').set('Authorization', token).send({ title: 'Hoàng Văn Quân', lines: [] });
  expect(invalid.status).toBe(400);

  // A server-side failure is logged with its error, under the same id (Temporal unreachable here).
  const deadConnection = Connection.lazy({ address: '127.0.0.1:1', interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 1 }))] });
  const down = createTestApi(new Client({ connection: deadConnection }), taskQueue, undefined, { logger });
  const unavailable = await request(down.app).get('/api/v1/budgets/DT-2024-ABCD1234').set('Authorization', await down.bearer('thanh-tt'));
  expect(unavailable.status).toBe(503);
  await deadConnection.close().catch(() => undefined);

  // Let the submission's notice go out before the worker is stopped (a stop mid-activity waits for it).
  for (let i = 0; i < 50 && (await readOutbox(outbox)).length === 0; i++) await new Promise((r) => setTimeout(r, 100));

  const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(records.length).toBeGreaterThanOrEqual(5);
  // Every line is about one request and says which.
  for (const r of records) expect(typeof r.requestId).toBe('string');
  const of = (id: string) => records.filter((r) => r.requestId === id);
  expect(of('trace-submit-0001')).toEqual([expect.objectContaining({ msg: expect.stringMatching(/^POST \/api\/v1\/budgets 201 /), agency: 'bchqs', role: 'staff', res: { status: 201 } })]);
  expect(of(refused.headers['x-request-id'] as string)).toEqual([expect.objectContaining({ res: { status: 401 }, level: 'info' })]);
  const failure = of(unavailable.headers['x-request-id'] as string);
  expect(failure.map((r) => r.level)).toEqual(['error', 'error']);
  expect(failure[0]).toMatchObject({ msg: 'request failed', err: expect.objectContaining({ message: expect.any(String) }) });

  // Nothing personal: no token, no name or email of anyone in the directory (the submitted title had a name).
  const text = lines.join('\n');
  expect(text).not.toContain(token.replace('Bearer ', ''));
  expect(text).not.toMatch(/authorization/i);
  for (const user of directory.data.users) {
    expect(text).not.toContain(user.name);
    expect(text).not.toContain(user.email);
  }
});
