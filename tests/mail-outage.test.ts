/**
 * A mail outage through a real SMTP server on loopback: while it is down the cases go on and every in-app
 * notice arrives; once it answers (first with 451, then accepting) every message arrives exactly once, counted
 * by Message-ID, within a minute. A permanent refusal is listed for the office, which resends or dismisses it.
 * Two workers that share no disk send nothing twice, even when an attempt is lost after the server accepted.
 * While the server answers, mail goes out from the notice's own activity, with no delivery workflow.
 */
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import request from 'supertest';
import { createActivities } from '../activities';
import { smtpMailer } from '../activities/mailer';
import { budgetWorkflowId } from '../workflows/budget/messages';
import type { Notice } from '../activities/notify';
import { MAIL_WORKFLOW_TYPE, type MailDelivery } from '../workflows/mail/messages';
import { createTestApi, militaryEstimate, type TestApi } from './support/api';
import { budgetApi, eventually } from './support/budget-api';
import { useClient } from './support/service';
import { freePort, mailServer } from './support/smtp';
import { createTestWorker, testDeps, uniqueQueue } from './support/temporal';

let client: Client;

// The tests build their own workers (activities that fail, workers stopped midway) on this client.
const shared = useClient();
beforeAll(() => {
  ({ client } = shared);
});

/** Message-IDs of every message the case handed to delivery (the notify activities' results). */
async function queuedMessageIds(estimateId: string): Promise<string[]> {
  const history = await client.workflow.getHandle(budgetWorkflowId(estimateId)).fetchHistory();
  return (history.events ?? [])
    .map((e) => e.activityTaskCompletedEventAttributes?.result?.payloads?.[0]?.data)
    .filter((d): d is Uint8Array => !!d)
    .map((d) => JSON.parse(Buffer.from(d).toString('utf8')) as { messageId?: string })
    .flatMap((r) => (r.messageId ? [r.messageId] : []));
}

async function mailDeliveries(taskQueue: string): Promise<Array<{ workflowId: string; status: string }>> {
  const out: Array<{ workflowId: string; status: string }> = [];
  for await (const e of client.workflow.list({ query: `WorkflowType = '${MAIL_WORKFLOW_TYPE}' AND TaskQueue = '${taskQueue}'` })) {
    out.push({ workflowId: e.workflowId, status: e.status.name });
  }
  return out;
}

/** The five steps of the README's flow: submit, revision, resubmit, appraisal, approval. */
async function fiveSteps(api: TestApi): Promise<string> {
  const b = budgetApi(api);
  const s = await b.submit();
  expect((await b.act(s.id, 'request-revision', 'hoa-tckh', { comments: 'Bổ sung thuyết minh.' })).status).toBe(200);
  expect((await b.act(s.id, 'resubmit', 'binh-bchqs', militaryEstimate)).status).toBe(200);
  expect((await b.appraiseAll((await b.get(s.id)).body)).status).toBe(200);
  const approved = await b.act(s.id, 'approve', 'thep-dt', { amount: 30_000_000, decisionNumber: '125/QĐ-UBND', decisionDate: '2024-03-15' });
  expect(approved.status).toBe(200);
  return s.id;
}

