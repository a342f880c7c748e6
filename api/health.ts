/**
 * Health for the orchestrator: liveness (the process answers) and readiness (it can serve: Temporal answers
 * within the timeout, and the API is not shutting down). Public, outside the versioned API, in the document.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import { requestIdHeader } from './openapi';

export const LivenessSchema = z.object({ status: z.literal('ok') }).openapi('Liveness');
export const ReadinessSchema = z
  .object({
    status: z.enum(['ready', 'not ready']),
    temporal: z.enum(['reachable', 'unreachable', 'not checked']),
    /** Set while the API finishes its requests in flight before stopping. */
    draining: z.boolean(),
  })
  .openapi('Readiness');

export interface HealthOptions {
  client: Client;
  /** How long readiness waits for Temporal, in milliseconds. */
  timeoutMs: number;
  /** True once the API has begun to shut down: it is then no longer ready. */
  draining: () => boolean;
}

export function healthRoutes(registry: OpenAPIRegistry, opts: HealthOptions): Router {
  const router = Router();
  const tags = ['Tình trạng dịch vụ'];

  registry.registerPath({
    method: 'get',
    path: '/health/live',
    operationId: 'getHealthLive',
    summary: 'Tiến trình API còn chạy',
    tags,
    security: [],
    responses: { 200: { description: 'Còn chạy', headers: requestIdHeader, content: { 'application/json': { schema: LivenessSchema } } } },
  });
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' } satisfies z.infer<typeof LivenessSchema>);
  });

  registry.registerPath({
    method: 'get',
    path: '/health/ready',
    operationId: 'getHealthReady',
    summary: 'API sẵn sàng phục vụ: Temporal phản hồi và API không đang dừng',
    tags,
    security: [],
    responses: {
      200: { description: 'Sẵn sàng', headers: requestIdHeader, content: { 'application/json': { schema: ReadinessSchema } } },
      503: { description: 'Chưa sẵn sàng (Temporal không phản hồi, hoặc API đang dừng)', headers: requestIdHeader, content: { 'application/json': { schema: ReadinessSchema } } },
    },
  });
  router.get('/health/ready', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    if (opts.draining()) {
      res.status(503).json({ status: 'not ready', temporal: 'not checked', draining: true } satisfies z.infer<typeof ReadinessSchema>);
      return;
    }
    const reachable = await opts.client.connection
      .withDeadline(Date.now() + opts.timeoutMs, () => opts.client.workflowService.getSystemInfo({}))
      .then(
        () => true,
        () => false,
      );
    res
      .status(reachable ? 200 : 503)
      .json({ status: reachable ? 'ready' : 'not ready', temporal: reachable ? 'reachable' : 'unreachable', draining: false } satisfies z.infer<typeof ReadinessSchema>);
  });

  return router;
}
