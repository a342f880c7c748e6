/**
 * The API's own cost of one list request, with nothing of Temporal's: `npx tsx bench/api-alone.ts`. The real
 * app (createApp: logging, security headers, sign-in, rate limit off, route, access clause, page decoding,
 * JSON) answers `GET /api/v1/budgets?awaiting=tckh` over keep-alive HTTP on loopback, one request at a time,
 * while its Temporal client's list call answers at once with a page of 20 estimates held in memory. What
 * `make bench` measures beyond this for the list path is Temporal's own time and the extra process hop.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { encodeUnifiedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import type { temporal } from '@temporalio/proto';
import type Long from 'long';
import { createDocumentStore } from '../activities/document-store';
import { createApp } from '../api/app';
import { mintToken } from '../api/auth';
import { createLogger } from '../api/middleware/logging';
import { Directory } from '../catalog/directory';
import { AwaitingAgency, AwaitingSince, CaseAgency, CaseStatus, DueAt, Participants, PlanCode } from '../workflows/common/search-attributes';

const WARM_UP = 300;
const SAMPLES = 2_000;
const ROOT = path.resolve(__dirname, '..');

/** A page of 20 open estimates awaiting the Finance Office, as visibility answers it. */
function page(): temporal.api.workflowservice.v1.IListWorkflowExecutionsResponse {
  const executions = Array.from({ length: 20 }, (_, i): temporal.api.workflow.v1.IWorkflowExecutionInfo => ({
    execution: { workflowId: `budget:DT-2026-${String(i).padStart(8, '0')}`, runId: randomBytes(16).toString('hex') },
    type: { name: 'budgetEstimateWorkflow' },
    // The API reads it with Number(), as it reads the decoded Long.
    startTime: { seconds: (1_700_000_000 + i) as unknown as Long },
    status: 1,
    memo: { fields: { title: { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify(`Dự toán kinh phí số ${i}`)) } } },
    searchAttributes: {
      indexedFields: encodeUnifiedSearchAttributes(undefined, [
        { key: CaseStatus, value: 'in_appraisal' },
        { key: CaseAgency, value: 'bchqs' },
        { key: AwaitingAgency, value: 'tckh' },
        { key: AwaitingSince, value: new Date() },
        { key: DueAt, value: new Date() },
        { key: Participants, value: ['bchqs', 'tckh', 'lanh-dao'] },
        { key: PlanCode, value: 'bac-son-70-nam-dien-bien-phu' },
      ]),
    },
  }));
  return { executions, nextPageToken: Buffer.from('a-next-page-token') };
}

async function main(): Promise<void> {
  const connection = Connection.lazy({ address: '127.0.0.1:1' });
  const answer = page();
  Object.assign(connection.workflowService, { listWorkflowExecutions: async () => answer });
  const secret = randomBytes(32);
  // The production logger, writing its lines nowhere: its cost counts, a disk's does not.
  const logger = createLogger('info', { write: () => undefined });
  const app = createApp({
    client: new Client({ connection }),
    directory: Directory.fromFile(path.join(ROOT, 'catalog/directory.json')),
    taskQueue: 'api-alone',
    budgetPolicy: { appraisalDays: 5, revisionDays: 5, decisionDays: 3, reminderBefore: 1 },
    auth: { issuer: 'bac-son-plan', audience: 'bac-son-plan-api', secret },
    documents: createDocumentStore({ dir: mkdtempSync(path.join(os.tmpdir(), 'api-alone-')), maxBytes: 1_000_000 }),
    http: { ratePerMinute: 0 },
    logger,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as { port: number };
  const token = await mintToken({ secret, issuer: 'bac-son-plan', audience: 'bac-son-plan-api', userId: 'hoa-tckh' });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const list = () =>
    new Promise<number>((resolve, reject) => {
      const t = process.hrtime.bigint();
      http
        .get({ host: '127.0.0.1', port, path: '/api/v1/budgets?awaiting=tckh', agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
          if (res.statusCode !== 200) reject(new Error(`answered ${res.statusCode}`));
          res.resume();
          res.on('end', () => resolve(Number(process.hrtime.bigint() - t) / 1e6));
        })
        .on('error', reject);
    });
  // The page as an official's console gets it: twenty estimates, each with its title and who must act.
  const first = (await (await fetch(`http://127.0.0.1:${port}/api/v1/budgets?awaiting=tckh`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: Array<{ title?: string }> };
  if (first.items.length !== 20 || !first.items[0]?.title) throw new Error(`unexpected page: ${JSON.stringify(first).slice(0, 300)}`);
  for (let i = 0; i < WARM_UP; i++) await list();
  const ms: number[] = [];
  for (let i = 0; i < SAMPLES; i++) ms.push(await list());
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.floor(q * (ms.length - 1))]!.toFixed(3);
  console.log(`list through the API alone, ${SAMPLES} requests one at a time: p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms`);
  agent.destroy();
  server.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
