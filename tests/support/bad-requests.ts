/**
 * Sending the bad requests of tests/bad-input.test.ts and checking each answer: 4xx as expected, a complete
 * problem+json with the request id, the bad fields named, and the answer as the OpenAPI document declares it.
 */
import request from 'supertest';
import type { TestApi } from './api';
import { exampleOf, pathOf, type JsonSchema, type OpenApiDocument, type Operation, type ResponseChecker } from './openapi';

export interface BadCase {
  name: string;
  op: Operation;
  /** Path parameters (real estimate id where the path names an estimate). */
  path?: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  /** Raw body and its content type; or `json` to send a value as JSON. */
  raw?: { type: string; body: string | Buffer };
  json?: unknown;
  /** Omit the default token, or send this Authorization value instead. */
  authorization?: string | null;
  /** The status expected (or the statuses accepted). */
  status: number | number[];
  /** Fields the problem must name (`body.lines.0.quantity`, `params.id`, ...). */
  fields?: string[];
}

/** What the requests are sent with, read when they are sent (set up in the test file's beforeAll). */
export interface BadRequestContext {
  api: TestApi;
  doc: OpenApiDocument;
  checker: ResponseChecker;
  /** The estimate budget paths name, and who sends the requests. */
  budgetId: string;
  actor: string;
}

export const jsonSchemaOf = (op: Operation): JsonSchema | undefined => op.spec.requestBody?.content['application/json']?.schema;

export function badRequests(ctx: () => BadRequestContext) {
  /** The path of an operation with valid parameters: the real estimate for budget paths, examples elsewhere. */
  function validPath(op: Operation, overrides: Record<string, string> = {}, raw: Record<string, string> = {}): string {
    const values = Object.fromEntries(op.params('path').map((p) => [p.name, String(exampleOf(ctx().doc, p.schema))]));
    if (op.template.startsWith('/api/v1/budgets/{id}')) values.id = ctx().budgetId;
    return pathOf(op.template, { ...values, ...overrides }, raw);
  }

  const validBody = (op: Operation): unknown => {
    const schema = jsonSchemaOf(op);
    return schema ? exampleOf(ctx().doc, schema, true) : undefined;
  };

  async function send(c: BadCase): Promise<request.Response> {
    const path = c.path ?? validPath(c.op);
    let req = request(ctx().api.app)[c.op.method as 'post'](path);
    if (c.query) req = req.query(c.query);
    const auth = c.authorization === undefined ? await ctx().api.bearer(ctx().actor) : c.authorization;
    if (auth !== null) req = req.set('Authorization', auth);
    for (const [h, v] of Object.entries(c.headers ?? {})) req = req.set(h, v);
    if (c.raw) return req.set('Content-Type', c.raw.type).send(c.raw.body);
    if (c.json !== undefined) return req.set('Content-Type', 'application/json').send(JSON.stringify(c.json));
    const body = validBody(c.op);
    return body === undefined ? req : req.send(body as object);
  }

  /** Runs the cases; returns every way any answer fell short. */
  async function run(cases: BadCase[]): Promise<string[]> {
    const failures: string[] = [];
    for (const c of cases) {
      const path = c.path ?? validPath(c.op);
      const res = await send(c);
      const where = `${c.op.method.toUpperCase()} ${c.op.template} [${c.name}]`;
      if (!(Array.isArray(c.status) ? c.status : [c.status]).includes(res.status)) failures.push(`${where}: ${res.status}, expected ${c.status} (${res.text.slice(0, 200)})`);
      if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) failures.push(`${where}: content type ${res.headers['content-type']}`);
      else {
        if (res.body.status !== res.status || !res.body.title || !res.body.type) failures.push(`${where}: not a complete problem ${res.text.slice(0, 200)}`);
        if (!res.body.requestId || res.body.requestId !== res.headers['x-request-id']) failures.push(`${where}: problem without the request id`);
        const named = ((res.body.errors ?? []) as Array<{ field: string }>).map((e) => e.field);
        for (const f of c.fields ?? []) if (!named.includes(f)) failures.push(`${where}: field ${f} not named (named: ${named.join(', ') || 'none'})`);
      }
      failures.push(...ctx().checker.check(c.op.method, path, res).map((v) => `${where}: ${v}`));
    }
    return failures;
  }

  return { validPath, validBody, send, run };
}
