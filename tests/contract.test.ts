/**
 * The OpenAPI document is the API's contract. Every route Express mounts, whoever added it, is in the document
 * (or listed below as infrastructure, with the reason); every operation declares the statuses the stack around
 * it can send; and what each operation really answers — to every role, signed out, over the rate limit, with an
 * oversized or mistyped body, with Temporal unreachable — is a status, media type and body the document declares.
 */
import request from 'supertest';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import type { Express } from 'express';
import { createTestApi, type TestApi } from './support/api';
import { useService } from './support/service';
import {
  exampleOf,
  mountedRoutes,
  operationsOf,
  pathOf,
  ResponseChecker,
  type OpenApiDocument,
  type Operation,
} from './support/openapi';

/** Routes served outside the document, and why. */
const INFRASTRUCTURE: Record<string, string> = {
  'get /api/v1/openapi.json': 'the document itself: describing it inside itself would say nothing a client can use',
  'get /docs': 'the interactive docs (an HTML page over the document), not part of the JSON API',
  'get /docs/init.js': 'script of the interactive docs page',
  'get /.*/': "the console's pages: index.html for a browser's page request outside /api, /docs and /health (api/console.ts)",
};

/** One person per role that acts in the API. */
const ROLES = ['quan-bchqs', 'hoa-tckh', 'thep-dt', 'thanh-tt', 'lan-vp', 'khanh-xa-long-dong', 'son-bchqs'];

let client: Client;
let taskQueue: string;
let api: TestApi;
let doc: OpenApiDocument;
let ops: Operation[];

const service = useService('contract', { api: { http: { ratePerMinute: 0 } } });
beforeAll(async () => {
  ({ client, taskQueue, api } = service);
  const served = await request(api.app).get('/api/v1/openapi.json');
  expect(served.status).toBe(200);
  doc = served.body as OpenApiDocument;
  ops = operationsOf(doc);
});

/** A request the operation's schemas accept: example path, query and header values, and body. */
function validRequest(app: Express, op: Operation, token?: string, overrides: { path?: string } = {}) {
  const values = Object.fromEntries(op.params('path').map((p) => [p.name, String(exampleOf(doc, p.schema))]));
  const query = Object.fromEntries(op.params('query').filter((p) => p.required).map((p) => [p.name, String(exampleOf(doc, p.schema))]));
  const path = overrides.path ?? pathOf(op.template, values);
  let req = request(app)[op.method as 'get'](path).query(query);
  if (token) req = req.set('Authorization', token);
  const media = op.bodyTypes[0];
  if (media === 'application/json') req = req.send(exampleOf(doc, op.spec.requestBody!.content[media]!.schema) as object);
  if (media === 'multipart/form-data') req = req.attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), 'to-trinh.pdf');
  return { req, path };
}

/** Checks the response against the document, and that an API error is a problem saying which request it was. */
function expectDeclared(checker: ResponseChecker, op: Operation, path: string, res: request.Response): void {
  checker.check(op.method, path, res);
  if (res.status >= 400 && path.startsWith('/api/')) {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(res.status);
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  }
}

test('every mounted route is in the document, and every documented operation is mounted', () => {
  const mounted = mountedRoutes(api.app);
  const documented = new Set(ops.map((o) => `${o.method} ${o.template}`));
  // The walk found the routes (a walk that found nothing would pass everything below).
  expect(mounted.length).toBeGreaterThanOrEqual(ops.length);
  const undocumented = mounted.map((r) => `${r.method} ${r.template}`).filter((r) => !documented.has(r) && !INFRASTRUCTURE[r]);
  expect(undocumented).toEqual([]);
  const mountedSet = new Set(mounted.map((r) => `${r.method} ${r.template}`));
  expect([...documented].filter((o) => !mountedSet.has(o))).toEqual([]);
  // Each infrastructure entry is still served (a stale list would hide nothing but mislead).
  expect(Object.keys(INFRASTRUCTURE).filter((r) => !mountedSet.has(r))).toEqual([]);
});

test('every operation declares the statuses the stack around it can send', () => {
  const missing: string[] = [];
  for (const op of ops) {
    const declared = new Set(Object.keys(op.spec.responses).map(Number));
    const need = (status: number, why: string) => {
      if (!declared.has(status)) missing.push(`${op.method} ${op.template}: ${status} (${why})`);
    };
    if (op.template.startsWith('/api/')) need(500, 'any API operation can fail');
    if (op.secured) {
      need(401, 'behind sign-in');
      need(429, 'behind the per-person rate limit');
    }
    if (['post', 'put', 'patch'].includes(op.method)) {
      need(413, 'the JSON body parser reads every POST/PUT/PATCH body');
      need(415, 'a body of another media type or charset');
    }
    if (op.bodyTypes.length || op.spec.parameters?.length) need(400, 'has inputs to validate');
    // Pagination limits: a page size is bounded, so no request asks Temporal for everything at once.
    for (const p of op.params('query').filter((q) => /^(pageSize|limit|perPage|size)$/.test(q.name))) {
      if (!(p.schema.maximum !== undefined && p.schema.maximum <= 1000)) missing.push(`${op.method} ${op.template}: ${p.name} has no maximum of at most 1000`);
    }
  }
  expect(missing).toEqual([]);
});

