/**
 * A worker killed while the mail server has not yet answered: the notice's activity stops beating, Temporal
 * gives it to another worker within the heartbeat timeout (not after its two-minute start-to-close), and the
 * message arrives once. While a worker lives, a mail server slower than that timeout does not make Temporal
 * start a second attempt: the activity beats throughout, carrying the answer it has recorded.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../activities';
import { messageIdOf, smtpMailer } from '../activities/mailer';
import { createTestApi } from './support/api';
import { budgetApi, eventually } from './support/budget-api';
import { useClient } from './support/service';
import { freePort, mailServer } from './support/smtp';
import { createTestWorker, tempDir, testDeps, uniqueQueue } from './support/temporal';

let client: Client;
const shared = useClient();
beforeAll(() => {
  ({ client } = shared);
});

const repo = path.resolve(__dirname, '..');

test('killed (kill -9) before the mail server answered, the worker is replaced and the notice goes out once, within the heartbeat timeout', async () => {
  const port = await freePort();
  // The first message's data is taken and never answered: the worker that sent it dies waiting.
  const server = await mailServer(port, { hold: 1 });
  const smtpUrl = `smtp://127.0.0.1:${port}`;
  const taskQueue = uniqueQueue('mail-heartbeat');
  // As every launcher starts it: scripts/worker.sh execs node itself, so the kill reaches the worker.
  const worker = spawn(path.join(repo, 'scripts/worker.sh'), [], {
    cwd: repo,
    env: { ...process.env, TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS!, TASK_QUEUE: taskQueue, SMTP_URL: smtpUrl, DATA_DIR: tempDir('mail-heartbeat') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  worker.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  worker.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => worker.on('exit', () => resolve()));
  const replacement = await createTestWorker({ taskQueue, deps: { ...testDeps(), mailer: smtpMailer(smtpUrl, 'test@bacson.example.vn') } });
  try {
    const b = budgetApi(createTestApi(client, taskQueue));
    // Only the spawned worker polls yet: the submission's first task and its notice run there.
    await b.submit();
    await eventually(async () => expect(server.held).toHaveLength(1), 60_000, 100).catch((err: unknown) => {
      throw new Error(`${String(err)}\nworker output:\n${output}`);
    });
    worker.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();
    await replacement.worker.runUntil(async () => {
      // The held message is the submission's notice; its retry carries the same Message-ID (the notice's key).
      const messageId = server.held[0]!;
      expect(messageId).toContain('@bac-son-plan>');
      await eventually(async () => expect(server.received.map((m) => m.messageId)).toContain(messageId), 60_000, 200);
      const arrivedAfterMs = server.received.find((m) => m.messageId === messageId)!.at - killedAt;
      console.log(JSON.stringify({ drill: 'worker killed mid-send', arrivedAfterMs }));
      // The heartbeat timeout (15 s) and the first retry's wait (1 s), well short of the start-to-close's two minutes.
      expect(arrivedAfterMs).toBeLessThan(30_000);
      // Once: the held message never had a 250, and the retry's is the only one.
      await sleep(2_000);
      expect(server.received.filter((m) => m.messageId === messageId)).toHaveLength(1);
      expect(server.held).toHaveLength(1);
    });
  } finally {
    if (worker.exitCode === null) worker.kill('SIGKILL');
    await replacement.connection.close();
    await server.close();
  }
}, 120_000);

test('a mail server slower than the heartbeat timeout gets one attempt: the activity beats throughout and keeps its recorded answer', async () => {
  const port = await freePort();
  const server = await mailServer(port);
  const slow = smtpMailer(`smtp://127.0.0.1:${port}`, 'test@bacson.example.vn');
  // The server takes 1.5 s per message, four heartbeat timeouts.
  const mailer = { send: async (m: Parameters<typeof slow.send>[0]) => (await sleep(1_500), slow.send(m)) };
  const { sendMail } = createActivities({ ...testDeps(), mailer });
  const env = new MockActivityEnvironment({ heartbeatTimeoutMs: 400 });
  const beats: Array<{ at: number; details: unknown }> = [];
  env.on('heartbeat', (details: unknown) => beats.push({ at: Date.now(), details }));
  const startedAt = Date.now();
  try {
    const mail = { key: 'budget:DT-BEAT-1/1-submitted', to: ['tckh@bacson.example.vn'], subject: 'Dự toán mới cần thẩm định', text: 'Nội dung' };
    const result = (await env.run(sendMail, { id: 'mail-beat-1', mail })) as Awaited<ReturnType<typeof sendMail>>;
    expect(result).toMatchObject({ accepted: ['tckh@bacson.example.vn'], messageId: messageIdOf(mail.key) });
    // No gap of a whole timeout between beats, from the start to the answer.
    const gaps = beats.map((b, i) => b.at - (i === 0 ? startedAt : beats[i - 1]!.at));
    expect(beats.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...gaps)).toBeLessThan(400);
    // The last beat is the recorded answer, which a retry would find (and send nothing).
    expect(beats[beats.length - 1]!.details).toEqual(result);
    const retry = new MockActivityEnvironment({ heartbeatTimeoutMs: 400, heartbeatDetails: result, attempt: 2 });
    expect(await retry.run(sendMail, { id: 'mail-beat-1', mail })).toMatchObject({ messageId: result.messageId, sentNow: false });
    expect(server.received).toHaveLength(1);
  } finally {
    await server.close();
  }
});
