/**
 * Bad input never hurts the API. The table is built from the served OpenAPI document, so it covers every
 * operation, including those added later: broken JSON, another content type, a body of the wrong type,
 * missing and unknown fields, wrong types, negative and huge numbers, over-long and huge strings in every
 * field; malformed ids and query values; missing, bad, expired and foreign tokens. Each is answered 4xx with a
 * problem+json that names the bad field and is declared in the document; and nothing is started or changed.
 */
import request from 'supertest';
import { SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { useService } from './support/service';
import { readOutbox } from './support/temporal';
import { AUDIENCE, ISSUER, militaryEstimate, type TestApi } from './support/api';
import {
  exampleOf,
  leavesOf,
  operationsOf,
  ResponseChecker,
  withValue,
  type JsonSchema,
  type OpenApiDocument,
  type Operation,
} from './support/openapi';
import { budgetWorkflowId, getBudgetQuery } from '../workflows/budget/messages';
import { badRequests, jsonSchemaOf, type BadCase } from './support/bad-requests';

let client: Client;
let taskQueue: string;
let api: TestApi;
let doc: OpenApiDocument;
let ops: Operation[];
let checker: ResponseChecker;
let outbox: string;

/** A real estimate the bad requests aim at, and what it looked like before. */
let budgetId: string;
let before: { workflows: number; history: number; state: string; mails: number };

/** The owner of the estimate: a person who could change it, were the input let through. */
const ACTOR = 'quan-bchqs';

async function snapshot() {
  const handle = client.workflow.getHandle(budgetWorkflowId(budgetId));
  const [{ count }, description, state, mails] = await Promise.all([
    client.workflow.count(`TaskQueue = '${taskQueue}'`),
    handle.describe(),
    handle.query(getBudgetQuery),
    readOutbox(outbox),
  ]);
  return { workflows: count, history: description.historyLength, state: JSON.stringify(state), mails: mails.length };
}

/** The snapshot once the submission's own effects (notices, visibility) have come to rest. */
async function settled() {
  let last = await snapshot();
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 300));
    const now = await snapshot();
    if (JSON.stringify(now) === JSON.stringify(last) && now.workflows > 0) return now;
    last = now;
  }
  return last;
}

const service = useService('bad-input', { api: { http: { ratePerMinute: 0 } } });
beforeAll(async () => {
  ({ client, taskQueue, api, outbox } = service);
  doc = (await request(api.app).get('/api/v1/openapi.json')).body as OpenApiDocument;
  ops = operationsOf(doc);
  checker = new ResponseChecker(doc);
  const created = await request(api.app).post('/api/v1/budgets').set('Authorization', await api.bearer(ACTOR)).send(militaryEstimate);
  expect(created.status).toBe(201);
  budgetId = created.body.id as string;
  before = await settled();
  // The estimate, and whatever its notices started (an agency's inbox).
  expect(before.workflows).toBeGreaterThanOrEqual(1);
});

const { validPath, validBody, run } = badRequests(() => ({ api, doc, checker, budgetId, actor: ACTOR }));

const isJsonBodyOp = (op: Operation) => jsonSchemaOf(op) !== undefined;
const typeOf = (s: JsonSchema): string | undefined => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);
const field = (path: Array<string | number>) => ['body', ...path.map(String)].join('.');

test('the table reaches every operation of the document', () => {
  // Guards the tests below against a document they could not read.
  expect(ops.filter(isJsonBodyOp).length).toBeGreaterThanOrEqual(8);
  expect(ops.filter((o) => o.params('path').length).length).toBeGreaterThanOrEqual(8);
});