test('every pattern in the document is a plain regex and every link leads to an operation', () => {
  const patterns: string[] = [];
  const links: Array<{ operationId?: string }> = [];
  const walk = (node: unknown, key = ''): void => {
    if (Array.isArray(node)) node.forEach((n) => walk(n));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'pattern' && typeof v === 'string') patterns.push(v);
        else if (k === 'links' && key !== 'properties') links.push(...Object.values(v as Record<string, { operationId?: string }>));
        else walk(v, k);
      }
    }
  };
  walk(doc.paths);
  expect(patterns.length).toBeGreaterThan(0);
  // A leftover `/flags` (zod-to-openapi's rendering of /…/i) would make the document say something else.
  expect(patterns.filter((p) => /[^\\]\/[dgimsuvy]+$/.test(p))).toEqual([]);
  expect(patterns.filter((p) => { try { new RegExp(p, 'u'); return false; } catch { return true; } })).toEqual([]);
  const operationIds = new Set(ops.map((o) => o.spec.operationId));
  expect(links.length).toBeGreaterThan(0);
  expect(links.filter((l) => !operationIds.has(l.operationId))).toEqual([]);
});

test('what every operation answers each role, with a request its schemas accept, is declared', async () => {
  const checker = new ResponseChecker(doc);
  for (const op of ops) {
    for (const user of op.secured ? ROLES : [undefined]) {
      const { req, path } = validRequest(api.app, op, user ? await api.bearer(user) : undefined);
      const res = await req;
      expect(res.status).toBeLessThan(500);
      expectDeclared(checker, op, path, res);
    }
  }
  expect(checker.violations).toEqual([]);
});

test('signed out, every secured operation answers a declared 401 problem with a Bearer challenge', async () => {
  const checker = new ResponseChecker(doc);
  const secured = ops.filter((o) => o.secured);
  expect(secured.length).toBeGreaterThan(0);
  for (const op of secured) {
    const { req, path } = validRequest(api.app, op);
    const res = await req;
    expect([op.template, res.status]).toEqual([op.template, 401]);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expectDeclared(checker, op, path, res);
  }
  expect(checker.violations).toEqual([]);
});

test('an oversized or mistyped body is a declared 413 or 415 problem on every operation that takes one', async () => {
  const checker = new ResponseChecker(doc);
  const token = await api.bearer('quan-bchqs');
  const withBody = ops.filter((o) => ['post', 'put', 'patch'].includes(o.method));
  expect(withBody.length).toBeGreaterThan(0);
  for (const op of withBody) {
    const { path } = validRequest(api.app, op);
    const huge = await request(api.app)[op.method as 'post'](path).set('Authorization', token).set('Content-Type', 'application/json').send(`{"x":"${'a'.repeat(300 * 1024)}"}`);
    expect([op.template, huge.status]).toEqual([op.template, 413]);
    expectDeclared(checker, op, path, huge);
    const latin1 = await request(api.app)[op.method as 'post'](path).set('Authorization', token).set('Content-Type', 'application/json; charset=latin1').send('{}');
    expect([op.template, latin1.status]).toEqual([op.template, 415]);
    expectDeclared(checker, op, path, latin1);
    // A route that takes no body ignores whatever is sent with it; one that takes a body refuses any other type.
    if (!op.bodyTypes.length) continue;
    const text = await request(api.app)[op.method as 'post'](path).set('Authorization', token).set('Content-Type', 'text/plain').send('xin chào');
    expect([op.template, text.status]).toEqual([op.template, 415]);
    expectDeclared(checker, op, path, text);
  }
  expect(checker.violations).toEqual([]);
});

test('over the per-person rate limit every secured operation answers a declared 429 problem with Retry-After', async () => {
  const limited = createTestApi(client, taskQueue, undefined, { http: { ratePerMinute: 1 } });
  const checker = new ResponseChecker(doc);
  const token = await limited.bearer('thanh-tt');
  expect((await request(limited.app).get('/api/v1/budgets').set('Authorization', token)).status).toBe(200);
  for (const op of ops.filter((o) => o.secured)) {
    const { req, path } = validRequest(limited.app, op, token);
    const res = await req;
    expect([op.template, res.status]).toEqual([op.template, 429]);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expectDeclared(checker, op, path, res);
  }
  // The limit is per person: someone else is still served.
  expect((await request(limited.app).get('/api/v1/budgets').set('Authorization', await limited.bearer('thep-dt'))).status).toBe(200);
  expect(checker.violations).toEqual([]);
});

test('with Temporal unreachable every operation still answers something declared, never a 500', async () => {
  // Nothing listens on port 1: every call fails as when the Temporal server is down (without the client's
  // retries, which only make the same answer come later).
  const deadConnection = Connection.lazy({ address: '127.0.0.1:1', interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 1 }))] });
  const dead = createTestApi(new Client({ connection: deadConnection }), taskQueue, undefined, { http: { ratePerMinute: 0, readinessTimeoutMs: 500 } });
  try {
    const checker = new ResponseChecker(doc);
    const token = await dead.bearer('quan-bchqs');
    const answers = await Promise.all(
      ops.map(async (op) => {
        const { req, path } = validRequest(dead.app, op, op.secured ? token : undefined);
        const res = await req;
        expectDeclared(checker, op, path, res);
        if (res.status === 503 && path.startsWith('/api/')) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        return [`${op.method} ${op.template}`, res.status] as const;
      }),
    );
    expect(answers.filter(([, status]) => status >= 500 && status !== 503)).toEqual([]);
    // Those that needed Temporal said so.
    expect(Object.fromEntries(answers)).toMatchObject({ 'get /health/ready': 503, 'get /api/v1/budgets': 503, 'post /api/v1/budgets': 503 });
    expect(checker.violations).toEqual([]);
  } finally {
    await deadConnection.close().catch(() => undefined);
  }
}, 60_000);
