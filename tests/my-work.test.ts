/**
 * "My work" through HTTP against a real Temporal server: each agency sees exactly the running cases that
 * wait on it (from visibility), across workflow types (budget estimates, the commune plans and assignments
 * of a campaign), with what, since when, due when; nothing that waits on others or is closed.
 */
import request from 'supertest';
import type { Client } from '@temporalio/client';
import { localDate } from '../catalog/calendar';
import type { Plan } from '../catalog/plan';
import { budgetWorkflowId, type BudgetState } from '../workflows/budget/messages';
import type { Board } from '../workflows/campaign/messages';
import { communePlanId, communePlanWorkflowId } from '../workflows/commune-plan/messages';
import type { PendingItem } from '../workflows/digest/messages';
import { militaryEstimate, type TestApi } from './support/api';
import { campaignApi, campaignSettings, planCopy } from './support/campaign';
import { useService } from './support/service';
import { calendar, directory } from './support/temporal';

let client: Client;
let api: TestApi;
const plan: Plan = planCopy('my-work');

const service = useService('my-work', { api: { campaigns: campaignSettings(plan, calendar) } });
beforeAll(() => {
  ({ client, api } = service);
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
  const res = await request(api.app).post('/api/v1/budgets').set('Authorization', await api.bearer(userId)).send({ ...militaryEstimate, planId: plan.id, title });
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
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await myWork(userId);
    expect(res.status).toBe(200);
    const body = res.body as MyWork;
    const ids = body.items.map((i) => i.workflowId).sort();
    if ((JSON.stringify(ids) === JSON.stringify(want) && body.items.every((i) => i.dueAt !== null)) || Date.now() > deadline) return body;
    await new Promise((r) => setTimeout(r, 300));
  }
}

test('tckh, bchqs, the leadership and a commune each see exactly what waits on them, of every kind', async () => {
  // The office starts a campaign: a commune plan awaits each commune, an assignment's report each agency.
  const campaigns = campaignApi(api, directory);
  const communePlanDue = calendar.addWorkingDays(localDate(new Date()), 10);
  const started = await campaigns.start({ planId: plan.id, communePlanDue, reportDue: calendar.addWorkingDays(communePlanDue, 10) });
  expect(started.status).toBe(201);
  let board: Board | undefined;
  for (let tries = 0; tries < 240 && !(board && board.totals.started === 18 && board.assignments.every((a) => a.started)); tries += 1) {
    await new Promise((r) => setTimeout(r, 250));
    board = await campaigns.boardOf(plan.id);
  }
  const assignmentsOf = (agency: string): string[] => board!.assignments.filter((a) => a.agency === agency).map((a) => a.workflowId);
  expect(assignmentsOf('tckh').length).toBeGreaterThan(0);
  expect(assignmentsOf('bchqs').length).toBeGreaterThan(0);

  const military = await submit('quan-bchqs', 'Dự toán thăm, tặng quà gia đình chính sách');
  const culture = await submit('tuan-vhtt', 'Dự toán tuyên truyền trực quan, băng rôn, khẩu hiệu');
  const toRevise = await submit('binh-bchqs', 'Dự toán tọa đàm nhân chứng lịch sử');
  await act(toRevise.id, 'request-revision', 'minh-tckh', { comments: 'Đề nghị bổ sung danh sách đại biểu.' });
  const toDecide = await submit('mai-ttvh', 'Dự toán chương trình nghệ thuật và lễ dâng hương');
  await act(toDecide.id, 'appraise', 'hoa-tckh', { lines: [1, 2, 3].map((lineNo) => ({ lineNo, recommendedAmount: 500_000 })), opinion: 'Thống nhất.' });
  const withdrawn = await submit('hang-ldtbxh', 'Dự toán đã rút');
  await act(withdrawn.id, 'withdraw', 'hang-ldtbxh', { reason: 'Gộp vào dự toán của Ban CHQS.' });

  // The Finance Office: the two estimates waiting for appraisal and its own report to the campaign, nothing else.
  const tckhIds = [...[military.id, culture.id].map(budgetWorkflowId), ...assignmentsOf('tckh')];
  const tckh = await settledWork('hoa-tckh', tckhIds);
  expect(tckh).toMatchObject({ agency: 'tckh', total: tckhIds.length, overdue: 0, truncated: false });
  expect(tckh.items.map((i) => i.workflowId).sort()).toEqual([...tckhIds].sort());
  expect(tckh.items.find((i) => i.workflowId === assignmentsOf('tckh')[0])).toMatchObject({
    workflowType: 'assignmentWorkflow',
    kindLabel: 'Báo cáo kết quả nhiệm vụ',
    caseAgency: 'tckh',
    status: 'awaiting_report',
  });
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

  // The Military Command: the estimate returned to it for revision (not the one in appraisal) and its report.
  const bchqs = await settledWork('quan-bchqs', [budgetWorkflowId(toRevise.id), ...assignmentsOf('bchqs')]);
  expect(bchqs.items.map((i) => i.workflowId).sort()).toEqual([budgetWorkflowId(toRevise.id), ...assignmentsOf('bchqs')].sort());
  expect(bchqs.items.find((i) => i.workflowType === 'budgetEstimateWorkflow')).toMatchObject({ status: 'revision_requested', awaitingAgency: 'bchqs' });

  // The leadership: the appraised estimate awaiting its decision.
  const leaders = await settledWork('thep-dt', [budgetWorkflowId(toDecide.id), ...assignmentsOf('lanh-dao')]);
  expect(leaders.items.filter((i) => i.workflowType === 'budgetEstimateWorkflow')).toEqual([
    expect.objectContaining({ status: 'awaiting_decision', caseAgency: 'ttvh' }),
  ]);

  // A commune: its own plan for the campaign, due on the campaign's day; not its neighbours'.
  const planOfLongDong = communePlanWorkflowId(communePlanId(plan.id, 'xa-long-dong'));
  const commune = await settledWork('khanh-xa-long-dong', [planOfLongDong]);
  expect(commune).toMatchObject({ agency: 'xa-long-dong', total: 1 });
  expect(commune.items[0]).toMatchObject({
    workflowType: 'communePlanWorkflow',
    kindLabel: 'Kế hoạch của xã, thị trấn',
    caseAgency: 'xa-long-dong',
    status: 'awaiting_submission',
    overdue: false,
    path: `/api/v1/commune-plans/${communePlanId(plan.id, 'xa-long-dong')}`,
  });
  expect(localDate(new Date(commune.items[0]!.dueAt!))).toBe(communePlanDue);
  // The agency whose estimate was withdrawn has only its report left.
  const ldtbxh = await settledWork('hang-ldtbxh', assignmentsOf('ldtbxh'));
  expect(ldtbxh.items.map((i) => i.workflowId).sort()).toEqual([...assignmentsOf('ldtbxh')].sort());
  expect(ldtbxh.items.some((i) => i.workflowId === budgetWorkflowId(withdrawn.id))).toBe(false);

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