test('broken JSON, another content type, a body of the wrong type, missing and unknown fields: 4xx naming the field', async () => {
  const cases: BadCase[] = [];
  for (const op of ops) {
    if (op.bodyTypes.includes('multipart/form-data')) {
      cases.push({ name: 'JSON instead of a multipart upload', op, json: { file: 'abc' }, status: 415 });
      cases.push({ name: 'broken multipart', op, raw: { type: 'multipart/form-data; boundary=xyz', body: '--xyz\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc' }, status: 400 });
    }
    const schema = jsonSchemaOf(op);
    if (!schema) continue;
    const body = validBody(op);
    cases.push({ name: 'broken JSON', op, raw: { type: 'application/json', body: '{"title": "Dự toán", ' }, status: 400, fields: ['(body)'] });
    cases.push({ name: 'text/plain', op, raw: { type: 'text/plain', body: JSON.stringify(body) }, status: 415 });
    cases.push({ name: 'form-encoded', op, raw: { type: 'application/x-www-form-urlencoded', body: 'title=x' }, status: 415 });
    cases.push({ name: 'XML', op, raw: { type: 'application/xml', body: '<title>x</title>' }, status: 415 });
    const required = schema.required ?? [];
    for (const wrong of [[], 'chuỗi', 42, true, null]) cases.push({ name: `body ${JSON.stringify(wrong)}`, op, json: wrong, status: 400 });
    if (required.length) {
      cases.push({ name: 'no body at all', op, raw: { type: 'application/json', body: '' }, status: 400 });
      cases.push({ name: 'empty object', op, json: {}, status: 400, fields: required.map((k) => `body.${k}`) });
    }
    for (const leaf of leavesOf(doc, schema)) {
      if (typeOf(leaf.schema) !== 'object') continue;
      cases.push({ name: `unknown field at ${field(leaf.path)}`, op, json: withValue(body, [...leaf.path, 'truongLa'], 'x'), status: 400, fields: [field([...leaf.path, 'truongLa'])] });
      for (const k of leaf.schema.required ?? []) {
        const parent = leaf.path.reduce<unknown>((v, p) => (v as Record<string | number, unknown> | undefined)?.[p], body) as Record<string, unknown> | undefined;
        if (!parent) continue;
        const { [k]: _dropped, ...rest } = parent;
        cases.push({ name: `missing ${field([...leaf.path, k])}`, op, json: withValue(body, leaf.path, rest), status: 400, fields: [field([...leaf.path, k])] });
      }
    }
  }
  expect(await run(cases)).toEqual([]);
});

test('wrong types, negative and huge numbers, over-long and huge strings in every field: 400 naming it (413 beyond the body limit)', async () => {
  const cases: BadCase[] = [];
  for (const op of ops.filter(isJsonBodyOp)) {
    const body = validBody(op);
    const bad = (name: string, path: Array<string | number>, value: unknown) => cases.push({ name: `${field(path)} ${name}`, op, json: withValue(body, path, value), status: 400, fields: [field(path)] });
    for (const { path, schema } of leavesOf(doc, jsonSchemaOf(op)!)) {
      if (path.length === 0) continue;
      const type = typeOf(schema);
      if (schema.enum) bad('outside its values', path, 'gia-tri-la');
      if (type === 'string') {
        bad('as a number', path, 12345);
        bad('as null', path, null);
        bad('as an object', path, { a: 1 });
        if (schema.maxLength !== undefined) bad('one over its maximum length', path, 'x'.repeat(schema.maxLength + 1));
        else bad('of 100 000 characters (no maximum length declared)', path, 'x'.repeat(100_000));
        if (schema.pattern) bad('not matching its pattern', path, '  \u0000<script>');
        cases.push({ name: `${field(path)} of 300 000 characters`, op, json: withValue(body, path, 'đ'.repeat(150_000)), status: 413 });
      }
      if (type === 'integer' || type === 'number') {
        bad('as a string', path, '100');
        bad('as null', path, null);
        bad('huge (1e21)', path, 1e21);
        bad('beyond safe integers', path, 2 ** 53 + 2);
        if ((schema.minimum ?? schema.exclusiveMinimum ?? -Infinity) >= 0) bad('negative', path, -1);
        if (type === 'integer') bad('fractional', path, 1.5);
      }
      if (type === 'array') {
        bad('as an object', path, {});
        bad('as a string', path, 'x');
        if ((schema.minItems ?? 0) >= 1) bad('empty', path, []);
        if (schema.maxItems !== undefined && schema.maxItems < 1000) {
          bad('one over its maximum items', path, Array.from({ length: schema.maxItems + 1 }, () => exampleOf(doc, schema.items ?? {})));
        }
      }
      if (type === 'object') bad('as an array', path, []);
      if (type === 'boolean') bad('as a string', path, 'true');
    }
  }
  expect(cases.length).toBeGreaterThan(100);
  expect(await run(cases)).toEqual([]);
}, 120_000);

