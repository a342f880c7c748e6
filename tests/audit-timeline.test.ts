/**
 * The timeline an auditor reads, built from Temporal's history: a full budget flow through the API lists
 * exactly the actions taken, in order, with who took them, what changed, and every email; refused attempts
 * are not in it. A recorded history where nobody acted in time shows the reminder and the escalation.
 */
import path from 'node:path';
import request from 'supertest';
import type { Client } from '@temporalio/client';
import { buildTimeline, type TimelineEntry } from '../api/audit/timeline';
import { timerOf } from '../api/audit/timeline-events';
import { alarmSummary } from '../workflows/common/alarm';
import { loadHistoryFile } from '../audit/replay';
import { budgetWorkflowId, type BudgetState } from '../workflows/budget/messages';
import { financeAppraisal, militaryEstimate, type TestApi } from './support/api';
import { useService } from './support/service';
import { directory, readOutbox } from './support/temporal';

let client: Client;
let api: TestApi;

const service = useService('audit-timeline');
const { outbox } = service;

beforeAll(() => {
  ({ client, api } = service);
});

async function act(id: string, action: string, userId: string, body: unknown) {
  return request(api.app).post(`/api/v1/budgets/${id}/${action}`).set('Authorization', await api.bearer(userId)).send(body as object);
}

