/**
 * In-app notifications against a real Temporal server: every notice a budget sends lands once in each
 * recipient agency's inbox (also when the notify activity fails after delivering and is retried), each
 * person reads and marks their own, the agency's preferences change where its mail goes, and nothing is
 * lost when the worker and the API are replaced.
 */
import request from 'supertest';
import { Context } from '@temporalio/activity';
import type { Client, Connection } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { Notice } from '../activities/notify';
import {
  deliverNotificationSignal,
  getPreferencesQuery,
  inboxWorkflowId,
  listNotificationsQuery,
  markReadUpdate,
  setPreferencesUpdate,
  INBOX_WORKFLOW_TYPE,
  type InboxInput,
  type NotificationInput,
  type NotificationPage,
} from '../workflows/notifications/messages';
import { budgetWorkflowId, type BudgetState } from '../workflows/budget/messages';
import type { Actor } from '../workflows/common/actor';
import { createTestApi, militaryEstimate, type TestApi } from './support/api';
import { createTestWorker, directory, readOutbox, sharedClient, tempDir, testDeps, uniqueQueue } from './support/temporal';

let client: Client;
let connection: Connection;

beforeAll(async () => {
  ({ client, connection } = await sharedClient());
});

afterAll(async () => {
  await connection.close();
});

/** Polls until `check` returns something truthy (workflows and their activities run on their own). */
async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function inboxOf(api: TestApi, userId: string, query: Record<string, string> = {}): Promise<NotificationPage> {
  const res = await request(api.app).get('/api/v1/notifications').query(query).set('Authorization', await api.bearer(userId));
  expect(res.status).toBe(200);
  return res.body as NotificationPage;
}

const subjectsOf = (page: NotificationPage): string[] => page.items.map((n) => n.subject.replace(/^\[Dự toán [^\]]+\] /, ''));

