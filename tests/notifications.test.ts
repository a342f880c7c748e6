/**
 * In-app notifications against a real Temporal server: every notice a budget sends lands once in each
 * recipient agency's inbox (also when the notify activity fails after delivering and is retried), each
 * person reads and marks their own, the agency's preferences change where its mail goes, and nothing is
 * lost when the worker and the API are replaced.
 */
import request from 'supertest';
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { createActivities } from '../activities';
import type { Notice } from '../activities/notify';
import {
  deliverNotificationSignal,
  getPreferencesQuery,
  inboxWorkflowId,
  listNotificationsQuery,
  markReadUpdate,
  setMailRoutingUpdate,
  setPreferencesUpdate,
  INBOX_WORKFLOW_TYPE,
  type InboxInput,
  type NotificationInput,
  type NotificationPage,
} from '../workflows/notifications/messages';
import { budgetWorkflowId, type BudgetState } from '../workflows/budget/messages';
import type { Actor } from '../workflows/common/actor';
import { createTestApi, militaryEstimate, type TestApi } from './support/api';
import { useClient } from './support/service';
import { createTestWorker, directory, readOutbox, tempDir, testDeps, uniqueQueue } from './support/temporal';

let client: Client;

// The tests build their own workers (activities that fail, workers stopped midway) on this client.
const shared = useClient();
beforeAll(() => {
  ({ client } = shared);
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

    // The office has the Military Command's mail also go to its commander's own address before the outcome arrives.
    const prefs = await request(api.app)
      .put('/api/v1/agencies/bchqs/mail-routing')
      .set('Authorization', await api.bearer('lan-vp'))
      .send({ extraEmails: ['Chi-Huy-Truong@QuanSu.example.vn'], outsideDomainsApproved: true, note: 'Chỉ huy trưởng nhận thư cả ngoài giờ' });
    expect(prefs.status).toBe(200);
    expect(prefs.body).toMatchObject({ agency: 'bchqs', extraEmails: ['chi-huy-truong@quansu.example.vn'], digest: true, mailRouting: { by: { userId: 'lan-vp' }, added: ['chi-huy-truong@quansu.example.vn'], outsideDomainsApproved: true } });
    await eventually(async () => retried.size === 2, 'the routing notice');
    // The inbox keeps the addresses where a notice reads them without waiting on the inbox (its memo).
    expect((await client.workflow.getHandle(inboxWorkflowId(taskQueue, 'bchqs')).describe()).memo).toEqual({ mailRouting: ['chi-huy-truong@quansu.example.vn'] });

    const appraised = await act(id, 'appraise', 'hoa-tckh', {
      lines: [1, 2, 3].map((lineNo) => ({ lineNo, recommendedAmount: 1_000_000 })),
      opinion: 'Đủ điều kiện trình UBND huyện phê duyệt.',
    });
    expect(appraised.status).toBe(200);
    await eventually(async () => (await inboxOf(api, 'thep-dt')).items.length === 1 && retried.size === 3, 'the appraisal notice');
    const approved = await act(id, 'approve', 'thep-dt', { amount: 3_000_000, decisionNumber: '131/QĐ-UBND', decisionDate: '2024-03-20' });
    expect(approved.status).toBe(200);
    await client.workflow.getHandle(budgetWorkflowId(id)).result();
    expect(retried.size).toBe(4);

    // Exactly one notification per notice and recipient, though every notice was delivered twice.
    const hoa = await inboxOf(api, 'hoa-tckh');
    expect(subjectsOf(hoa)).toEqual(['Dự toán đã được phê duyệt', 'Dự toán mới cần thẩm định']);
    expect(hoa.unreadCount).toBe(2);
    expect(hoa.items[1]).toMatchObject({ kind: 'budget', event: 'submitted', read: false, workflowId: budgetWorkflowId(id), link: `http://localhost:3000/budgets/${id}` });
    expect(hoa.items[1]!.summary).toContain('Ban Chỉ huy Quân sự huyện đã gửi dự toán');
    expect(subjectsOf(await inboxOf(api, 'minh-tckh'))).toEqual(['Dự toán đã được phê duyệt', 'Dự toán mới cần thẩm định']);
    expect(subjectsOf(await inboxOf(api, 'thep-dt'))).toEqual(['Dự toán chờ lãnh đạo quyết định']);
    expect(subjectsOf(await inboxOf(api, 'quan-bchqs'))).toEqual(['Dự toán đã được phê duyệt', '[Thông báo] Thay đổi địa chỉ nhận thư của Ban Chỉ huy Quân sự huyện']);
    // The inbox is the agency's, as its mailbox is on every email: the office's other staff see the same,
    // with the roles it was addressed to; no other agency sees any of it.
    const ha = await inboxOf(api, 'ha-tckh');
    expect(subjectsOf(ha)).toEqual(subjectsOf(hoa));
    expect(ha.items.map((n) => n.roles)).toEqual([['appraiser'], ['appraiser']]);
    expect(subjectsOf(await inboxOf(api, 'tuan-vhtt'))).toEqual([]);

    // And exactly one email per notice; the agency's extra address is on the outcome.
    const mails = await eventually(async () => {
      const found = (await readOutbox(outbox)).filter((m) => m.subject.includes(id));
      return found.length === 3 ? found : undefined;
    }, 'the three emails');
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

test('preferences: members set the digest, only the office routes an agency’s mail, and the whole agency is told', async () => {
  const taskQueue = uniqueQueue('preferences');
  const outbox = tempDir('outbox-preferences');
  const { worker, connection: wc } = await createTestWorker({ taskQueue, deps: testDeps(outbox) });
  const api = createTestApi(client, taskQueue);
  const as = async (userId: string) => ({ Authorization: await api.bearer(userId) });
  await worker.runUntil(async () => {
    const fresh = await request(api.app).get('/api/v1/preferences').set(await as('tuan-vhtt'));
    expect(fresh.body).toEqual({ agency: 'vhtt', extraEmails: [], digest: true, updatedAt: null, updatedBy: null });

    // A member turns the digest off; extra addresses are not theirs to set.
    const bad = await request(api.app).put('/api/v1/preferences').set(await as('tuan-vhtt')).send({ digest: 'no', color: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.color', 'body.digest']);
    const sneaky = await request(api.app).put('/api/v1/preferences').set(await as('tuan-vhtt')).send({ extraEmails: ['ban-than@gmail.com'], digest: true });
    expect(sneaky.status).toBe(400);
    expect(sneaky.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.extraEmails']);
    const set = await request(api.app).put('/api/v1/preferences').set(await as('tuan-vhtt')).send({ digest: false });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ agency: 'vhtt', extraEmails: [], digest: false, updatedBy: { userId: 'tuan-vhtt' } });

    // Mail routing: the office only; anyone else is refused before the agency is even looked at.
    for (const userId of ['tuan-vhtt', 'hung-nv', 'thanh-tt']) {
      expect([userId, (await request(api.app).put('/api/v1/agencies/vhtt/mail-routing').set(await as(userId)).send({ extraEmails: [] })).status]).toEqual([userId, 403]);
      expect([userId, (await request(api.app).put('/api/v1/agencies/khong-co/mail-routing').set(await as(userId)).send({ extraEmails: [] })).status]).toEqual([userId, 403]);
    }
    expect((await request(api.app).put('/api/v1/agencies/khong-co/mail-routing').set(await as('lan-vp')).send({ extraEmails: [] })).status).toBe(404);
    // Outside the service's mail domains only with the office's explicit approval.
    const outside = await request(api.app)
      .put('/api/v1/agencies/vhtt/mail-routing')
      .set(await as('lan-vp'))
      .send({ extraEmails: ['Van-Hoa@bacson.example.vn', 'ban-than@gmail.com'] });
    expect(outside.status).toBe(400);
    expect(outside.body.errors).toEqual([{ field: 'body.extraEmails.1', message: expect.stringContaining('ngoài các tên miền thư công vụ') }]);
    const routed = await request(api.app)
      .put('/api/v1/agencies/vhtt/mail-routing')
      .set(await as('lan-vp'))
      .send({ extraEmails: ['Van-Hoa@bacson.example.vn'], note: 'Hộp thư chung của tổ văn hóa' });
    expect(routed.status).toBe(200);
    expect(routed.body).toMatchObject({
      agency: 'vhtt',
      extraEmails: ['van-hoa@bacson.example.vn'],
      digest: false,
      mailRouting: { by: { userId: 'lan-vp', role: 'administrator' }, added: ['van-hoa@bacson.example.vn'], removed: [], outsideDomainsApproved: false, note: 'Hộp thư chung của tổ văn hóa' },
    });
    expect((await request(api.app).get('/api/v1/agencies/vhtt/mail-routing').set(await as('lan-vp'))).body).toEqual(routed.body);
    expect((await request(api.app).get('/api/v1/agencies/vhtt/mail-routing').set(await as('tuan-vhtt'))).status).toBe(403);

    // Every member of the agency is told, in the inbox and by email (the new address too).
    const told = await eventually(async () => {
      const page = await inboxOf(api, 'tuan-vhtt');
      return page.items.find((n) => n.kind === 'mail-routing');
    }, 'the routing notice');
    expect(told.subject).toBe('[Thông báo] Thay đổi địa chỉ nhận thư của Phòng Văn hóa và Thông tin');
    const mail = await eventually(async () => (await readOutbox(outbox)).find((m) => m.subject === told.subject), 'the routing email');
    expect(mail.to).toEqual(expect.arrayContaining(['vhtt@bacson.example.vn', 'tuan-vhtt@bacson.example.vn', 'van-hoa@bacson.example.vn']));
    expect(mail.text).toContain('Nông Thị Lan');
    expect(mail.text).toContain('van-hoa@bacson.example.vn');

    // The leadership's auditor reads everything and changes nothing, not even their own agency's choices.
    const auditor = await request(api.app).put('/api/v1/preferences').set(await as('thanh-tt')).send({ digest: false });
    expect(auditor.status).toBe(403);
    const lanhDao = await request(api.app).get('/api/v1/preferences').set(await as('hung-nv'));
    expect(lanhDao.body.digest).toBe(true);
  });
  await wc.close();
});

test('an inbox continues as new when its history grows, keeping notifications, read-state and preferences', async () => {
  const taskQueue = uniqueQueue('inbox-can');
  const { worker, connection: wc } = await createTestWorker({ taskQueue });
  const reader: Actor = { userId: 'tuan-vhtt', name: directory.user('tuan-vhtt')!.name, agency: 'vhtt', role: 'staff' };
  const office: Actor = { userId: 'lan-vp', name: directory.user('lan-vp')!.name, agency: 'van-phong', role: 'administrator' };
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
    await handle.executeUpdate(setMailRoutingUpdate, { args: [office, { extraEmails: ['vhtt-2@bacson.example.vn'] }] });
    await handle.executeUpdate(setPreferencesUpdate, { args: [reader, { digest: false }] });
    await eventually(async () => (await handle.query(listNotificationsQuery, reader, { unreadOnly: false, limit: 10 })).items.length === 2, 'the routing notice');
    expect(await handle.executeUpdate(markReadUpdate, { args: [reader, { all: true }] })).toEqual({ marked: [1, 2], unreadCount: 0 });
    // Forty notices, each sent twice: more than enough history for a hand-over.
    for (let i = 1; i <= 40; i += 1) {
      await handle.signal(deliverNotificationSignal, notice(i));
      await handle.signal(deliverNotificationSignal, notice(i));
    }
    const latest = client.workflow.getHandle(workflowId);
    const page = await eventually(async () => {
      const p = await latest.query(listNotificationsQuery, reader, { unreadOnly: false, limit: 100 });
      return p.items.length === 41 ? p : undefined;
    }, 'all forty notices and the routing notice');
    expect(page.items.filter((n) => n.kind === 'budget').map((n) => n.subject)).toEqual(Array.from({ length: 40 }, (_, i) => `Thông báo số ${40 - i}`));
    expect(new Set(page.items.map((n) => n.id)).size).toBe(41);
    expect(page.items.filter((n) => n.read).map((n) => n.kind)).toEqual(['mail-routing', 'budget']);
    expect(page.unreadCount).toBe(39);
    expect((await latest.describe()).runId).not.toBe(firstRun);
    // The new run still has the extra addresses where notices read them.
    expect((await latest.describe()).memo).toEqual({ mailRouting: ['vhtt-2@bacson.example.vn'] });
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
    expect(await latest.query(getPreferencesQuery)).toMatchObject({ extraEmails: ['vhtt-2@bacson.example.vn'], digest: false, mailRouting: { by: { userId: 'lan-vp' } } });
  });
  await wc.close();
});