test('an outage holds back neither the case nor its in-app notices, and every message then arrives once within a minute', async () => {
  const port = await freePort();
  const taskQueue = uniqueQueue('mail-outage');
  const deps = { ...testDeps(), mailer: smtpMailer(`smtp://127.0.0.1:${port}`, 'test@bacson.example.vn') };
  const { worker, connection: wc } = await createTestWorker({ taskQueue, deps });
  const api = createTestApi(client, taskQueue);
  await worker.runUntil(async () => {
    // The mail server is down: every step is accepted and every notice reaches its inbox regardless.
    const id = await fiveSteps(api);
    const expected = await eventually(async () => {
      const ids = await queuedMessageIds(id);
      expect(ids.length).toBeGreaterThanOrEqual(5);
      return ids;
    }, 20_000, 200);
    const inbox = await request(api.app).get('/api/v1/notifications').set('Authorization', await api.bearer('hoa-tckh'));
    expect(inbox.body.items.filter((n: { subject: string }) => n.subject.includes(id)).map((n: { subject: string }) => n.subject.replace(/^\[[^\]]+\] /, ''))).toEqual(
      expect.arrayContaining(['Dự toán mới cần thẩm định']),
    );
    expect((await mailDeliveries(taskQueue)).filter((d) => d.status === 'RUNNING')).toHaveLength(expected.length);

    // Down for a while more (each delivery has failed several times by then: retries start 1 s apart), then up:
    // it refuses the first three messages with 451, then accepts.
    await new Promise((r) => setTimeout(r, 4_000));
    const server = await mailServer(port, { tempFailures: 3 });
    const upAt = Date.now();
    try {
      const arrived = await eventually(async () => {
        expect((await mailDeliveries(taskQueue)).every((d) => d.status === 'COMPLETED')).toBe(true);
        return server.received;
      }, 90_000, 500);
      const ids = arrived.map((m) => m.messageId).sort();
      expect(ids).toEqual([...expected].sort()); // each exactly once
      const lastAfter = Math.max(...arrived.map((m) => m.at)) - upAt;
      expect(lastAfter).toBeLessThan(60_000);
    } finally {
      await server.close();
    }
  });
  await wc.close();
}, 150_000);

test('a recipient the server refuses is listed for the office, which resends to a corrected address or dismisses', async () => {
  const port = await freePort();
  const server = await mailServer(port, { unknown: ['hoa-tckh@bacson.example.vn', 'lanh-dao@bacson.example.vn'] });
  const taskQueue = uniqueQueue('mail-refused');
  const deps = { ...testDeps(), mailer: smtpMailer(`smtp://127.0.0.1:${port}`, 'test@bacson.example.vn') };
  const { worker, connection: wc } = await createTestWorker({ taskQueue, deps });
  const api = createTestApi(client, taskQueue);
  const b = budgetApi(api);
  const as = async (userId: string) => ({ Authorization: await api.bearer(userId) });
  try {
    await worker.runUntil(async () => {
      const s = await b.submit();
      const refused = await eventually(async () => {
        const res = await request(api.app).get('/api/v1/mail/undelivered').set(await as('lan-vp'));
        expect(res.status).toBe(200);
        const mine = (res.body.items as MailDelivery[]).filter((m) => m.subject.includes(s.id));
        expect(mine).toHaveLength(1);
        return mine[0]!;
      }, 20_000, 250);
      expect(refused.refused).toEqual([{ address: 'hoa-tckh@bacson.example.vn', at: expect.any(String), reason: expect.stringContaining('User unknown') }]);
      // Everyone else got it, once.
      expect(refused.delivered.map((d) => d.address)).toContain('tckh@bacson.example.vn');
      expect(server.received.filter((m) => m.messageId === refused.messageId)).toHaveLength(1);

      // Only the office reads the list and resends.
      expect((await request(api.app).get('/api/v1/mail/undelivered').set(await as('quan-bchqs'))).status).toBe(403);
      expect((await request(api.app).post(`/api/v1/mail/${refused.id}/resend`).set(await as('hoa-tckh')).send({})).status).toBe(403);

      const resent = await request(api.app).post(`/api/v1/mail/${refused.id}/resend`).set(await as('lan-vp')).send({ to: ['hoa.tckh@bacson.example.vn'] });
      expect(resent.status).toBe(200);
      expect(resent.body).toMatchObject({ status: 'sending', events: expect.arrayContaining([expect.objectContaining({ what: 'resend', by: expect.objectContaining({ userId: 'lan-vp' }) })]) });
      const done = await eventually(async () => {
        const res = await request(api.app).get(`/api/v1/mail/${refused.id}`).set(await as('lan-vp'));
        expect(res.body.status).toBe('delivered');
        return res.body as MailDelivery;
      }, 20_000, 250);
      expect(done.delivered.map((d) => d.address)).toContain('hoa.tckh@bacson.example.vn');
      expect(server.received.filter((m) => m.messageId === refused.messageId).map((m) => m.rcpt)).toEqual([expect.arrayContaining(['tckh@bacson.example.vn']), ['hoa.tckh@bacson.example.vn']]);
      expect((await request(api.app).post(`/api/v1/mail/${refused.id}/resend`).set(await as('lan-vp')).send({})).status).toBe(409);

      // The leadership's mailbox is refused too once the estimate is appraised; the office dismisses that one.
      expect((await b.appraiseAll(s)).status).toBe(200);
      const second = await eventually(async () => {
        const res = await request(api.app).get('/api/v1/mail/undelivered').set(await as('lan-vp'));
        const mine = (res.body.items as MailDelivery[]).filter((m) => m.subject.includes(s.id));
        expect(mine).toHaveLength(1);
        return mine[0]!;
      }, 20_000, 250);
      expect(second.refused.map((r) => r.address)).toEqual(['lanh-dao@bacson.example.vn']);
      const dismissed = await request(api.app).post(`/api/v1/mail/${second.id}/dismiss`).set(await as('lan-vp')).send({ note: 'Đã báo lãnh đạo qua điện thoại.' });
      expect(dismissed.status).toBe(200);
      expect(dismissed.body.status).toBe('dismissed');
      await eventually(async () => {
        const res = await request(api.app).get('/api/v1/mail/undelivered').set(await as('lan-vp'));
        expect((res.body.items as MailDelivery[]).filter((m) => m.subject.includes(s.id))).toHaveLength(0);
      }, 10_000, 250);
      expect((await request(api.app).post(`/api/v1/mail/${second.id}/dismiss`).set(await as('lan-vp')).send({})).status).toBe(409);
      expect((await request(api.app).get(`/api/v1/mail/${'0'.repeat(32)}`).set(await as('lan-vp'))).status).toBe(404);
    });
  } finally {
    await wc.close();
    await server.close();
  }
}, 90_000);

