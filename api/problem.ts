/**
 * Errors leave the API as application/problem+json (RFC 9457). Temporal's failures map to the statuses a
 * client can act on: a refused Update to 400/403/409, a missing workflow to 404, a duplicate start to 409,
 * an unreachable Temporal to 503. Every problem carries `requestId`, the id its log lines carry too.
 */
import {
  isGrpcDeadlineError,
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { RefusalType, type FieldProblem } from '../workflows/common/refusal';
import { logOf, requestIdOf } from './middleware/logging';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** The request's path. */
  instance?: string;
  /** Id of the request, as in the `X-Request-Id` header and in every log line about it. */
  requestId?: string;
  /** Every offending field, for 400. */
  errors?: FieldProblem[];
}

const TITLES: Record<number, string> = {
  400: 'Dữ liệu không hợp lệ',
  401: 'Chưa đăng nhập',
  403: 'Không có quyền',
  404: 'Không tìm thấy',
  405: 'Phương thức không được hỗ trợ',
  409: 'Không thực hiện được ở trạng thái hiện tại',
  413: 'Dữ liệu quá lớn',
  415: 'Kiểu nội dung không được hỗ trợ',
  422: 'Yêu cầu không khớp với lần gửi trước',
  429: 'Quá nhiều yêu cầu',
  500: 'Lỗi hệ thống',
  503: 'Dịch vụ tạm thời không sẵn sàng',
};

/** Base of the `type` URIs; one per status (`…/problems/404`). */
/** What a missing case, and a case the caller may not read, both answer. */
export const NOT_FOUND = 'Không tìm thấy hồ sơ';

export const PROBLEM_TYPE_BASE = 'https://bacson.example.vn/problems/';

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

/** Every offending field of a zod error; an unknown key is named as a field of its own. */
export const fieldsOf = (err: ZodError, prefix = ''): FieldProblem[] =>
  err.issues.flatMap((i) => {
    const at = (path: PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join('.') || '(body)';
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ field: at([...i.path, k]), message: 'trường không được phép' }));
    return [{ field: at(i.path), message: i.message }];
  });

const statusOfRefusal: Record<string, number> = {
  [RefusalType.InvalidInput]: 400,
  [RefusalType.Forbidden]: 403,
  [RefusalType.Conflict]: 409,
};

/**
 * gRPC codes meaning "Temporal cannot answer now": UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, and
 * CANCELLED, which is how grpc-js reports the request's deadline about one time in ten (the API cancels no
 * call itself; api/middleware/temporal-deadline.ts).
 */
const UNAVAILABLE_CODES = new Set([14, 4, 8, 1]);

/**
 * Temporal's FAILED_PRECONDITION when no worker can run the case now: an Update met a workflow task that failed
 * or timed out (a worker stalled for 45 s during make fuzz; the Update did not run), or a query found no worker
 * polling the case's task queue (every worker down). Only the message tells them from other preconditions.
 */
const NO_WORKER_NOW = /Workflow Task in failed state|no poller seen for task queue/i;

/** True when the error says Temporal could not be reached or did not answer in time. */
export function isTemporalUnavailable(err: unknown): boolean {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(err)) return true;
  const grpc = err instanceof ServiceError ? err.cause : err;
  if (!isGrpcServiceError(grpc)) return false;
  return UNAVAILABLE_CODES.has(grpc.code) || (grpc.code === 9 && NO_WORKER_NOW.test(grpc.message));
}

/** True when Temporal refused a value of the request itself (gRPC INVALID_ARGUMENT), e.g. a run id it cannot read. */
function isRefusedArgument(err: unknown): boolean {
  const grpc = err instanceof ServiceError ? err.cause : err;
  return isGrpcServiceError(grpc) && grpc.code === 3;
}

/** Maps anything thrown while serving a request to a problem. */
export function toProblem(err: unknown): Problem {
  const make = (status: number, detail?: string, errors?: FieldProblem[]): Problem => ({
    type: status === 500 ? 'about:blank' : `${PROBLEM_TYPE_BASE}${status}`,
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
  if (err instanceof WorkflowNotFoundError) return make(404, NOT_FOUND);
  if (err instanceof WorkflowExecutionAlreadyStartedError) return make(409, 'Hồ sơ đã tồn tại');
  if (isRefusedArgument(err)) return make(400, 'Giá trị không hợp lệ');
  if (isTemporalUnavailable(err)) return make(503, 'Hệ thống xử lý quy trình tạm thời không phản hồi; vui lòng thử lại sau');
  const bodyError = err as { type?: string; status?: number };
  if (bodyError?.type === 'entity.parse.failed') return make(400, 'Nội dung JSON không đọc được', [{ field: '(body)', message: 'JSON không hợp lệ' }]);
  if (bodyError?.type === 'entity.too.large') return make(413, 'Nội dung yêu cầu vượt giới hạn');
  if (bodyError?.type === 'encoding.unsupported' || bodyError?.type === 'charset.unsupported') return make(415, 'Bảng mã không được hỗ trợ');
  if (typeof bodyError?.status === 'number' && bodyError.status >= 400 && bodyError.status < 500 && TITLES[bodyError.status]) {
    return make(bodyError.status);
  }
  if (typeof bodyError?.status === 'number' && bodyError.status >= 400 && bodyError.status < 500) return make(400, 'Yêu cầu không hợp lệ');
  return make(500, 'Đã có lỗi xảy ra; vui lòng thử lại sau');
}

export function sendProblem(res: Parameters<RequestHandler>[1], problem: Problem): void {
  if (problem.status === 503 || problem.status === 429) {
    if (!res.getHeader('Retry-After')) res.setHeader('Retry-After', problem.status === 503 ? '5' : '60');
  }
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** The problem for this request: its path as `instance`, its id as `requestId`. */
function forRequest(problem: Problem, req: Parameters<RequestHandler>[0]): Problem {
  const requestId = requestIdOf(req);
  return { ...problem, instance: req.originalUrl.split('?')[0], ...(requestId ? { requestId } : {}) };
}

export const notFound: RequestHandler = (req, res) => {
  sendProblem(res, forRequest(toProblem(new HttpProblem(404, `Không có đường dẫn ${req.method} ${req.path}`)), req));
};

export const problemHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const problem = forRequest(toProblem(err), req);
  const log = logOf(req);
  if (problem.status >= 500) {
    if (log) log.error({ err }, 'request failed');
    else console.error('request failed', req.method, req.path, err);
  }
  if (res.headersSent) return;
  sendProblem(res, problem);
};