test('each notice of a budget lands once per recipient agency, also when the notify activity is retried after delivering', async () => {
  const taskQueue = uniqueQueue('notifications');
  const outbox = tempDir('outbox-notifications');
  const real = createActivities(testDeps(outbox));
  const retried = new Set<string>();
  // Every notice's first attempt delivers (mail and inbox), then fails, as if the worker died before reporting back.
  const notify = async (notice: Notice) => {
    const delivery = await real.notify(notice);
    if (Context.current().info.attempt === 1) {
      retried.add(notice.key);
      throw new Error('lost the acknowledgement after delivering');
    }
    return delivery;
  };
  let { worker, connection: wc } = await createTestWorker({ taskQueue, activities: { ...real, notify } });
  let running = worker.run();
  let api = createTestApi(client, taskQueue);
  const act = async (id: string, action: string, userId: string, body: object) =>
    request(api.app).post(`/api/v1/budgets/${id}/${action}`).set('Authorization', await api.bearer(userId)).send(body);

  try {
    const created = await request(api.app).post('/api/v1/budgets').set('Authorization', await api.bearer('quan-bchqs')).send(militaryEstimate);
    expect(created.status).toBe(201);
    const id = (created.body as BudgetState).id;
    await eventually(async () => (await inboxOf(api, 'hoa-tckh')).items.length === 1 && retried.size === 1, 'the submission notice');

    // The Military Command adds its commander's address before the outcome arrives.
    const prefs = await request(api.app)
      .put('/api/v1/preferences')
      .set('Authorization', await api.bearer('binh-bchqs'))
      .send({ extraEmails: ['Chi-Huy-Truong@QuanSu.example.vn'], digest: true });
    expect(prefs.status).toBe(200);
    expect(prefs.body).toMatchObject({ agency: 'bchqs', extraEmails: ['chi-huy-truong@quansu.example.vn'], digest: true, updatedBy: { userId: 'binh-bchqs' } });

    const appraised = await act(id, 'appraise', 'hoa-tckh', {
      lines: [1, 2, 3].map((lineNo) => ({ lineNo, recommendedAmount: 1_000_000 })),
      opinion: 'Đủ điều kiện trình UBND huyện phê duyệt.',
    });
    expect(appraised.status).toBe(200);
    await eventually(async () => (await inboxOf(api, 'thep-dt')).items.length === 1 && retried.size === 2, 'the appraisal notice');
    const approved = await act(id, 'approve', 'thep-dt', { amount: 3_000_000, decisionNumber: '131/QĐ-UBND', decisionDate: '2024-03-20' });
    expect(approved.status).toBe(200);
    await client.workflow.getHandle(budgetWorkflowId(id)).result();
    expect(retried.size).toBe(3);

    // Exactly one notification per notice and recipient, though every notice was delivered twice.
    const hoa = await inboxOf(api, 'hoa-tckh');
    expect(subjectsOf(hoa)).toEqual(['Dự toán đã được phê duyệt', 'Dự toán mới cần thẩm định']);
    expect(hoa.unreadCount).toBe(2);
    expect(hoa.items[1]).toMatchObject({ kind: 'budget', event: 'submitted', read: false, workflowId: budgetWorkflowId(id), link: `http://localhost:3000/api/v1/budgets/${id}` });
    expect(hoa.items[1]!.summary).toContain('Ban Chỉ huy Quân sự huyện đã gửi dự toán');
    expect(subjectsOf(await inboxOf(api, 'minh-tckh'))).toEqual(['Dự toán đã được phê duyệt', 'Dự toán mới cần thẩm định']);
    expect(subjectsOf(await inboxOf(api, 'thep-dt'))).toEqual(['Dự toán chờ lãnh đạo quyết định']);
    expect(subjectsOf(await inboxOf(api, 'quan-bchqs'))).toEqual(['Dự toán đã được phê duyệt']);
    // The inbox is the agency's, as its mailbox is on every email: the office's other staff see the same,
    // with the roles it was addressed to; no other agency sees any of it.
    const ha = await inboxOf(api, 'ha-tckh');
    expect(subjectsOf(ha)).toEqual(subjectsOf(hoa));
    expect(ha.items.map((n) => n.roles)).toEqual([['appraiser'], ['appraiser']]);
    expect(subjectsOf(await inboxOf(api, 'tuan-vhtt'))).toEqual([]);

    // And exactly one email per notice; the agency's extra address is on the outcome.
    const mails = (await readOutbox(outbox)).filter((m) => m.subject.includes(id));
    expect(mails).toHaveLength(3);
    const approvedMail = mails.find((m) => m.subject.includes('đã được phê duyệt'))!;
    expect(approvedMail.to).toEqual(expect.arrayContaining(['chi-huy-truong@quansu.example.vn', 'bchqs@bacson.example.vn', 'quan-bchqs@bacson.example.vn']));

    // Read-state is per person: Hòa reads the submission; Minh's stays unread.
    const submittedId = hoa.items[1]!.id;
    const marked = await request(api.app).post(`/api/v1/notifications/${submittedId}/read`).set('Authorization', await api.bearer('hoa-tckh'));
    expect(marked.status).toBe(200);
    expect(marked.body).toEqual({ marked: [submittedId], unreadCount: 1 });
    expect((await inboxOf(api, 'hoa-tckh', { unread: 'true' })).items.map((n) => n.id)).toEqual([hoa.items[0]!.id]);
    expect((await inboxOf(api, 'minh-tckh')).unreadCount).toBe(2);
    const one = await request(api.app).get(`/api/v1/notifications/${submittedId}`).set('Authorization', await api.bearer('hoa-tckh'));
    expect(one.body).toMatchObject({ id: submittedId, read: true });

    // Another agency's notification, or none at all, is not there for them.
    const missing = await request(api.app).post(`/api/v1/notifications/${submittedId}/read`).set('Authorization', await api.bearer('tuan-vhtt'));
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const none = await request(api.app).post('/api/v1/notifications/9999/read').set('Authorization', await api.bearer('hoa-tckh'));
    expect(none.status).toBe(404);
    const bad = await request(api.app).post('/api/v1/notifications/abc/read').set('Authorization', await api.bearer('hoa-tckh'));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'params.id' })]);

    // The worker and the API are replaced: everything, read-state included, is still there.
    worker.shutdown();
    await running;
    await wc.close();
    ({ worker, connection: wc } = await createTestWorker({ taskQueue, deps: testDeps(outbox) }));
    running = worker.run();
    api = createTestApi(client, taskQueue);
    const after = await inboxOf(api, 'hoa-tckh');
    expect(after.items.map((n) => [n.id, n.read])).toEqual([
      [hoa.items[0]!.id, false],
      [submittedId, true],
    ]);
    const all = await request(api.app).post('/api/v1/notifications/read-all').set('Authorization', await api.bearer('hoa-tckh'));
    expect(all.body).toEqual({ marked: [hoa.items[0]!.id], unreadCount: 0 });
  } finally {
    worker.shutdown();
    await running;
    await wc.close();
  }
});

