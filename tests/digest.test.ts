/**
 * The morning digest against a real Temporal server, triggered for a chosen date (not by waiting for the
 * schedule): one email to each agency with pending work, listing it and what is overdue on that date;
 * nothing to agencies with nothing pending or that turned the digest off; nothing at all on a weekend or a
 * public holiday. And `ensure-schedules` creates the 07:30 Asia/Ho_Chi_Minh schedule once.
 */
import request from 'supertest';
import type { Client } from '@temporalio/client';
import { localDate } from '../catalog/calendar';
import { ensureSchedules, DIGEST_TIME_ZONE } from '../scripts/ensure-schedules';
import { budgetWorkflowId, type BudgetState } from '../workflows/budget/messages';
import { DIGEST_WORKFLOW_TYPE, digestScheduleId, type DigestInput, type DigestResult } from '../workflows/digest/messages';
import type { NotificationPage } from '../workflows/notifications/messages';
import { militaryEstimate, type TestApi } from './support/api';
import { useService } from './support/service';
import { calendar, mailSettled, readOutbox, uniqueQueue } from './support/temporal';

let client: Client;
let api: TestApi;
let taskQueue: string;

const service = useService('digest');
const { outbox } = service;

beforeAll(() => {
  ({ client, api, taskQueue } = service);
});

async function submit(userId: string, title: string): Promise<BudgetState> {
  const res = await request(api.app).post('/api/v1/budgets').set('Authorization', await api.bearer(userId)).send({ ...militaryEstimate, title });
  expect(res.status).toBe(201);
  return res.body as BudgetState;
}

async function act(id: string, action: string, userId: string, body: object): Promise<void> {
  const res = await request(api.app).post(`/api/v1/budgets/${id}/${action}`).set('Authorization', await api.bearer(userId)).send(body);
  expect(res.status).toBe(200);
}

