/**
 * The service for one test file: a client on the run's dev server, a worker with the real activities (mail
 * into an outbox of its own) on a task queue of its own, and the API on top; started before the file's
 * tests and stopped after them.
 */
import type { Client, Connection } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { createDocumentStore, type DocumentStore } from '../../activities/document-store';
import { createTestApi, DEFAULT_DOCUMENT_MAX_BYTES, type TestApi } from './api';
import { createTestWorker, sharedClient, tempDir, testDeps, uniqueQueue } from './temporal';

export interface ServiceUnderTest {
  client: Client;
  api: TestApi;
  taskQueue: string;
  outbox: string;
  /** Where the worker writes generated documents (the report's .docx); give it to an API that serves them. */
  documents: DocumentStore;
}

export function useService(name: string, outbox: string = tempDir(`outbox-${name}`)): ServiceUnderTest {
  const service = { outbox, documents: createDocumentStore({ dir: tempDir(`documents-${name}`), maxBytes: DEFAULT_DOCUMENT_MAX_BYTES }) } as ServiceUnderTest;
  let connection: Connection;
  let worker: Worker;
  let workerConnection: NativeConnection;
  let running: Promise<void>;

  beforeAll(async () => {
    ({ client: service.client, connection } = await sharedClient());
    service.taskQueue = uniqueQueue(name);
    ({ worker, connection: workerConnection } = await createTestWorker({ taskQueue: service.taskQueue, deps: { ...testDeps(outbox), documents: service.documents } }));
    running = worker.run();
    service.api = createTestApi(service.client, service.taskQueue, undefined, { documents: service.documents });
  });

  afterAll(async () => {
    worker.shutdown();
    await running;
    await workerConnection.close();
    await connection.close();
  });

  return service;
}
