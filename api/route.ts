/**
 * Declares one route: registers its OpenAPI path from its zod schemas, validates the request with the same
 * schemas (every bad field named, 400; a body that is not JSON, 415) and hands the typed values on.
 *
 * Every status the route can answer is declared in the document: its own (`responses`, `problems`) and the
 * ones the stack around it may send (see `genericProblems`).
 */
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { FieldProblem } from '../workflows/common/refusal';
import { fieldsOf, HttpProblem } from './problem';
import { API_PREFIX, ProblemSchema, requestIdHeader } from './openapi';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec<B extends z.ZodType, P extends z.ZodObject, Q extends z.ZodObject, H extends z.ZodObject> {
  method: Method;
  /** Express path, e.g. `/api/v1/budgets/:id`. */
  path: string;
  /** Defaults to one made of the method and the path, e.g. `postBudgetsIdApprove`. */
  operationId?: string;
  summary: string;
  description?: string;
  tags: string[];
  body?: B;
  params?: P;
  query?: Q;
  /** Request headers the route reads (e.g. `Idempotency-Key`), matched whatever their case. */
  headers?: H;
  /** Successful responses: status → description, schema, headers, and links to what can be done next. */
  responses: Record<number, { description: string; schema?: z.ZodType; headers?: Record<string, string>; links?: Links }>;
  /** Problem statuses this route answers itself (403, 404, 409, ...); the generic ones are added. */
  problems?: number[];
  /** No sign-in needed. */
  public?: boolean;
  handler: (
    input: { body: z.infer<B>; params: z.infer<P>; query: z.infer<Q>; headers: z.infer<H> },
    req: Request,
    res: Response,
  ) => Promise<unknown>;
}

const problemDescriptions: Record<number, string> = {
  400: 'Dữ liệu không hợp lệ (mọi trường sai đều được nêu)',
  401: 'Chưa đăng nhập hoặc mã đăng nhập không hợp lệ',
  403: 'Không có quyền',
  404: 'Không tìm thấy',
  409: 'Không thực hiện được ở trạng thái hiện tại',
  413: 'Nội dung quá lớn',
  415: 'Nội dung không phải JSON (UTF-8)',
  422: 'Không khớp với yêu cầu đã gửi trước đó cùng Idempotency-Key',
  429: 'Quá nhiều yêu cầu; xem header Retry-After',
  431: 'Đường dẫn hoặc phần đầu yêu cầu quá dài',
  500: 'Lỗi hệ thống',
  503: 'Temporal tạm thời không phản hồi; xem header Retry-After',
};

/**
 * Statuses the stack can send for any route, whatever its handler does: 400 (bad params, query, headers or
 * body), 401 and 429 (authentication and the rate limit, unless public), 413 and 415 (the JSON body parser
 * reads the body of every POST, PUT and PATCH), 431 (a URL or headers beyond what the server reads), 500 (a bug)
 * and 503 (Temporal unreachable).
 */
export function genericProblems(spec: { method: string; public?: boolean; body?: unknown }): number[] {
  return [400, ...(spec.public ? [] : [401, 429]), ...(spec.body || ['post', 'put', 'patch'].includes(spec.method) ? [413, 415] : []), 431, 500, 503];
}

const toOpenApiPath = (p: string): string => p.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');

/** `post /api/v1/budgets/:id/approve` → `postBudgetsIdApprove`. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(API_PREFIX, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** OpenAPI links: name → target operation and where its parameters come from (e.g. `$response.body#/id`). */
export type Links = Record<string, { operationId: string; parameters: Record<string, string>; description?: string }>;

/** Links from a response to each target route, every one fed the same parameters; named by operation id. */
export function linksTo(targets: Array<{ method: Method; path: string }>, parameters: Record<string, string>): Links {
  return Object.fromEntries(targets.map((t) => {
    const operationId = operationIdOf(t.method, t.path);
    return [operationId, { operationId, parameters }];
  }));
}

const retryAfter = { 'Retry-After': { description: 'Số giây nên chờ trước khi thử lại', schema: { type: 'string' as const } } };

export function defineRoute<
  B extends z.ZodType = z.ZodUndefined,
  P extends z.ZodObject = z.ZodObject,
  Q extends z.ZodObject = z.ZodObject,
  H extends z.ZodObject = z.ZodObject,
>(router: Router, registry: OpenAPIRegistry, spec: RouteSpec<B, P, Q, H>): void {
  const problems = [...new Set([...genericProblems(spec), ...(spec.problems ?? [])])].sort((a, b) => a - b);
  const responses: RouteConfig['responses'] = {};
  for (const [status, r] of Object.entries(spec.responses)) {
    const own = Object.fromEntries(Object.entries(r.headers ?? {}).map(([h, d]) => [h, { description: d, schema: { type: 'string' as const } }]));
    responses[status] = {
      description: r.description,
      headers: { ...requestIdHeader, ...own },
      ...(r.schema ? { content: { 'application/json': { schema: r.schema } } } : {}),
      ...(r.links ? { links: r.links } : {}),
    };
  }
  for (const status of problems) {
    responses[status] = {
      description: problemDescriptions[status] ?? 'Lỗi',
      headers: status === 429 || status === 503 ? { ...requestIdHeader, ...retryAfter } : requestIdHeader,
      content: { 'application/problem+json': { schema: ProblemSchema } },
    };
  }
  registry.registerPath({
    method: spec.method,
    path: toOpenApiPath(spec.path),
    operationId: spec.operationId ?? operationIdOf(spec.method, spec.path),
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: spec.tags,
    ...(spec.public ? { security: [] } : {}),
    request: {
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(spec.headers ? { headers: spec.headers } : {}),
      ...(spec.body ? { body: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
    },
    responses,
  });

  router[spec.method](spec.path, async (req, res, next) => {
    try {
      const errors: FieldProblem[] = [];
      const parse = <S extends z.ZodType | undefined>(schema: S, value: unknown, where: string) => {
        if (!schema) return undefined;
        const parsed = schema.safeParse(value);
        if (!parsed.success) errors.push(...fieldsOf(parsed.error, where));
        return parsed.success ? parsed.data : undefined;
      };
      if (spec.body && !req.is('application/json')) throw new HttpProblem(415, 'Nội dung phải là application/json');
      const params = parse(spec.params, req.params, 'params');
      const query = parse(spec.query, req.query, 'query');
      const headerValues = spec.headers && Object.fromEntries(Object.keys(spec.headers.shape).map((h) => [h, req.headers[h.toLowerCase()]]));
      const headers = parse(spec.headers, headerValues, 'headers');
      const body = parse(spec.body, req.body, 'body');
      if (errors.length) throw new HttpProblem(400, 'Dữ liệu không hợp lệ', errors);
      const result = await spec.handler({ body, params, query, headers } as never, req, res);
      if (res.headersSent) return;
      if (result === undefined) res.end();
      else res.json(result);
    } catch (err) {
      next(err);
    }
  });
}