/** "dd/MM/yyyy HH:mm:ss" of an instant at UTC+7, computed independently of the code under test. */
const hanoi = (iso: string): string => {
  const t = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 19)}`;
};

test('a full budget flow: exactly the actions taken, in order, with the right actors, changes and emails', async () => {
  const created = await request(api.app).post('/api/v1/budgets').set('Authorization', await api.bearer('quan-bchqs')).send(militaryEstimate);
  expect(created.status).toBe(201);
  const id = (created.body as BudgetState).id;

  // Refused attempts along the way: they never enter the history, so they are not in the timeline.
  expect((await act(id, 'approve', 'thep-dt', { amount: 1, decisionNumber: '1/QĐ-UBND', decisionDate: '2024-03-01' })).status).toBe(409);
  expect((await act(id, 'request-revision', 'quan-bchqs', { comments: 'tự yêu cầu' })).status).toBe(403);
  expect((await act(id, 'request-revision', 'hoa-tckh', { comments: 'Đề nghị tách chi phí băng rôn theo địa điểm treo.' })).status).toBe(200);
  const resubmitted = { ...militaryEstimate, lines: [militaryEstimate.lines[0], { ...militaryEstimate.lines[1], quantity: 20 }, militaryEstimate.lines[2]] };
  expect((await act(id, 'resubmit', 'binh-bchqs', resubmitted)).status).toBe(200);
  expect((await act(id, 'appraise', 'hoa-tckh', financeAppraisal)).status).toBe(200);
  expect((await act(id, 'approve', 'thep-dt', { amount: 40_000_000, decisionNumber: '125/QĐ-UBND', decisionDate: '2024-03-15' })).status).toBe(400);
  expect((await act(id, 'approve', 'thep-dt', { amount: 30_000_000, decisionNumber: '125/QĐ-UBND', decisionDate: '2024-03-15' })).status).toBe(200);
  await client.workflow.getHandle(budgetWorkflowId(id)).result();

  const res = await request(api.app).get(`/api/v1/audit/workflows/${budgetWorkflowId(id)}/timeline`).set('Authorization', await api.bearer('thanh-tt'));
  expect(res.status).toBe(200);
  expect(res.body.header).toMatchObject({ workflowId: budgetWorkflowId(id), workflowType: 'budgetEstimateWorkflow', exportedBy: { userId: 'thanh-tt' }, timeZone: 'Asia/Ho_Chi_Minh' });
  const entries = res.body.entries as TimelineEntry[];

  const steps = entries.filter((e) => e.kind === 'started' || e.kind === 'action');
  expect(steps.map((e) => [e.label, e.actor?.userId, e.actor?.role, e.statusBefore, e.statusAfter])).toEqual([
    ['Gửi dự toán để thẩm định', 'quan-bchqs', 'staff', null, 'in_appraisal'],
    ['Yêu cầu chỉnh sửa dự toán', 'hoa-tckh', 'appraiser', 'in_appraisal', 'revision_requested'],
    ['Gửi lại (phiên bản mới)', 'binh-bchqs', 'staff', 'revision_requested', 'in_appraisal'],
    ['Thẩm định', 'hoa-tckh', 'appraiser', 'in_appraisal', 'awaiting_decision'],
    ['Phê duyệt', 'thep-dt', 'leader', 'awaiting_decision', 'approved'],
  ]);
  const [submitted, revision, resubmit, appraise, approve] = steps as [TimelineEntry, TimelineEntry, TimelineEntry, TimelineEntry, TimelineEntry];

  // Who: name, agency and role as the directory has them.
  expect(approve.actor).toEqual({
    userId: 'thep-dt',
    name: directory.user('thep-dt')!.name,
    agency: 'lanh-dao',
    role: 'leader',
    roleLabel: 'Lãnh đạo',
    agencyName: 'Lãnh đạo UBND huyện',
    // Under which authority she decided: the deputy of the plan's field, for the chairman.
    capacity: expect.objectContaining({ form: 'KT.', principalTitle: 'Chủ tịch', signerTitle: 'Phó Chủ tịch', field: 'van-hoa-xa-hoi' }),
    authority: expect.stringMatching(/^KT\. Chủ tịch, Phó Chủ tịch Dương Thị Thép \(căn cứ: /),
  });
  expect(submitted.actor?.agencyName).toBe('Ban Chỉ huy Quân sự huyện');

  // What: the input as recorded, amounts and comments readable, and the state before and after.
  expect(revision.input).toEqual({ comments: 'Đề nghị tách chi phí băng rôn theo địa điểm treo.' });
  expect(revision.details).toContain('Đề nghị tách chi phí băng rôn theo địa điểm treo.');
  expect(resubmit.changes).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'versions.1', before: null, after: expect.objectContaining({ version: 2, total: 33_000_000 }) })]));
  expect(appraise.changes).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'appraisals.0', after: expect.objectContaining({ total: 31_000_000 }) })]));
  expect(approve.input).toEqual({ amount: 30_000_000, decisionNumber: '125/QĐ-UBND', decisionDate: '2024-03-15' });
  expect(approve.details).toBe(
    'Thẩm quyền: KT. Chủ tịch, Phó Chủ tịch Dương Thị Thép (căn cứ: phân công phụ trách lĩnh vực văn hóa - xã hội (Quy chế làm việc của UBND huyện Bắc Sơn)). ' +
      'Số tiền: 30.000.000 đ; Số quyết định: 125/QĐ-UBND; Ngày quyết định: 15/03/2024. Trạng thái: Chờ lãnh đạo quyết định → Đã phê duyệt',
  );
  expect(approve.changes).toEqual(expect.arrayContaining([{ path: 'status', before: 'awaiting_decision', after: 'approved' }]));

  // When: in the history's order, each shown in Hà Nội time; the actions one after another.
  expect(entries.map((e) => e.seq)).toEqual(entries.map((_e, i) => i + 1));
  const eventIds = entries.map((e) => Number(e.eventId));
  expect([...eventIds].sort((a, b) => a - b)).toEqual(eventIds);
  const stepTimes = steps.map((e) => e.at);
  expect([...stepTimes].sort()).toEqual(stepTimes);
  for (const e of entries) expect(e.time).toBe(hanoi(e.at));

  // Every email, to whom; the same messages the outbox holds.
  const emails = entries.filter((e) => e.kind === 'email');
  const mails = (await readOutbox(outbox)).filter((m) => m.subject.includes(id));
  expect(emails.map((e) => e.subject).sort()).toEqual(mails.map((m) => m.subject).sort());
  expect(emails).toHaveLength(5);
  const approvedMail = emails.find((e) => e.name === 'approved')!;
  expect(approvedMail.recipients).toEqual(expect.arrayContaining(['bchqs@bacson.example.vn', 'quan-bchqs@bacson.example.vn', 'hoa-tckh@bacson.example.vn']));
  expect(approvedMail.label).toBe('Gửi thư: báo đã phê duyệt');

  expect(entries[entries.length - 1]).toMatchObject({ kind: 'closed', label: 'Hồ sơ kết thúc', statusAfter: 'approved' });
});

test('a recorded history where nobody acted in time shows the reminder, the escalation and whom they reached', async () => {
  const file = loadHistoryFile(path.join(__dirname, 'fixtures/histories/budgetEstimateWorkflow/reminder-escalation-returned-approved.json'));
  const { entries } = await buildTimeline(file.history, { converter: client.options.loadedDataConverter, directory });

  const reminder = entries.find((e) => e.kind === 'reminder')!;
  const escalation = entries.find((e) => e.kind === 'escalation')!;
  expect(reminder).toMatchObject({ label: 'Nhắc hạn', kindLabel: 'Nhắc hạn', statusBefore: 'in_appraisal', actor: null });
  expect(reminder.details).toContain('Đơn vị phải xử lý: Phòng Tài chính - Kế hoạch');
  expect(escalation).toMatchObject({ label: 'Quá hạn - báo cáo lãnh đạo', kindLabel: 'Báo quá hạn' });
  expect(reminder.seq).toBeLessThan(escalation.seq);
  // Both came before anyone acted: the first appraisal follows them.
  const firstAction = entries.find((e) => e.kind === 'action')!;
  expect(escalation.seq).toBeLessThan(firstAction.seq);

  const reminderMail = entries.find((e) => e.kind === 'email' && e.name === 'reminder')!;
  expect(reminderMail.recipients).toEqual(expect.arrayContaining(['hoa-tckh@bacson.example.vn', 'tckh@bacson.example.vn']));
  const escalationMail = entries.find((e) => e.kind === 'email' && e.name === 'escalation')!;
  expect(escalationMail.recipients).toEqual(expect.arrayContaining(['lanh-dao@bacson.example.vn', 'van-phong@bacson.example.vn']));

  // The leadership's return to appraisal is in the record, with its reason, between two appraisals.
  expect(entries.filter((e) => e.kind === 'action').map((e) => `${e.name}:${e.actor?.userId}`)).toEqual([
    'appraise:hoa-tckh',
    'returnToAppraisal:thep-dt',
    'appraise:minh-tckh',
    'approve:thep-dt',
  ]);
});

test('a history recorded after the alarms carried their kind shows the same reminder and escalation, read from the record', async () => {
  const file = loadHistoryFile(path.join(__dirname, 'fixtures/histories/budgetEstimateWorkflow/reminder-escalation-kind-recorded.json'));
  const { entries } = await buildTimeline(file.history, { converter: client.options.loadedDataConverter, directory });
  expect(entries.filter((e) => e.kind === 'reminder' || e.kind === 'escalation').map((e) => [e.kind, e.name, e.label])).toEqual([
    ['reminder', 'Nhắc hạn [alarm:reminder]', 'Nhắc hạn'],
    ['escalation', 'Quá hạn - báo cáo lãnh đạo [alarm:escalation]', 'Quá hạn - báo cáo lãnh đạo'],
  ]);
  expect(entries[entries.length - 1]).toMatchObject({ kind: 'closed', statusAfter: 'withdrawn' });
});

test('which alarm fired is what the workflow recorded; only an untagged summary (a history from before) is read by its wording', () => {
  // A reminder whose wording speaks of lateness is still a reminder; the deadline passing tells nobody, so it is a plain timer.
  expect(timerOf(alarmSummary('reminder', 'Nhắc hạn: sắp quá hạn'))).toEqual({ kind: 'reminder', text: 'Nhắc hạn: sắp quá hạn' });
  expect(timerOf(alarmSummary('due', 'Hết hạn gửi kế hoạch'))).toEqual({ kind: 'timer', text: 'Hết hạn gửi kế hoạch' });
  expect(timerOf(alarmSummary('escalation', 'Quá hạn - báo cáo'))).toEqual({ kind: 'escalation', text: 'Quá hạn - báo cáo' });
  expect(timerOf('Quá hạn báo cáo - báo cáo lãnh đạo')).toEqual({ kind: 'escalation', text: 'Quá hạn báo cáo - báo cáo lãnh đạo' });
  expect(timerOf('Nhắc hạn gửi kế hoạch')).toEqual({ kind: 'reminder', text: 'Nhắc hạn gửi kế hoạch' });
  expect(timerOf('Chờ các đơn vị báo cáo')).toEqual({ kind: 'timer', text: 'Chờ các đơn vị báo cáo' });
  // A tag naming no alarm kind is not one: the whole summary is the text.
  expect(timerOf('Cập nhật bảng [alarm:other]')).toEqual({ kind: 'timer', text: 'Cập nhật bảng [alarm:other]' });
});
