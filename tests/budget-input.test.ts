/** Malformed and schema-invalid submissions are answered 400 problem+json naming every bad field; no workflow starts. */
import request from 'supertest';
import type { Client } from '@temporalio/client';
import { militaryEstimate, type TestApi } from './support/api';
import { useService } from './support/service';
import { eventually } from './support/budget-api';

let client: Client;
let api: TestApi;
let taskQueue: string;

const service = useService('budget-input');

beforeAll(() => {
  ({ client, api, taskQueue } = service);
});

/** Estimates ever started on this test's task queue (visibility). */
async function startedOnQueue(): Promise<number> {
  const { count } = await client.workflow.count(`TaskQueue = '${taskQueue}' AND WorkflowType = 'budgetEstimateWorkflow'`);
  return count;
}

test('broken JSON and invalid fields are refused before anything starts', async () => {
  const auth = await api.bearer('quan-bchqs');

  const broken = await request(api.app).post('/api/v1/budgets').set('Authorization', auth).set('Content-Type', 'application/json').send('{"title": "Dự toán", "lines": [');
  expect(broken.status).toBe(400);
  expect(broken.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(broken.body).toMatchObject({ status: 400, errors: [{ field: '(body)' }] });

  const invalid = await request(api.app)
    .post('/api/v1/budgets')
    .set('Authorization', auth)
    .send({
      title: '',
      lines: [
        { description: 'Băng rôn', activity: 'II.1', quantity: '30', unit: 'chiếc', unitPrice: -350_000 },
        { description: 'Quà', activity: 'II.4', quantity: 2.5, unit: 'suất', unitPrice: 1_000_000, discount: 5 },
      ],
      extra: true,
    });
  expect(invalid.status).toBe(400);
  const fields = (invalid.body.errors as Array<{ field: string }>).map((e) => e.field);
  expect(fields).toEqual(
    expect.arrayContaining(['body.title', 'body.lines.0.quantity', 'body.lines.0.unitPrice', 'body.lines.1.quantity', 'body.lines.1.discount', 'body.extra']),
  );

  const notJson = await request(api.app).post('/api/v1/budgets').set('Authorization', auth).set('Content-Type', 'text/plain').send('title=x');
  expect(notJson.status).toBe(415);

  const empty = await request(api.app).post('/api/v1/budgets').set('Authorization', auth).send({ title: 'Không có dòng nào', lines: [] });
  expect(empty.status).toBe(400);
  expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'body.lines' })]);

  // A valid submission on the same queue does show up, so the count below could have seen a stray start.
  const ok = await request(api.app).post('/api/v1/budgets').set('Authorization', auth).send(militaryEstimate);
  expect(ok.status).toBe(201);
  await eventually(async () => expect(await startedOnQueue()).toBe(1));
});

test('a missing or bad token is 401, and only agency staff may submit', async () => {
  const none = await request(api.app).post('/api/v1/budgets').send(militaryEstimate);
  expect(none.status).toBe(401);
  expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
  const forged = await request(api.app).post('/api/v1/budgets').set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0aGVwLWR0In0.bad').send(militaryEstimate);
  expect(forged.status).toBe(401);
  const leader = await request(api.app).post('/api/v1/budgets').set('Authorization', await api.bearer('thep-dt')).send(militaryEstimate);
  expect(leader.status).toBe(403);
  const commune = await request(api.app).post('/api/v1/budgets').set('Authorization', await api.bearer('huyen-tt-bac-son')).send(militaryEstimate);
  expect(commune.status).toBe(403);
  await new Promise((r) => setTimeout(r, 300));
  expect(await startedOnQueue()).toBe(1);
});

test('an estimate may name only an issued plan: a made-up plan is 400 naming planId, and nothing starts', async () => {
  const auth = await api.bearer('quan-bchqs');
  const before = await startedOnQueue();
  const res = await request(api.app).post('/api/v1/budgets').set('Authorization', auth).send({ ...militaryEstimate, planId: 'ke-hoach-bia-dat' });
  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body.planId' })]);
  expect(JSON.stringify(res.body.errors)).toContain('ke-hoach-bia-dat');
  // Over the bound that keeps a plan's totals exact: 10^13 đ for one estimate.
  const huge = await request(api.app).post('/api/v1/budgets').set('Authorization', auth)
    .send({ ...militaryEstimate, lines: [{ description: 'Độn số', activity: 'II.1', quantity: 1_000, unit: 'gói', unitPrice: 100_000_000_000 }] });
  expect(huge.status).toBe(400);
  expect(huge.body.errors).toEqual([expect.objectContaining({ field: 'body.lines' })]);
  expect(await startedOnQueue()).toBe(before);
});