test('malformed ids, bad query values and bad headers: 400 naming them', async () => {
  const cases: BadCase[] = [];
  for (const op of ops) {
    for (const p of op.params('path')) {
      const malformed: Array<[string, string]> = [
        ['with a space', 'DT 2024'],
        ['with a quote', "DT-2024' OR 1=1"],
        ['of 300 characters', 'D'.repeat(300)],
        ['with a NUL', 'DT\u00002024'],
        ['climbing folders', '../../etc/passwd'],
        ['in another script', 'dự-toán'],
      ];
      // An id with a declared shape is refused as malformed; one without is at least not found.
      const shaped = Boolean(p.schema.pattern || p.schema.enum || p.schema.format || p.schema.maxLength);
      for (const [name, value] of malformed) {
        const path = validPath(op, { [p.name]: value });
        cases.push(shaped ? { name: `${p.name} ${name}`, op, path, status: 400, fields: [`params.${p.name}`] } : { name: `${p.name} ${name}`, op, path, status: [400, 404] });
      }
      cases.push({ name: `${p.name} not decodable`, op, path: validPath(op, {}, { [p.name]: '%E0%A4%A' }), status: 400 });
    }
    for (const p of op.params('query')) {
      const type = typeOf(p.schema);
      const bad = (name: string, value: string | string[]) => cases.push({ name: `query ${p.name} ${name}`, op, query: { [p.name]: value }, status: 400, fields: [`query.${p.name}`] });
      bad('given twice', [String(exampleOf(doc, p.schema)), String(exampleOf(doc, p.schema))]);
      if (type === 'integer' || type === 'number') {
        bad('not a number', 'abc');
        bad('negative', '-1');
        if (p.schema.maximum !== undefined) bad('over its maximum', String(p.schema.maximum + 1));
        if (p.schema.minimum !== undefined) bad('under its minimum', String(p.schema.minimum - 1));
        bad('huge', '1e30');
        if (type === 'integer') bad('fractional', '1.5');
      }
      if (p.schema.enum) bad('outside its values', 'gia-tri-la');
      if (type === 'string' && p.schema.maxLength !== undefined) bad('one over its maximum length', 'x'.repeat(p.schema.maxLength + 1));
      if (type === 'string' && p.schema.pattern) bad('not matching its pattern', 'KHÔNG HỢP LỆ!');
    }
    for (const h of op.params('header')) {
      const bad = (name: string, value: string) => cases.push({ name: `header ${h.name} ${name}`, op, headers: { [h.name]: value }, status: 400, fields: [`headers.${h.name}`] });
      if (h.schema.pattern) bad('not matching its pattern', 'khoa co dau cach');
      bad('of 1000 characters', 'k'.repeat(1000));
    }
  }
  expect(cases.length).toBeGreaterThan(50);
  expect(await run(cases)).toEqual([]);
});

test('missing, bad, expired and foreign tokens: 401 on every secured operation', async () => {
  const now = Math.floor(Date.now() / 1000);
  const sign = (opts: { secret?: Uint8Array; issuer?: string; audience?: string; sub?: string; exp?: number | null; iat?: number | null; nbf?: number }) => {
    let jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject(opts.sub ?? ACTOR).setIssuer(opts.issuer ?? ISSUER).setAudience(opts.audience ?? AUDIENCE);
    if (opts.iat !== null) jwt = jwt.setIssuedAt(opts.iat ?? now - 7200);
    if (opts.exp !== null) jwt = jwt.setExpirationTime(opts.exp ?? now + 3600);
    if (opts.nbf) jwt = jwt.setNotBefore(opts.nbf);
    return jwt.sign(opts.secret ?? api.secret).then((t) => `Bearer ${t}`);
  };
  const unsigned = `Bearer ${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ sub: ACTOR, iss: ISSUER, aud: AUDIENCE, exp: now + 3600 })).toString('base64url')}.`;
  const tokens: Array<[string, string | null]> = [
    ['no Authorization header', null],
    ['Basic credentials', 'Basic cXVhbi1iY2hxczptYXRraGF1'],
    ['Bearer without a token', 'Bearer '],
    ['not a JWT', 'Bearer khong-phai-jwt'],
    ['expired an hour ago', await sign({ exp: now - 3600 })],
    ['not valid yet', await sign({ nbf: now + 3600 })],
    ['from another issuer', await sign({ issuer: 'https://idp.example.com' })],
    ['for another audience', await sign({ audience: 'another-api' })],
    ['signed with another key', await sign({ secret: randomBytes(32) })],
    ['for someone not in the directory', await sign({ sub: 'nguoi-la' })],
    ['unsigned (alg none)', unsigned],
    ['without an expiry (valid forever)', await sign({ exp: null })],
    ['valid for a year', await sign({ iat: now, exp: now + 365 * 86_400 })],
    ['valid for a year, without an issue time', await sign({ iat: null, exp: now + 365 * 86_400 })],
    ['signed with an empty key', await sign({ secret: new Uint8Array(0) }).catch(() => 'Bearer x.y.z')],
  ];
  const cases: BadCase[] = ops
    .filter((o) => o.secured)
    .flatMap((op) => tokens.map(([name, authorization]) => ({ name, op, authorization, status: 401 })));
  expect(cases.length).toBeGreaterThan(100);
  expect(await run(cases)).toEqual([]);
});

test('after all of it, nothing was started or changed', async () => {
  expect(await settled()).toEqual(before);
});
