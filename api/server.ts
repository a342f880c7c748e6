/**
 * Starts the API: connects to Temporal, listens on PORT, and on SIGINT/SIGTERM stops gracefully: readiness
 * turns 503, no new connection is accepted, requests in flight are answered (each with `Connection: close`),
 * then the process exits; after SHUTDOWN_TIMEOUT_SECONDS whatever is left is cut and it exits 1.
 */
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Client, Connection } from '@temporalio/client';
import type { Express } from 'express';
import { createDocumentStore } from '../activities/document-store';
import { Directory } from '../catalog/directory';
import { loadConfig, type Config } from '../config/env';
import { createApp, httpOptionsOf } from './app';
import { campaignSettingsOf } from './campaigns/routes';
import { startDocumentRetention } from './documents/retention';
import { localSigningKey } from './auth';
import { createLogger } from './middleware/logging';
import { PROBLEM_TYPE_BASE } from './problem';

export interface RunningServer {
  server: Server;
  port: number;
  /**
   * Stops accepting connections and waits for the requests in flight; `drained` once all are answered, or
   * `cut` if some were still open after `timeoutMs` (they are then closed).
   */
  stop(timeoutMs: number): Promise<'drained' | 'cut'>;
}

/** Request line and headers together, in bytes (Node's default is 16 KiB). */
export const MAX_HEADER_BYTES = 64 * 1024;

/**
 * What Node refuses before the app sees it (headers too large, a request that is not HTTP) still leaves as a
 * problem, with a request id of its own.
 */
function answerMalformed(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const requestId = randomUUID();
  const body = JSON.stringify({
    type: `${PROBLEM_TYPE_BASE}${status}`,
    title: status === 431 ? 'Đường dẫn hoặc phần đầu yêu cầu quá dài' : 'Yêu cầu HTTP không hợp lệ',
    status,
    requestId,
  });
  socket.end(
    `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Listens on `port` (0: any free port) with the app the factory builds; the factory learns when the server drains. */
export function serve(build: (draining: () => boolean) => Express, port: number, host?: string): Promise<RunningServer> {
  let draining = false;
  const app = build(() => draining);
  // Room for the longest URL the documented query limits allow, percent-encoded; past it, a 431 problem.
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    // While draining, each answered request closes its connection, so keep-alive clients go elsewhere.
    if (draining) res.setHeader('Connection', 'close');
    app(req, res);
  });
  server.on('clientError', answerMalformed);
  // Keep idle connections longer than the clients and proxies in front (commonly 60 s) do: a server that closes
  // one at the moment a client reuses it resets that request (Node's default is 5 s).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const stop = (timeoutMs: number) =>
    new Promise<'drained' | 'cut'>((resolve) => {
      draining = true;
      const timer = setTimeout(() => {
        server.closeAllConnections();
        resolve('cut');
      }, timeoutMs);
      server.close(() => {
        clearTimeout(timer);
        resolve('drained');
      });
      server.closeIdleConnections();
    });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({ server, port: (server.address() as AddressInfo).port, stop });
    });
  });
}

export function budgetPolicyOf(config: Config) {
  return {
    appraisalDays: config.BUDGET_APPRAISAL_DAYS,
    revisionDays: config.BUDGET_REVISION_DAYS,
    decisionDays: config.BUDGET_DECISION_DAYS,
    reminderBefore: config.REMINDER_WORKING_DAYS_BEFORE,
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const logger = createLogger(config.LOG_LEVEL);
  const documents = createDocumentStore({ dir: config.documentsDir, maxBytes: config.DOCUMENT_MAX_BYTES, quotaBytes: config.DOCUMENT_QUOTA_BYTES });
  const stopRetention = startDocumentRetention(documents, config.DOCUMENT_RETENTION_DAYS, logger);
  const directory = Directory.fromFile(config.DIRECTORY_FILE);
  const running = await serve((draining) => createApp({
    logger,
    http: httpOptionsOf(config),
    draining,
    client,
    directory,
    taskQueue: config.TASK_QUEUE,
    budgetPolicy: budgetPolicyOf(config),
    mailDomains: config.MAIL_DOMAINS,
    documents,
    campaigns: campaignSettingsOf(config, directory),
    ...(config.JWT_JWKS_URL && config.OIDC_CLIENT_ID ? { oidc: { authority: config.JWT_ISSUER, clientId: config.OIDC_CLIENT_ID, scope: config.OIDC_SCOPE } } : {}),
    auth: {
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      maxLifetimeSeconds: config.JWT_MAX_LIFETIME_SECONDS,
      ...(config.JWT_JWKS_URL ? { jwksUrl: config.JWT_JWKS_URL } : { secret: localSigningKey(config.jwtSecretFile) }),
    },
  }), config.PORT);
  logger.info({ port: running.port }, `API listening on http://localhost:${running.port}/api/v1 (docs: /docs)`);
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping: finishing requests in flight');
    stopRetention();
    const outcome = await running.stop(config.SHUTDOWN_TIMEOUT_SECONDS * 1000);
    await connection.close().catch(() => undefined);
    logger.info({ outcome }, outcome === 'drained' ? 'stopped' : 'stopped; requests still open were cut');
    process.exit(outcome === 'drained' ? 0 : 1);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
