/**
 * Test access to Temporal: a client on the run's shared dev server, and workers built from the run's single
 * workflow bundle with the real activities, writing mail into a fresh outbox per test.
 */
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SearchAttributeType } from '@temporalio/common';
import { allSearchAttributeKeys, MailStatus } from '../../workflows/common/search-attributes';
import { MAIL_WORKFLOW_TYPE } from '../../workflows/mail/messages';
import { NativeConnection, Runtime, DefaultLogger, Worker, type WorkerOptions } from '@temporalio/worker';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { simpleParser, type Attachment } from 'mailparser';
import { createActivities, type ActivityDeps } from '../../activities';
import { outboxMailer } from '../../activities/mailer';
import { WorkingCalendar } from '../../catalog/calendar';
import { Directory } from '../../catalog/directory';

let runtimeInstalled = false;
/** Keeps the SDK's own logging quiet in test output (errors still show). */
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('ERROR') });
}

export const directory = Directory.fromFile(path.resolve(__dirname, '../../catalog/directory.json'));
export const calendar = WorkingCalendar.fromFile(path.resolve(__dirname, '../../catalog/holidays.json'));

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(process.env.TEST_TMP_DIR ?? '/tmp', `${prefix}-`));
}

export function uniqueQueue(name: string): string {
  return `${name}-${randomUUID().slice(0, 8)}`;
}

/** Real activity dependencies with an outbox of their own. */
export function testDeps(outboxDir: string = tempDir('outbox')): ActivityDeps & { outboxDir: string } {
  return { directory, calendar, mailer: outboxMailer(outboxDir, 'test@bacson.example.vn'), publicUrl: 'http://localhost:3000', outboxDir };
}

export async function sharedClient(): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
  return { client: new Client({ connection }), connection };
}

export async function createTestWorker(
  opts: { taskQueue: string; deps?: ActivityDeps; activities?: WorkerOptions['activities']; connection?: NativeConnection },
): Promise<{ worker: Worker; connection: NativeConnection }> {
  quietRuntime();
  const connection = opts.connection ?? (await NativeConnection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! }));
  const worker = await Worker.create({
    connection,
    taskQueue: opts.taskQueue,
    workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
    activities: opts.activities ?? createActivities(opts.deps ?? testDeps()),
  });
  return { worker, connection };
}

/** The messages in an outbox, parsed with a real MIME parser: recipients, subject, text, attachments. */
export async function readOutbox(dir: string): Promise<Array<{ file: string; to: string[]; subject: string; text: string; html: string; attachments: Attachment[]; messageId: string }>> {
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
  return Promise.all(
    files.sort().map(async (file) => {
      const mail = await simpleParser(readFileSync(path.join(dir, file)));
      const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));
      return { file, to, subject: mail.subject ?? '', text: mail.text ?? '', html: typeof mail.html === 'string' ? mail.html : '', attachments: mail.attachments, messageId: mail.messageId ?? '' };
    }),
  );
}

const indexedType: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  [SearchAttributeType.KEYWORD]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.KEYWORD_LIST]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  [SearchAttributeType.DATETIME]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  [SearchAttributeType.TEXT]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  [SearchAttributeType.INT]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  [SearchAttributeType.DOUBLE]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  [SearchAttributeType.BOOL]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
};

/** The time-skipping test server starts without the service's search attributes: register them. */
export async function registerSearchAttributes(connection: Connection, namespace = 'default'): Promise<void> {
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(allSearchAttributeKeys.map((k) => [k.name, indexedType[k.type]!])),
  });
}

/**
 * Waits until no email of this task queue is still on its way (every delivery workflow has delivered or
 * stands refused): emails leave after the case has moved on, so tests that read the outbox wait for this.
 */
export async function mailSettled(client: Client, taskQueue: string, timeoutMs = 30_000): Promise<void> {
  const query = `WorkflowType = '${MAIL_WORKFLOW_TYPE}' AND TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running' AND ${MailStatus.name} = 'sending'`;
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  // Twice quiet in a row: visibility may lag a moment behind a delivery just started.
  while (quiet < 2) {
    const { count } = await client.workflow.count(query);
    quiet = count === 0 ? quiet + 1 : 0;
    if (Date.now() > deadline) throw new Error(`${count} emails of ${taskQueue} still on their way after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
