/**
 * The service for one test file: a client on the run's dev server, a worker with the real activities (mail
 * into an outbox of its own) on a task queue of its own, and the API on top; started before the file's
 * tests and stopped after them. Files that build their own workers (to break an activity, to stop one midway)
 * take the client alone (`useClient`) or the service without its worker.
 */
import type { Directory } from '../../catalog/directory';
import type { Client, Connection } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { createDocumentStore, type DocumentStore } from '../../activities/document-store';
import type { AppDeps } from '../../api/app';
import { createTestApi, DEFAULT_DOCUMENT_MAX_BYTES, type TestApi } from './api';
import { createTestWorker, sharedClient, tempDir, testDeps, uniqueQueue } from './temporal';

export interface ServiceUnderTest {
  client: Client;
  api: TestApi;
  taskQueue: string;
  outbox: string;
  /** Where the worker writes generated documents (the report's .docx); give it to an API that serves them. */
  documents: DocumentStore;
  /** Registers clean-up of the file's own (terminating its cases) that must run while the client is still connected. */
  beforeStop(cleanUp: () => Promise<void>): void;
}

export interface ServiceOptions {
  /** Where the worker's mail goes; a fresh folder by default. */
  outbox?: string;
  /** Replaces any of the API's dependencies: campaign settings, HTTP limits, a smaller document store. */
  api?: Partial<AppDeps>;
  /** False: no worker polls the task queue (cases that must not move, or a file that runs workers of its own). */
  worker?: boolean;
  /** Another tenant's directory, for the worker and the API alike (catalog/tenants/); the seed's by default. */
  directory?: Directory;
}

/** A client on the run's dev server, connected before the file's tests and closed after them. */
export function useClient(): { client: Client } {
  const shared = {} as { client: Client };
  let connection: Connection;
  beforeAll(async () => {
    ({ client: shared.client, connection } = await sharedClient());
  });
  afterAll(async () => {
    await connection.close();
  });
  return shared;
}

export function useService(name: string, options: ServiceOptions = {}): ServiceUnderTest {
  const outbox = options.outbox ?? tempDir(`outbox-${name}`);
  const cleanUps: Array<() => Promise<void>> = [];
  const service = {
    outbox,
    documents: createDocumentStore({ dir: tempDir(`documents-${name}`), maxBytes: DEFAULT_DOCUMENT_MAX_BYTES }),
    beforeStop: (cleanUp) => void cleanUps.push(cleanUp),
  } as ServiceUnderTest;
  let connection: Connection;
  let worker: Worker | undefined;
  let workerConnection: NativeConnection | undefined;
  let running: Promise<void> | undefined;

  beforeAll(async () => {
    ({ client: service.client, connection } = await sharedClient());
    service.taskQueue = uniqueQueue(name);
    if (options.worker !== false) {
      const deps = { ...testDeps(outbox), documents: service.documents, ...(options.directory ? { directory: options.directory } : {}) };
      ({ worker, connection: workerConnection } = await createTestWorker({ taskQueue: service.taskQueue, deps }));
      running = worker.run();
    }
    service.api = createTestApi(service.client, service.taskQueue, undefined, {
      documents: service.documents,
      ...(options.directory ? { directory: options.directory } : {}),
      ...options.api,
    });
  });

  afterAll(async () => {
    for (const cleanUp of cleanUps) await cleanUp();
    worker?.shutdown();
    await running;
    await workerConnection?.close();
    await connection.close();
  });

  return service;
}
