/**
 * The whole budget estimate through HTTP against a real Temporal server: the Military Command submits, the
 * Finance Office asks for a revision, the agency resubmits, the office appraises, the leadership approves.
 */
import request from 'supertest';
import type { Client } from '@temporalio/client';
import { readOutbox } from './support/temporal';
import { eventually } from './support/budget-api';
import { militaryEstimate, type TestApi } from './support/api';
import { useService } from './support/service';
import type { BudgetState } from '../workflows/budget/messages';
import { budgetWorkflowId } from '../workflows/budget/messages';

let client: Client;
let api: TestApi;

const service = useService('budget-flow');
const { outbox } = service;

beforeAll(() => {
  ({ client, api } = service);
});

async function act(id: string, action: string, userId: string, body: unknown) {
  return request(api.app).post(`/api/v1/budgets/${id}/${action}`).set('Authorization', await api.bearer(userId)).send(body as object);
}

test('an estimate goes from submission through one revision to approval, and everyone is told', async () => {
  const created = await request(api.app).post('/api/v1/budgets').set('Authorization', await api.bearer('quan-bchqs')).send(militaryEstimate);
  expect(created.status).toBe(201);
  const id = (created.body as BudgetState).id;
  expect(created.headers.location).toBe(`/api/v1/budgets/${id}`);
  expect(created.body).toMatchObject({ status: 'in_appraisal', agency: 'bchqs', awaiting: { agency: 'tckh', role: 'appraiser' } });
  // Five working days to appraise, due at the close of office hours (17:00 in Hà Nội).
  expect(created.body.dueAt).toMatch(/T10:00:00\.000Z$/);
  expect(Date.parse(created.body.dueAt) - Date.now()).toBeGreaterThan(5 * 86_400_000);
  expect(created.body.versions[0].total).toBe(20 * 1_000_000 + 30 * 350_000 + 6_000_000);
  // In one round trip (Update-with-Start): the workflow planned its deadline inside its first task (a local
  // activity, no activity task), and indexed itself; the API started it without search attributes.
  const history = await client.workflow.getHandle(budgetWorkflowId(id)).fetchHistory();
  const events = history.events ?? [];
  expect(events[0]?.workflowExecutionStartedEventAttributes?.searchAttributes?.indexedFields ?? {}).toEqual({});
  expect(events.some((e) => e.upsertWorkflowSearchAttributesEventAttributes)).toBe(true);
  expect(events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'planDeadline')).toEqual([]);
  expect(events.some((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toBe(true);
  await eventually(async () => {
    const listed = await request(api.app).get('/api/v1/budgets?awaiting=tckh').set('Authorization', await api.bearer('hoa-tckh'));
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(id);
  }, 3_000);

  const revision = await act(id, 'request-revision', 'hoa-tckh', { comments: 'Đề nghị tách chi phí băng rôn theo địa điểm treo.' });
  expect(revision.status).toBe(200);
  expect(revision.body).toMatchObject({ status: 'revision_requested', awaiting: { agency: 'bchqs', role: 'staff' } });

  const resubmitted = await act(id, 'resubmit', 'binh-bchqs', {
    ...militaryEstimate,
    lines: [militaryEstimate.lines[0], { ...militaryEstimate.lines[1], quantity: 20 }, militaryEstimate.lines[2]],
  });
  expect(resubmitted.status).toBe(200);
  expect(resubmitted.body.status).toBe('in_appraisal');
  expect(resubmitted.body.versions.map((v: { version: number; total: number }) => [v.version, v.total])).toEqual([
    [1, 36_500_000],
    [2, 33_000_000],
  ]);

  const appraised = await act(id, 'appraise', 'hoa-tckh', {
    lines: [
      { lineNo: 1, recommendedAmount: 20_000_000 },
      { lineNo: 2, recommendedAmount: 6_000_000, comment: 'Giảm đơn giá theo thị trường' },
      { lineNo: 3, recommendedAmount: 5_000_000 },
    ],
    opinion: 'Đủ điều kiện trình UBND huyện phê duyệt.',
  });
  expect(appraised.status).toBe(200);
  expect(appraised.body).toMatchObject({ status: 'awaiting_decision', awaiting: { agency: 'lanh-dao' } });
  expect(appraised.body.appraisals[0].total).toBe(31_000_000);

  const approved = await act(id, 'approve', 'thep-dt', { amount: 30_000_000, decisionNumber: '125/QĐ-UBND', decisionDate: '2024-03-15' });
  expect(approved.status).toBe(200);
  expect(approved.body).toMatchObject({ status: 'approved', awaiting: null, decision: { outcome: 'approved', amount: 30_000_000, by: { userId: 'thep-dt', role: 'leader' } } });

  // The workflow is finished; reading it still works, and it stays approved.
  await client.workflow.getHandle(budgetWorkflowId(id)).result();
  const read = await request(api.app).get(`/api/v1/budgets/${id}`).set('Authorization', await api.bearer('thanh-tt'));
  expect(read.status).toBe(200);
  expect(read.body.status).toBe('approved');
  expect(read.body.versions).toHaveLength(2);
  expect(read.body.revisionRequests[0].by.userId).toBe('hoa-tckh');

  // One message per step, each to whoever must act next, and the outcome to the submitter.
  const mails = (await readOutbox(outbox)).filter((m) => m.subject.includes(id));
  const bySubject = (s: string) => mails.filter((m) => m.subject.includes(s));
  expect(mails.map((m) => m.subject.replace(/^\[Dự toán [^\]]+\] /, ''))).toEqual(
    expect.arrayContaining(['Dự toán mới cần thẩm định', 'Đề nghị chỉnh sửa dự toán', 'Dự toán gửi lại cần thẩm định', 'Dự toán chờ lãnh đạo quyết định', 'Dự toán đã được phê duyệt']),
  );
  expect(mails).toHaveLength(5);
  expect(bySubject('mới cần thẩm định')[0]!.to).toContain('hoa-tckh@bacson.example.vn');
  expect(bySubject('Đề nghị chỉnh sửa')[0]!.to).toContain('quan-bchqs@bacson.example.vn');
  expect(bySubject('chờ lãnh đạo')[0]!.to).toContain('thep-dt@bacson.example.vn');
  const approvedMail = bySubject('đã được phê duyệt')[0]!;
  expect(approvedMail.to).toContain('bchqs@bacson.example.vn');
  expect(approvedMail.text).toContain('Số phê duyệt: 30.000.000 đ');
  expect(approvedMail.text).toContain('125/QĐ-UBND ngày 15/03/2024');
  expect(approvedMail.html).toContain('30.000.000 đ');
});
