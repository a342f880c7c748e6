/**
 * Idempotency-Key on submitting an estimate: a retry with the same key gets the same estimate back and starts
 * no second workflow (also when both attempts race, and after the estimate is closed); the same key with another
 * body is refused; keys belong to the person who sent them.
 */
import request from 'supertest';
import type { Client } from '@temporalio/client';
import { militaryEstimate, type TestApi } from './support/api';
import { useService } from './support/service';
import { BUDGET_WORKFLOW_TYPE } from '../workflows/budget/messages';

let client: Client;
let taskQueue: string;
let api: TestApi;

const service = useService('idempotency');

beforeAll(() => {
  ({ client, api, taskQueue } = service);
});

/** Estimate workflows started on this test's queue (the count visibility settles on). */
async function estimatesStarted(atLeast = 0): Promise<number> {
  let count = 0;
  for (let i = 0; i < 30; i++) {
    ({ count } = await client.workflow.count(`TaskQueue = '${taskQueue}' AND WorkflowType = '${BUDGET_WORKFLOW_TYPE}'`));
    if (count >= atLeast) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // Give a stray second start the time to show up before saying there is none.
  await new Promise((r) => setTimeout(r, 500));
  return (await client.workflow.count(`TaskQueue = '${taskQueue}' AND WorkflowType = '${BUDGET_WORKFLOW_TYPE}'`)).count;
}

async function submit(userId: string, key: string | undefined, body: object = militaryEstimate) {
  let req = request(api.app).post('/api/v1/budgets').set('Authorization', await api.bearer(userId));
  if (key !== undefined) req = req.set('Idempotency-Key', key);
  return req.send(body);
}

test('a retry with the same key returns the same estimate and starts no second workflow', async () => {
  const key = 'a3f1c2e4-0b6d-4c55-9f0e-7d1b2a3c4d5e';
  const first = await submit('quan-bchqs', key);
  expect(first.status).toBe(201);
  expect(first.headers['idempotent-replayed']).toBeUndefined();
  const retry = await submit('quan-bchqs', key);
  expect(retry.status).toBe(201);
  expect(retry.headers['idempotent-replayed']).toBe('true');
  expect(retry.headers.location).toBe(first.headers.location);
  // The same estimate, as it stands now (its deadline may have been set in between).
  expect(retry.body).toMatchObject({ id: first.body.id, submittedAt: first.body.submittedAt, versions: first.body.versions });
  expect(await estimatesStarted(1)).toBe(1);

  // The same key with another body is a different request: refused, nothing started.
  const changed = await submit('quan-bchqs', key, { ...militaryEstimate, title: 'Dự toán khác' });
  expect(changed.status).toBe(422);
  expect(changed.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(changed.body.errors).toEqual([expect.objectContaining({ field: 'headers.Idempotency-Key' })]);
  expect(await estimatesStarted(1)).toBe(1);

  // Keys are per person: a colleague using the same key submits an estimate of their own.
  const colleague = await submit('binh-bchqs', key);
  expect(colleague.status).toBe(201);
  expect(colleague.body.id).not.toBe(first.body.id);
  expect(colleague.headers['idempotent-replayed']).toBeUndefined();
  expect(await estimatesStarted(2)).toBe(2);
});

test('two attempts racing with the same key end on one estimate', async () => {
  const key = 'race-2024-03-15-01';
  const before = await estimatesStarted();
  const answers = await Promise.all([submit('tuan-vhtt', key), submit('tuan-vhtt', key), submit('tuan-vhtt', key)]);
  expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
  expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
  expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
  expect(await estimatesStarted(before + 1)).toBe(before + 1);
});

test('a retry after the estimate was withdrawn still answers it, and starts nothing', async () => {
  const key = 'withdraw-then-retry';
  const first = await submit('mai-ttvh', key);
  expect(first.status).toBe(201);
  const withdrawn = await request(api.app)
    .post(`/api/v1/budgets/${first.body.id}/withdraw`)
    .set('Authorization', await api.bearer('mai-ttvh'))
    .send({ reason: 'Nộp nhầm' });
  expect(withdrawn.status).toBe(200);
  const before = await estimatesStarted();
  const retry = await submit('mai-ttvh', key);
  expect(retry.status).toBe(201);
  expect(retry.body).toMatchObject({ id: first.body.id, status: 'withdrawn' });
  expect(await estimatesStarted()).toBe(before);
});

test('without a key every submission is a new estimate; a malformed key is refused', async () => {
  const before = await estimatesStarted();
  const [a, b] = [await submit('hang-ldtbxh', undefined), await submit('hang-ldtbxh', undefined)];
  expect([a.status, b.status]).toEqual([201, 201]);
  expect(a.body.id).not.toBe(b.body.id);
  expect(await estimatesStarted(before + 2)).toBe(before + 2);

  for (const bad of ['khoa co dau cach', 'k'.repeat(256)]) {
    const res = await submit('hang-ldtbxh', bad);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'headers.Idempotency-Key' })]);
  }
  expect(await estimatesStarted()).toBe(before + 2);
});
