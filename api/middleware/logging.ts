/**
 * Structured JSON logs (pino), one line per finished request and whatever handlers log on the way, every line
 * carrying the request's id. The id comes from a trusted-looking `X-Request-Id` (a proxy's) or is made here,
 * and goes back in the `X-Request-Id` header and in every problem body (`requestId`).
 *
 * Nothing personal is logged: no headers (so no token), no bodies, no names or emails; only the method, the
 * path, the status, the time taken, and the caller's agency and role.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import pino, { type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Actor } from '../../workflows/common/actor';

export type { Logger };

/** Header carrying the request id, in and out. */
export const REQUEST_ID_HEADER = 'X-Request-Id';
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/**
 * Paths a log line must never show, should a handler log a request, an error carrying one, or an actor.
 * A safety net: the serializers below already keep only what is listed there.
 */
const REDACTED = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'token',
  '*.token',
  'name',
  '*.name',
  '*.*.name',
  'email',
  '*.email',
  '*.*.email',
];

/** The service's logger: JSON lines to stdout (or the given stream), at the given level. */
export function createLogger(level: string, stream?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'bac-son-plan-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  };
  return stream ? pino(options, stream) : pino(options);
}

/** The path of a request, without its query string; `originalUrl` is the one before routers strip prefixes. */
const pathOf = (req: IncomingMessage): string => ((req as Partial<Request>).originalUrl ?? req.url ?? '').split('?')[0]!;

/** The id of the request being served (set by `requestLogging`). */
export function requestIdOf(req: IncomingMessage): string {
  return String((req as IncomingMessage & { id?: unknown }).id ?? '');
}

/** Assigns the request id, binds it to `req.log`, and logs each request once it is answered. */
export function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && ACCEPTED_ID.test(given) ? given : randomUUID();
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    customProps(_req: IncomingMessage, res: ServerResponse) {
      const actor = (res as Response).locals?.actor as Actor | undefined;
      return actor ? { agency: actor.agency, role: actor.role } : {};
    },
    customLogLevel(_req, res, err) {
      return err || res.statusCode >= 500 ? 'error' : 'info';
    },
    customSuccessMessage: (req, res, ms) => `${req.method} ${pathOf(req)} ${res.statusCode} ${ms}ms`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode} failed`,
  }) as unknown as RequestHandler;
}

/** The logger bound to this request (falls back to the app's logger outside a logged request). */
export function logOf(req: Request, fallback?: Logger): Logger | undefined {
  return (req as Request & { log?: Logger }).log ?? fallback;
}
