/**
 * Errors leave the API as application/problem+json (RFC 9457). Temporal's failures map to the statuses a
 * client can act on: a refused Update to 400/403/409, a missing workflow to 404, a duplicate start to 409.
 */
import { WorkflowUpdateFailedError, WorkflowNotFoundError } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { RefusalType, type FieldProblem } from '../workflows/common/refusal';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Every offending field, for 400. */
  errors?: FieldProblem[];
}

const TITLES: Record<number, string> = {
  400: 'Dữ liệu không hợp lệ',
  401: 'Chưa đăng nhập',
  403: 'Không có quyền',
  404: 'Không tìm thấy',
  409: 'Không thực hiện được ở trạng thái hiện tại',
  413: 'Dữ liệu quá lớn',
  415: 'Kiểu nội dung không được hỗ trợ',
  429: 'Quá nhiều yêu cầu',
  500: 'Lỗi hệ thống',
  503: 'Dịch vụ tạm thời không sẵn sàng',
};

/** An error that already knows its HTTP answer. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    detail: string,
    readonly errors?: FieldProblem[],
  ) {
    super(detail);
  }
}

export const fieldsOf = (err: ZodError, prefix = ''): FieldProblem[] =>
  err.issues.map((i) => ({ field: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)', message: i.message }));

const statusOfRefusal: Record<string, number> = {
  [RefusalType.InvalidInput]: 400,
  [RefusalType.Forbidden]: 403,
  [RefusalType.Conflict]: 409,
};

/** Maps anything thrown while serving a request to a problem. */
export function toProblem(err: unknown): Problem {
  const make = (status: number, detail?: string, errors?: FieldProblem[]): Problem => ({
    type: status === 500 ? 'about:blank' : `https://bacson.example.vn/problems/${status}`,
    title: TITLES[status] ?? 'Lỗi',
    status,
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
  });
  if (err instanceof HttpProblem) return make(err.status, err.message, err.errors);
  if (err instanceof ZodError) return make(400, 'Dữ liệu không hợp lệ', fieldsOf(err));
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const status = statusOfRefusal[err.cause.type ?? ''];
    if (status) {
      const fields = (err.cause.details?.[0] as FieldProblem[] | undefined) ?? undefined;
      return make(status, err.cause.message, fields);
    }
  }
  if (err instanceof WorkflowNotFoundError) return make(404, 'Không tìm thấy hồ sơ');
  if (err instanceof WorkflowExecutionAlreadyStartedError) return make(409, 'Hồ sơ đã tồn tại');
  const bodyError = err as { type?: string; status?: number };
  if (bodyError?.type === 'entity.parse.failed') return make(400, 'Nội dung JSON không đọc được', [{ field: '(body)', message: 'JSON không hợp lệ' }]);
  if (bodyError?.type === 'entity.too.large') return make(413, 'Nội dung yêu cầu vượt giới hạn');
  if (bodyError?.type === 'encoding.unsupported' || bodyError?.type === 'charset.unsupported') return make(415, 'Bảng mã không được hỗ trợ');
  if (typeof bodyError?.status === 'number' && bodyError.status >= 400 && bodyError.status < 500) return make(bodyError.status);
  return make(500, 'Đã có lỗi xảy ra; vui lòng thử lại sau');
}

export function sendProblem(res: Parameters<RequestHandler>[1], problem: Problem): void {
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

export const notFound: RequestHandler = (req, res) => {
  sendProblem(res, { ...toProblem(new HttpProblem(404, `Không có đường dẫn ${req.method} ${req.path}`)), instance: req.originalUrl });
};

export const problemHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const problem = { ...toProblem(err), instance: req.originalUrl };
  if (problem.status >= 500) console.error('request failed', req.method, req.originalUrl, err);
  if (res.headersSent) return;
  sendProblem(res, problem);
};
