/**
 * Nothing accepted is lost and nothing is sent twice: a notice whose activity fails after the message went
 * out is retried without a second copy (outbox and SMTP), and a worker stopped mid-flow is replaced by a new
 * one that finishes the estimate with its whole record intact.
 */
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createActivities } from '../activities';
import { smtpMailer } from '../activities/mailer';
import type { Notice } from '../activities/notify';
import { budgetWorkflowId, type BudgetState } from '../workflows/budget/messages';
import { createTestApi } from './support/api';
import { budgetApi, eventually } from './support/budget-api';
import { useClient } from './support/service';
import { createTestWorker, readOutbox, tempDir, testDeps, uniqueQueue } from './support/temporal';

let client: Client;

// The tests build their own workers (activities that fail, workers stopped midway) on this client.
const shared = useClient();
beforeAll(() => {
  ({ client } = shared);
});

test('a notice retried after its message went out is not sent a second time', async () => {
  const taskQueue = uniqueQueue('budget-retry');
  const deps = testDeps(tempDir('outbox-retry'));
  const real = createActivities(deps);
  const failedOnce = new Set<string>();
  // The first attempt of the submission notice delivers the message and then fails, as if the worker died right after.
  const notify = async (notice: Notice) => {
    const delivery = await real.notify(notice);
    if (notice.event === 'submitted' && Context.current().info.attempt === 1) {
      failedOnce.add(notice.key);
      throw new Error('lost the acknowledgement after sending');
    }
    return delivery;
  };
  const { worker, connection: wc } = await createTestWorker({ taskQueue, activities: { ...real, notify } });
  const api = createTestApi(client, taskQueue);
  const b = budgetApi(api);
  await worker.runUntil(async () => {
    const s = await b.submit();
    await b.act(s.id, 'request-revision', 'hoa-tckh', { comments: 'Bổ sung thuyết minh từng dòng.' });
    const handle = client.workflow.getHandle(budgetWorkflowId(s.id));
    // The submission notice was retried, and its retry found the mail server's answer recorded (sentNow: false).
    const deliveries = await eventually(async () => {
      const history = await handle.fetchHistory();
      const results = (history.events ?? [])
        .map((e) => e.activityTaskCompletedEventAttributes?.result?.payloads?.[0]?.data)
        .filter((d): d is Uint8Array => !!d)
        .map((d) => JSON.parse(Buffer.from(d).toString('utf8')) as { key?: string; sentNow?: boolean; handedOver?: boolean })
        .filter((r) => r.key);
      expect(results).toHaveLength(2);
      return results;
    }, 30_000, 250);
    expect(failedOnce.size).toBe(1);
    expect(deliveries.find((d) => d.key!.endsWith('-submitted'))).toMatchObject({ sentNow: false, handedOver: false });
    expect(deliveries.find((d) => d.key!.endsWith('-revision_requested'))).toMatchObject({ sentNow: true, handedOver: false });
    const mails = await eventually(async () => {
      const found = (await readOutbox(deps.outboxDir)).filter((m) => m.subject.includes(s.id));
      expect(found).toHaveLength(2);
      return found;
    });
    expect(mails.map((m) => m.subject.replace(/^\[[^\]]+\] /, '')).sort()).toEqual(['Dự toán mới cần thẩm định', 'Đề nghị chỉnh sửa dự toán']);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(2);
  });
  await wc.close();
}, 60_000);

test('through SMTP, the answer is reported per recipient, and a 5xx is a refusal not to retry', async () => {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (address.address === 'nobody@bacson.example.vn') return callback(Object.assign(new Error('5.1.1 <nobody@bacson.example.vn>: Recipient address rejected: User unknown'), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push(raw);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  try {
    const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'test@bacson.example.vn');
    const mail = { key: 'budget:DT-SMTP-1/1-submitted', to: ['tckh@bacson.example.vn', 'nobody@bacson.example.vn'], subject: 'Dự toán mới cần thẩm định', text: 'Nội dung' };
    const result = await mailer.send(mail);
    expect(result.accepted).toEqual(['tckh@bacson.example.vn']);
    expect(result.rejected).toEqual([{ address: 'nobody@bacson.example.vn', reason: expect.stringContaining('5.1.1') }]);
    expect(received).toHaveLength(1);
    expect(received[0]).toContain(`Message-ID: ${result.messageId}`);
    expect(received[0]).toContain('X-Idempotency-Key: budget:DT-SMTP-1/1-submitted');
    // Nobody left to receive it: a permanent refusal, which the delivery does not retry.
    await expect(mailer.send({ ...mail, to: ['nobody@bacson.example.vn'] })).rejects.toMatchObject({ type: 'MailRefused', nonRetryable: true });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('a worker stopped mid-flow is replaced and the estimate completes with nothing lost', async () => {
  const taskQueue = uniqueQueue('budget-restart');
  const deps = testDeps(tempDir('outbox-restart'));
  const api = createTestApi(client, taskQueue);
  const b = budgetApi(api);

  const first = await createTestWorker({ taskQueue, deps });
  let s!: BudgetState;
  await first.worker.runUntil(async () => {
    s = await b.submit();
    expect((await b.appraiseAll(s)).status).toBe(200);
    await eventually(async () => expect((await readOutbox(deps.outboxDir)).filter((m) => m.subject.includes(s.id))).toHaveLength(2));
  });
  await first.connection.close();

  // No worker now: the leadership's decision cannot be validated until one is back; it waits, then goes through.
  const decision = b.act(s.id, 'approve', 'hung-nv', { amount: s.versions[0]!.total, decisionNumber: '88/QĐ-UBND', decisionDate: '2024-03-20' });
  await new Promise((r) => setTimeout(r, 500));
  const second = await createTestWorker({ taskQueue, deps });
  await second.worker.runUntil(async () => {
    const approved = await decision;
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', versions: [{ total: s.versions[0]!.total }], appraisals: [{ by: { userId: 'hoa-tckh' } }] });
    const result = await client.workflow.getHandle(budgetWorkflowId(s.id)).result();
    expect(result.decision).toMatchObject({ outcome: 'approved', decisionNumber: '88/QĐ-UBND', by: { userId: 'hung-nv' } });
    await eventually(async () => {
      const mails = (await readOutbox(deps.outboxDir)).filter((m) => m.subject.includes(s.id));
      expect(mails.map((m) => m.subject.replace(/^\[[^\]]+\] /, '')).sort()).toEqual(['Dự toán chờ lãnh đạo quyết định', 'Dự toán mới cần thẩm định', 'Dự toán đã được phê duyệt']);
    });
  });
  await second.connection.close();
}, 60_000);
