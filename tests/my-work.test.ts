/**
 * "My work" through HTTP against a real Temporal server: each agency sees exactly the running cases that
 * wait on it (from visibility), with what, since when, due when; nothing that waits on others or is closed.
 */
import request from 'supertest';
import type { Client, Connection } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { budgetWorkflowId, type BudgetState } from '../workflows/budget/messages';
import type { PendingItem } from '../workflows/digest/messages';
import { createTestApi, militaryEstimate, type TestApi } from './support/api';
import { createTestWorker, sharedClient, uniqueQueue } from './support/temporal';

let client: Client;
let connection: Connection;
let worker: Worker;
let workerConnection: NativeConnection;
let running: Promise<void>;
let api: TestApi;

beforeAll(async () => {
  ({ client, connection } = await sharedClient());
  const taskQueue = uniqueQueue('my-work');
  ({ worker, connection: workerConnection } = await createTestWorker({ taskQueue }));
  running = worker.run();
  api = createTestApi(client, taskQueue);
});

afterAll(async () => {
  worker.shutdown();
  await running;
  await workerConnection.close();
  await connection.close();
});

interface MyWork {
  agency: string;
  asOf: string;
  total: number;
  overdue: number;
  items: PendingItem[];
  truncated: boolean;
}

async function myWork(userId: string, agency?: string): Promise<request.Response> {
  return request(api.app)
    .get('/api/v1/my-work')
    .query(agency ? { agency } : {})
    .set('Authorization', await api.bearer(userId));
}

async function submit(userId: string, title: string): Promise<BudgetState> {
  const res = await request(api.app).post('/api/v1/budgets').set('Authorization', await api.bearer(userId)).send({ ...militaryEstimate, title });
  expect(res.status).toBe(201);
  return res.body as BudgetState;
}

async function act(id: string, action: string, userId: string, body: object): Promise<void> {
  const res = await request(api.app).post(`/api/v1/budgets/${id}/${action}`).set('Authorization', await api.bearer(userId)).send(body);
  expect(res.status).toBe(200);
}

/** Visibility catches up with the workflows shortly after they act: poll until the list has what is expected. */
async function settledWork(userId: string, expectedIds: string[]): Promise<MyWork> {
  const want = [...expectedIds].sort();
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await myWork(userId);
    expect(res.status).toBe(200);
    const body = res.body as MyWork;
    const ids = body.items.map((i) => i.workflowId).sort();
    if ((JSON.stringify(ids) === JSON.stringify(want) && body.items.every((i) => i.dueAt !== null)) || Date.now() > deadline) return body;
    await new Promise((r) => setTimeout(r, 300));
  }
}

test('tckh, bchqs, the leadership and a commune each see exactly what waits on them', async () => {
  const military = await submit('quan-bchqs', 'Dự toán thăm, tặng quà gia đình chính sách');
  const culture = await submit('tuan-vhtt', 'Dự toán tuyên truyền trực quan, băng rôn, khẩu hiệu');
  const toRevise = await submit('binh-bchqs', 'Dự toán tọa đàm nhân chứng lịch sử');
  await act(toRevise.id, 'request-revision', 'minh-tckh', { comments: 'Đề nghị bổ sung danh sách đại biểu.' });
  const toDecide = await submit('mai-ttvh', 'Dự toán chương trình nghệ thuật và lễ dâng hương');
  await act(toDecide.id, 'appraise', 'hoa-tckh', { lines: [1, 2, 3].map((lineNo) => ({ lineNo, recommendedAmount: 500_000 })), opinion: 'Thống nhất.' });
  const withdrawn = await submit('hang-ldtbxh', 'Dự toán đã rút');
  await act(withdrawn.id, 'withdraw', 'hang-ldtbxh', { reason: 'Gộp vào dự toán của Ban CHQS.' });

  // The Finance Office: the two estimates waiting for appraisal, nothing else.
  const tckh = await settledWork('hoa-tckh', [military.id, culture.id].map(budgetWorkflowId));
  expect(tckh).toMatchObject({ agency: 'tckh', total: 2, overdue: 0, truncated: false });
  expect(tckh.items.map((i) => i.workflowId).sort()).toEqual([military.id, culture.id].map(budgetWorkflowId).sort());
  const item = tckh.items.find((i) => i.workflowId === budgetWorkflowId(culture.id))!;
  expect(item).toMatchObject({
    workflowType: 'budgetEstimateWorkflow',
    kindLabel: 'Dự toán kinh phí',
    title: 'Dự toán tuyên truyền trực quan, băng rôn, khẩu hiệu',
    caseAgency: 'vhtt',
    status: 'in_appraisal',
    awaitingAgency: 'tckh',
    overdue: false,
    path: `/api/v1/budgets/${culture.id}`,
  });
  expect(Math.abs(Date.parse(item.since) - Date.parse(culture.submittedAt))).toBeLessThan(5_000);
  expect(Date.parse(item.dueAt!)).toBeGreaterThan(Date.now());
  // Every appraiser and staff member of the office sees the same list: it is the agency's work.
  expect(((await myWork('ha-tckh')).body as MyWork).items.map((i) => i.workflowId).sort()).toEqual(tckh.items.map((i) => i.workflowId).sort());

  // The Military Command: only the estimate returned to it for revision, not the one in appraisal.
  const bchqs = await settledWork('quan-bchqs', [budgetWorkflowId(toRevise.id)]);
  expect(bchqs.items).toEqual([expect.objectContaining({ workflowId: budgetWorkflowId(toRevise.id), status: 'revision_requested', awaitingAgency: 'bchqs' })]);

  // The leadership: the appraised estimate awaiting its decision.
  const leaders = await settledWork('thep-dt', [budgetWorkflowId(toDecide.id)]);
  expect(leaders.items).toEqual([expect.objectContaining({ status: 'awaiting_decision', caseAgency: 'ttvh' })]);

  // A commune has nothing waiting on it from these estimates; nor does the withdrawing agency.
  expect(((await myWork('khanh-xa-long-dong')).body as MyWork)).toMatchObject({ agency: 'xa-long-dong', total: 0, items: [] });
  expect(((await myWork('hang-ldtbxh')).body as MyWork).items).toEqual([]);

  // The leadership may look at an agency's work; an agency may not look at another's.
  const asLeader = await myWork('hung-nv', 'tckh');
  expect(asLeader.status).toBe(200);
  expect((asLeader.body as MyWork).items.map((i) => i.workflowId).sort()).toEqual(tckh.items.map((i) => i.workflowId).sort());
  const nosy = await myWork('quan-bchqs', 'tckh');
  expect(nosy.status).toBe(403);
  expect(nosy.headers['content-type']).toContain('application/problem+json');
  const unknown = await myWork('hung-nv', 'khong-co');
  expect(unknown.status).toBe(400);
  expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'query.agency' })]);
  const unsigned = await request(api.app).get('/api/v1/my-work');
  expect(unsigned.status).toBe(401);
});