test('two workers that share no disk send each message once, even when an attempt is lost after the server accepted', async () => {
  const port = await freePort();
  const server = await mailServer(port);
  const taskQueue = uniqueQueue('mail-two-workers');
  const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'test@bacson.example.vn');
  const lost = new Set<string>();
  const workerWith = (name: string) => {
    const real = createActivities({ ...testDeps(), mailer });
    // The first attempt of each notice loses its answer right after the server accepted, as if its worker died there.
    const notify = async (notice: Notice) => {
      const outcome = await real.notify(notice);
      if (Context.current().info.attempt === 1) {
        lost.add(`${name}:${notice.key}`);
        throw new Error('worker lost the answer after the server accepted');
      }
      return outcome;
    };
    return createTestWorker({ taskQueue, activities: { ...real, notify } });
  };
  const [a, b2] = await Promise.all([workerWith('a'), workerWith('b')]);
  const api = createTestApi(client, taskQueue);
  try {
    await a.worker.runUntil(
      b2.worker.runUntil(async () => {
        const id = await fiveSteps(api);
        const expected = await eventually(async () => {
          const ids = await queuedMessageIds(id);
          expect(ids.length).toBeGreaterThanOrEqual(5);
          return ids;
        }, 60_000, 250); // each notice's retry comes 1 s after its lost first attempt
        expect(lost.size).toBe(expected.length);
        expect(server.received.map((m) => m.messageId).sort()).toEqual([...expected].sort());
        // Nothing needed a delivery workflow: each went out in its first attempt, and its retry sent nothing.
        expect(await mailDeliveries(taskQueue)).toEqual([]);
      }),
    );
  } finally {
    await Promise.all([a.connection.close(), b2.connection.close()]);
    await server.close();
  }
}, 90_000);
