/** Starts the API: connects to Temporal, listens on PORT, and on SIGINT/SIGTERM finishes requests in flight. */
import { Client, Connection } from '@temporalio/client';
import { createDocumentStore } from '../activities/document-store';
import { Directory } from '../catalog/directory';
import { loadConfig, type Config } from '../config/env';
import { createApp } from './app';
import { localSigningKey } from './auth';

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
  const app = createApp({
    client,
    directory: Directory.fromFile(config.DIRECTORY_FILE),
    taskQueue: config.TASK_QUEUE,
    budgetPolicy: budgetPolicyOf(config),
    documents: createDocumentStore({ dir: config.documentsDir, maxBytes: config.DOCUMENT_MAX_BYTES }),
    auth: {
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ...(config.JWT_JWKS_URL ? { jwksUrl: config.JWT_JWKS_URL } : { secret: localSigningKey(config.jwtSecretFile) }),
    },
  });
  const server = app.listen(config.PORT, () => {
    console.log(`API listening on http://localhost:${config.PORT}/api/v1 (docs: /docs)`);
  });
  const stop = (signal: string) => {
    console.log(`${signal}: finishing requests in flight`);
    server.close(() => {
      void connection.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 15_000).unref();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
