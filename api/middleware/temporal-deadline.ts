/**
 * Every Temporal call made while serving a request ends by a deadline. Without one the client waits as long as
 * Temporal does: an Update to a case whose worker has stalled is polled for until the worker comes back, and
 * the official sees a page that never answers. Past the deadline the call fails with DEADLINE_EXCEEDED, which
 * the API answers 503 with Retry-After (api/problem.ts). The deadline rides on the request's async context
 * (Connection.withDeadline), so every route, and every helper it calls, is covered without passing it on.
 */
import type { Client } from '@temporalio/client';
import type { RequestHandler } from 'express';

export function temporalDeadline(client: Client, timeoutMs: number): RequestHandler {
  return (_req, res, next) => {
    const answered = new Promise<void>((resolve) => {
      res.once('finish', resolve);
      res.once('close', resolve);
    });
    // The rest of the request runs inside `withDeadline`'s scope: next() calls the routes synchronously.
    void client.connection.withDeadline(Date.now() + timeoutMs, () => {
      next();
      return answered;
    });
  };
}
