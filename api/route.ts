/**
 * Declares one route: registers its OpenAPI path from its zod schemas, validates the request with the same
 * schemas (every bad field named, 400; a JSON body that is not JSON, 415) and hands the typed values on.
 */
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { FieldProblem } from '../workflows/common/refusal';
import { fieldsOf, HttpProblem } from './problem';
import { ProblemSchema } from './openapi';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec<B extends z.ZodType, P extends z.ZodObject, Q extends z.ZodObject> {
  method: Method;
  /** Express path, e.g. `/api/v1/budgets/:id`. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  body?: B;
  params?: P;
  query?: Q;
  /** Successful responses: status → description and schema. */
  responses: Record<number, { description: string; schema?: z.ZodType; headers?: Record<string, string> }>;
  /** Problem statuses this route can answer besides 400/401/500. */
  problems?: number[];
  public?: boolean;
  handler: (
    input: { body: z.infer<B>; params: z.infer<P>; query: z.infer<Q> },
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
  415: 'Nội dung không phải JSON',
  500: 'Lỗi hệ thống',
};

const toOpenApiPath = (p: string): string => p.replace(/:([A-Za-z_]+)/g, '{$1}');

export function defineRoute<B extends z.ZodType = z.ZodUndefined, P extends z.ZodObject = z.ZodObject, Q extends z.ZodObject = z.ZodObject>(
  router: Router,
  registry: OpenAPIRegistry,
  spec: RouteSpec<B, P, Q>,
): void {
  const problems = [...new Set([400, ...(spec.public ? [] : [401]), ...(spec.body ? [413, 415] : []), ...(spec.problems ?? []), 500])].sort();
  const responses: RouteConfig['responses'] = {};
  for (const [status, r] of Object.entries(spec.responses)) {
    responses[status] = {
      description: r.description,
      ...(r.schema ? { content: { 'application/json': { schema: r.schema } } } : {}),
      ...(r.headers ? { headers: Object.fromEntries(Object.entries(r.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }])) } : {}),
    };
  }
  for (const status of problems) {
    responses[status] = { description: problemDescriptions[status] ?? 'Lỗi', content: { 'application/problem+json': { schema: ProblemSchema } } };
  }
  registry.registerPath({
    method: spec.method,
    path: toOpenApiPath(spec.path),
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: spec.tags,
    ...(spec.public ? { security: [] } : {}),
    request: {
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
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
      const body = parse(spec.body, req.body, 'body');
      if (errors.length) throw new HttpProblem(400, 'Dữ liệu không hợp lệ', errors);
      const result = await spec.handler({ body, params, query } as never, req, res);
      if (!res.headersSent) res.json(result);
    } catch (err) {
      next(err);
    }
  });
}