/** Waits until visibility lists these cases as waiting on the agency, with their deadlines. */
async function visible(userId: string, workflowIds: string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await request(api.app).get('/api/v1/my-work').set('Authorization', await api.bearer(userId));
    const items = (res.body.items ?? []) as Array<{ workflowId: string; dueAt: string | null }>;
    if (workflowIds.every((id) => items.some((i) => i.workflowId === id && i.dueAt))) return;
    if (Date.now() > deadline) throw new Error(`visibility never listed ${workflowIds.join(', ')} for ${userId}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const runDigest = (date: string, id: string): Promise<DigestResult> => {
  const input: DigestInput = { date };
  return client.workflow.execute(DIGEST_WORKFLOW_TYPE, { taskQueue, workflowId: `${taskQueue}-digest-${id}`, args: [input] });
};

/** The digests in the outbox, once every email on its way has arrived. */
const digestMails = async () => {
  await mailSettled(client, taskQueue);
  return (await readOutbox(outbox)).filter((m) => m.subject.startsWith('[Bản tin công việc'));
};

/** The next date after `from` (YYYY-MM-DD) for which `pick` holds. */
function nextDate(from: string, pick: (d: string) => boolean): string {
  let d = from;
  do d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  while (!pick(d));
  return d;
}

test('the digest mails each agency its pending work and what is overdue, skips the rest, and sends nothing on days off', async () => {
  const appraisal = [
    await submit('quan-bchqs', 'Dự toán thăm, tặng quà gia đình chính sách'),
    await submit('tuan-vhtt', 'Dự toán tuyên truyền trực quan'),
  ];
  const decision = await submit('mai-ttvh', 'Dự toán chương trình nghệ thuật');
  await act(decision.id, 'appraise', 'hoa-tckh', { lines: [1, 2, 3].map((lineNo) => ({ lineNo, recommendedAmount: 500_000 })), opinion: 'Thống nhất.' });
  const revision = await submit('binh-bchqs', 'Dự toán tọa đàm nhân chứng lịch sử');
  await act(revision.id, 'request-revision', 'hoa-tckh', { comments: 'Bổ sung danh sách đại biểu.' });
  // The Military Command has work waiting but does not want the digest.
  const off = await request(api.app).put('/api/v1/preferences').set('Authorization', await api.bearer('quan-bchqs')).send({ digest: false });
  expect(off.status).toBe(200);
  // The office has the leadership's mail go to one more address as well.
  const routed = await request(api.app).put('/api/v1/agencies/lanh-dao/mail-routing').set('Authorization', await api.bearer('lan-vp')).send({ extraEmails: ['chanh-van-phong@bacson.example.vn'] });
  expect(routed.status).toBe(200);
  await visible('hoa-tckh', appraisal.map((b) => budgetWorkflowId(b.id)));
  await visible('thep-dt', [budgetWorkflowId(decision.id)]);
  await visible('quan-bchqs', [budgetWorkflowId(revision.id)]);

  // A working day after the decision's deadline (3 working days) and before the appraisals' (5).
  const today = localDate(new Date());
  const day = calendar.addWorkingDays(today, 4);
  const result = await runDigest(day, 'working-day');
  expect(result).toEqual({
    date: day,
    workingDay: true,
    sent: [
      { agency: 'lanh-dao', total: 1, overdue: 1 },
      { agency: 'tckh', total: 2, overdue: 0 },
    ],
    optedOut: ['bchqs'],
    failed: [],
  });

  const mails = await digestMails();
  expect(mails).toHaveLength(2);
  const [y, m, d] = day.split('-');
  const leaders = mails.find((x) => x.to.includes('lanh-dao@bacson.example.vn'))!;
  expect(leaders.subject).toBe(`[Bản tin công việc ${d}/${m}/${y}] 1 hồ sơ chờ xử lý, 1 quá hạn`);
  expect(leaders.to).toEqual(expect.arrayContaining(['thep-dt@bacson.example.vn', 'hung-nv@bacson.example.vn', 'chanh-van-phong@bacson.example.vn']));
  expect(leaders.text).toContain('Hồ sơ đã quá hạn, đề nghị xử lý ngay:');
  expect(leaders.text).toContain(`Dự toán kinh phí "Dự toán chương trình nghệ thuật" (mã ${decision.id})`);
  expect(leaders.text).toContain('ĐÃ QUÁ HẠN');
  expect(leaders.html).toContain('Dự toán chương trình nghệ thuật');

  const office = mails.find((x) => x.to.includes('tckh@bacson.example.vn'))!;
  expect(office.subject).toBe(`[Bản tin công việc ${d}/${m}/${y}] 2 hồ sơ chờ xử lý`);
  expect(office.text).toContain('có 2 hồ sơ đang chờ xử lý, chưa có hồ sơ nào quá hạn.');
  for (const b of appraisal) expect(office.text).toContain(`(mã ${b.id})`);
  expect(office.text).not.toContain(decision.id);
  expect(office.text).not.toContain('ĐÃ QUÁ HẠN');
  expect(mails.some((x) => x.to.includes('bchqs@bacson.example.vn'))).toBe(false);

  // The digest also lands in the agency's notifications.
  const inbox = await request(api.app).get('/api/v1/notifications').set('Authorization', await api.bearer('hoa-tckh'));
  expect((inbox.body as NotificationPage).items.filter((n) => n.kind === 'digest').map((n) => n.subject)).toEqual([office.subject]);

  // Run again for the same day (a retry, a manual trigger): nobody gets it twice.
  await runDigest(day, 'working-day-again');
  expect(await digestMails()).toHaveLength(2);

  // A Sunday and a public holiday: nothing at all.
  const sunday = nextDate(today, (x) => new Date(`${x}T00:00:00Z`).getUTCDay() === 0);
  expect(await runDigest(sunday, 'sunday')).toEqual({ date: sunday, workingDay: false, sent: [], optedOut: [], failed: [] });
  expect(await runDigest('2024-04-30', 'holiday')).toEqual({
    date: '2024-04-30',
    workingDay: false,
    holiday: 'Ngày Chiến thắng (30/4)',
    sent: [],
    optedOut: [],
    failed: [],
  });
  expect(await digestMails()).toHaveLength(2);
});

test('ensure-schedules creates the 07:30 Asia/Ho_Chi_Minh digest schedule once, and restores its time if changed', async () => {
  const queue = uniqueQueue('schedules');
  const scheduleId = digestScheduleId(queue);
  try {
    expect(await ensureSchedules(client, queue)).toEqual([{ scheduleId, outcome: 'created' }]);
    expect(await ensureSchedules(client, queue)).toEqual([{ scheduleId, outcome: 'unchanged' }]);

    const handle = client.schedule.getHandle(scheduleId);
    const described = await handle.describe();
    expect(described.spec.timezone).toBe(DIGEST_TIME_ZONE);
    expect(described.spec.calendars).toHaveLength(1);
    expect(described.spec.calendars![0]).toMatchObject({ hour: [{ start: 7, end: 7 }], minute: [{ start: 30, end: 30 }] });
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: DIGEST_WORKFLOW_TYPE, taskQueue: queue });
    // Every next run is at 07:30 in Vietnam (00:30 UTC), one a day.
    const next = described.info.nextActionTimes;
    expect(next.length).toBeGreaterThan(1);
    for (const t of next) expect(t.toISOString().slice(11, 16)).toBe('00:30');
    expect(next[1]!.getTime() - next[0]!.getTime()).toBe(86_400_000);

    // Someone moves it to 09:00 in the UI: the next start brings it back, and it stays one schedule.
    await handle.update((s) => ({ ...s, spec: { calendars: [{ hour: 9 }], timezone: DIGEST_TIME_ZONE } }));
    expect(await ensureSchedules(client, queue)).toEqual([{ scheduleId, outcome: 'updated' }]);
    expect((await handle.describe()).spec.calendars![0]).toMatchObject({ hour: [{ start: 7, end: 7 }], minute: [{ start: 30, end: 30 }] });
    const listed: string[] = [];
    for await (const s of client.schedule.list()) if (s.scheduleId === scheduleId) listed.push(s.scheduleId);
    expect(listed).toEqual([scheduleId]);
  } finally {
    await client.schedule.getHandle(scheduleId).delete().catch(() => undefined);
  }
});