test('preferences: an agency sets its own, auditors cannot, and bad addresses are named', async () => {
  const taskQueue = uniqueQueue('preferences');
  const { worker, connection: wc } = await createTestWorker({ taskQueue });
  const api = createTestApi(client, taskQueue);
  await worker.runUntil(async () => {
    const fresh = await request(api.app).get('/api/v1/preferences').set('Authorization', await api.bearer('tuan-vhtt'));
    expect(fresh.body).toEqual({ agency: 'vhtt', extraEmails: [], digest: true, updatedAt: null, updatedBy: null });

    const bad = await request(api.app)
      .put('/api/v1/preferences')
      .set('Authorization', await api.bearer('tuan-vhtt'))
      .send({ extraEmails: ['van-hoa@bacson.example.vn', 'không-phải-email'], digest: 'no', color: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.color', 'body.digest', 'body.extraEmails.1']);

    const set = await request(api.app)
      .put('/api/v1/preferences')
      .set('Authorization', await api.bearer('tuan-vhtt'))
      .send({ extraEmails: ['van-hoa@bacson.example.vn'], digest: false });
    expect(set.status).toBe(200);
    const read = await request(api.app).get('/api/v1/preferences').set('Authorization', await api.bearer('tuan-vhtt'));
    expect(read.body).toMatchObject({ agency: 'vhtt', extraEmails: ['van-hoa@bacson.example.vn'], digest: false });

    // The leadership's auditor reads everything and changes nothing, not even their own agency's choices.
    const auditor = await request(api.app)
      .put('/api/v1/preferences')
      .set('Authorization', await api.bearer('thanh-tt'))
      .send({ extraEmails: [], digest: false });
    expect(auditor.status).toBe(403);
    const lanhDao = await request(api.app).get('/api/v1/preferences').set('Authorization', await api.bearer('hung-nv'));
    expect(lanhDao.body.digest).toBe(true);
  });
  await wc.close();
});

test('an inbox continues as new when its history grows, keeping notifications, read-state and preferences', async () => {
  const taskQueue = uniqueQueue('inbox-can');
  const { worker, connection: wc } = await createTestWorker({ taskQueue });
  const reader: Actor = { userId: 'tuan-vhtt', name: directory.user('tuan-vhtt')!.name, agency: 'vhtt', role: 'staff' };
  const workflowId = inboxWorkflowId(taskQueue, 'vhtt');
  const input: InboxInput = { agency: 'vhtt', historyLimit: 40 };
  const notice = (i: number): NotificationInput => ({ key: `test:${i}/1-sent`, kind: 'budget', subject: `Thông báo số ${i}`, summary: `Nội dung ${i}`, roles: null });
  await worker.runUntil(async () => {
    const handle = await client.workflow.signalWithStart(INBOX_WORKFLOW_TYPE, {
      workflowId,
      taskQueue,
      args: [input],
      signal: deliverNotificationSignal,
      signalArgs: [notice(1)],
    });
    const firstRun = (await handle.describe()).runId;
    await handle.executeUpdate(setPreferencesUpdate, { args: [reader, { extraEmails: ['vhtt-2@bacson.example.vn'], digest: false }] });
    expect(await handle.executeUpdate(markReadUpdate, { args: [reader, { all: true }] })).toEqual({ marked: [1], unreadCount: 0 });
    // Forty notices, each sent twice: more than enough history for a hand-over.
    for (let i = 1; i <= 40; i += 1) {
      await handle.signal(deliverNotificationSignal, notice(i));
      await handle.signal(deliverNotificationSignal, notice(i));
    }
    const latest = client.workflow.getHandle(workflowId);
    const page = await eventually(async () => {
      const p = await latest.query(listNotificationsQuery, reader, { unreadOnly: false, limit: 100 });
      return p.items.length === 40 ? p : undefined;
    }, 'all forty notices');
    expect(page.items.map((n) => n.subject)).toEqual(Array.from({ length: 40 }, (_, i) => `Thông báo số ${40 - i}`));
    expect(new Set(page.items.map((n) => n.id)).size).toBe(40);
    expect(page.items.filter((n) => n.read).map((n) => n.subject)).toEqual(['Thông báo số 1']);
    expect(page.unreadCount).toBe(39);
    expect((await latest.describe()).runId).not.toBe(firstRun);
    // Paging backwards through them, fifteen at a time, meets each once.
    const seen: string[] = [];
    let before: number | undefined;
    for (let pages = 0; pages < 5; pages += 1) {
      const p: NotificationPage = await latest.query(listNotificationsQuery, reader, { unreadOnly: false, limit: 15, ...(before ? { before } : {}) });
      seen.push(...p.items.map((n) => n.subject));
      if (p.nextBefore === null) break;
      before = p.nextBefore;
    }
    expect(seen).toEqual(page.items.map((n) => n.subject));
    expect(await latest.query(getPreferencesQuery)).toMatchObject({ extraEmails: ['vhtt-2@bacson.example.vn'], digest: false });
  });
  await wc.close();
});
