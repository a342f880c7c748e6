/** Builds the Express app (without listening): health, docs, the versioned API, then 404 and problem+json errors. */
import type { Client } from '@temporalio/client';
import express, { type Express } from 'express';
import type { DocumentStore } from '../activities/document-store';
import type { Directory } from '../catalog/directory';
import type { BudgetPolicy } from '../workflows/budget/messages';
import { authenticate, type AuthOptions } from './auth';
import { budgetRoutes } from './budgets/routes';
import { documentRoutes } from './documents/routes';
import { docsRouter } from './docs';
import { myWorkRoutes } from './my-work/routes';
import { notificationRoutes } from './notifications/routes';
import { preferencesRoutes } from './preferences/routes';
import { API_PREFIX, createRegistry, openApiDocument } from './openapi';
import { notFound, problemHandler } from './problem';

export interface AppDeps {
  client: Client;
  directory: Directory;
  taskQueue: string;
  auth: Omit<AuthOptions, 'directory'>;
  budgetPolicy: BudgetPolicy;
  /** Where uploaded documents are kept; workflows that reference a document serve its download from here. */
  documents: DocumentStore;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/health/ready', async (_req, res) => {
    try {
      await deps.client.workflowService.getSystemInfo({}, );
      res.json({ status: 'ready', temporal: 'reachable' });
    } catch {
      res.status(503).json({ status: 'not ready', temporal: 'unreachable' });
    }
  });

  const registry = createRegistry();
  const api = express.Router();
  api.use(express.json({ limit: '256kb', strict: true, type: ['application/json', 'application/*+json'] }));
  api.use(authenticate({ ...deps.auth, directory: deps.directory }));
  api.use(budgetRoutes(registry, { client: deps.client, directory: deps.directory, taskQueue: deps.taskQueue, policy: deps.budgetPolicy }));
  api.use(documentRoutes(registry, { documents: deps.documents }));
  api.use(myWorkRoutes(registry, { client: deps.client, directory: deps.directory, taskQueue: deps.taskQueue }));
  api.use(notificationRoutes(registry, { client: deps.client, taskQueue: deps.taskQueue }));
  api.use(preferencesRoutes(registry, { client: deps.client, taskQueue: deps.taskQueue }));

  const document = openApiDocument(registry);
  app.get(`${API_PREFIX}/openapi.json`, (_req, res) => {
    res.json(document);
  });
  app.use(docsRouter(`${API_PREFIX}/openapi.json`));
  app.use(api);
  app.use(notFound);
  app.use(problemHandler);
  return app;
}
