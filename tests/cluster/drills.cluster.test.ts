/**
 * The production topology (scripts/cluster.sh: PostgreSQL, Temporal's history, matching, frontend and internal
 * worker as separate processes, two service workers, two APIs) carries the README's budget flow through HTTP;
 * then, during a flow each, one piece fails: kill -9 of the history process, of the matching process, of the
 * frontend, of one of the two workers, of one API process, and PostgreSQL stopped as if the machine lost power
 * (immediate shutdown: crash recovery on start). The cluster script starts the piece again, as a supervisor
 * would, and the flow completes: no action the API accepted is lost, and no email arrives twice at a real
 * SMTP server on loopback (counted by Message-ID). Each drill prints its figures.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { simpleParser } from 'mailparser';
import { localSigningKey, mintToken } from '../../api/auth';
import type { BudgetState } from '../../workflows/budget/messages';
import { financeAppraisal, militaryEstimate } from '../support/api';
import { freePort, mailServer } from '../support/smtp';
import { startCluster, type RunningCluster } from './cluster';

/** The directory's defaults of config/env.ts (the cluster's APIs sign with the key file given below). */
const ISSUER = 'bac-son-plan';
const AUDIENCE = 'bac-son-plan-api';

let cluster: RunningCluster;
let smtp: Awaited<ReturnType<typeof mailServer>>;
let secret: Uint8Array;
let keyFile: string;
let clusterEnv: Record<string, string>;
const figures: Array<Record<string, string | number>> = [];

beforeAll(async () => {
  const smtpPort = await freePort();
  smtp = await mailServer(smtpPort);
  keyFile = path.join(os.tmpdir(), `bac-son-cluster-key-${randomUUID()}`);
  secret = localSigningKey(keyFile);
  clusterEnv = { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, JWT_SECRET_FILE: keyFile, LOG_LEVEL: 'warn' };
  cluster = await startCluster(clusterEnv);
  console.log(`cluster started in ${cluster.startSeconds} s (scripts/cluster.sh, from its start to every API ready)`);
}, 300_000);

afterAll(async () => {
  if (figures.length > 0) console.log(`drills:\n${JSON.stringify(figures, null, 1)}`);
  await cluster?.stop();
  await smtp?.close();
  if (keyFile) rmSync(keyFile, { force: true });
}, 120_000);

const tokens = new Map<string, string>();
async function bearer(userId: string): Promise<string> {
  if (!tokens.has(userId)) tokens.set(userId, await mintToken({ secret, issuer: ISSUER, audience: AUDIENCE, userId }));
  return `Bearer ${tokens.get(userId)!}`;
}

interface Reply {
  status: number;
  body: unknown;
}

/**
 * One request as a user's browser (behind a load balancer) would make it: to the first API of `order` that
 * answers, the next one on a refused connection, a timeout or a 5xx; again after a pause until `deadline`.
 * `ambiguous` tells whether an attempt may have reached the server without its answer coming back.
 */
async function send(order: string[], method: string, route: string, userId: string, body?: unknown, headers: Record<string, string> = {}, deadline = Date.now() + 180_000) {
  let ambiguous = false;
  let last = '';
  for (;;) {
    for (const base of order) {
      try {
        const res = await fetch(`${base}${route}`, {
          method,
          headers: { Authorization: await bearer(userId), 'Content-Type': 'application/json', ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(20_000),
        });
        const reply: Reply = { status: res.status, body: await res.json().catch(() => null) };
        if (res.status < 500) return { reply, ambiguous };
        last = `${base}: ${res.status} ${JSON.stringify(reply.body)}`;
        ambiguous = true;
      } catch (err) {
        last = `${base}: ${(err as Error).message}`;
        // Refused before anything was sent is not ambiguous; a timeout or a reset may be.
        if (!/ECONNREFUSED/.test(String((err as { cause?: unknown }).cause ?? err))) ambiguous = true;
      }
    }
    if (Date.now() > deadline) throw new Error(`${method} ${route}: no API answered in time (last: ${last})`);
    await sleep(250);
  }
}

const estimatePath = (id: string) => `/api/v1/budgets/${encodeURIComponent(id)}`;

async function read(order: string[], id: string): Promise<BudgetState> {
  const { reply } = await send(order, 'GET', estimatePath(id), 'thanh-tt');
  if (reply.status !== 200) throw new Error(`GET ${id}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as BudgetState;
}

/**
 * An action on the estimate, until the API accepts it. When an earlier attempt may have gone through (its
 * answer lost), the estimate's state says whether it did: then it counts as accepted, and is not sent again.
 */
async function act(order: string[], id: string, action: string, userId: string, body: unknown, applied: (s: BudgetState) => boolean): Promise<void> {
  for (;;) {
    const { reply, ambiguous } = await send(order, 'POST', `${estimatePath(id)}/${action}`, userId, body);
    if (reply.status === 200) return;
    if (ambiguous && applied(await read(order, id))) return;
    throw new Error(`${action} on ${id}: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
}

const approval = { amount: 30_000_000, decisionNumber: '125/QĐ-UBND', decisionDate: '2024-03-15' };

/** The three mails of one flow, as the SMTP server got them: [subject, Message-ID] each. */
async function mailsOf(id: string): Promise<Array<{ subject: string; messageId: string }>> {
  const parsed = await Promise.all(smtp.received.map(async (m) => ({ subject: (await simpleParser(m.raw)).subject ?? '', messageId: m.messageId })));
  return parsed.filter((m) => m.subject.includes(`[Dự toán ${id}]`));
}

const FLOW_SUBJECTS = ['Dự toán mới cần thẩm định', 'Dự toán chờ lãnh đạo quyết định', 'Dự toán đã được phê duyệt'];

interface Drill {
  piece: string;
  /** What a supervisor sees: SIGKILL for kill -9; SIGQUIT is PostgreSQL's immediate shutdown. */
  signal: NodeJS.Signals;
  what: string;
}

/**
 * Submit → (the drill) → appraise → approve, through the two APIs; then the counts a user would check: the
 * estimate approved with its one version and one appraisal, each of its three emails arrived once.
 */
async function flow(drill?: Drill) {
  const [a, b] = cluster.apiUrls as [string, string];
  let accepted = 0;
  const submitted = await send([a, b], 'POST', '/api/v1/budgets', 'quan-bchqs', militaryEstimate, { 'Idempotency-Key': randomUUID() });
  expect(submitted.reply.status).toBe(201);
  const id = (submitted.reply.body as BudgetState).id;
  accepted += 1;

  let killedAt = 0;
  let restarted: Promise<number> = Promise.resolve(0);
  if (drill) {
    const oldPid = cluster.pidOf(drill.piece);
    killedAt = Date.now();
    process.kill(oldPid, drill.signal);
    // A killed API counts as back once it answers ready again; any other piece once its new process runs.
    const ready = drill.piece === 'api-1' ? () => fetch(`${a}/health/ready`).then((r) => r.ok, () => false) : undefined;
    restarted = cluster.restarted(drill.piece, oldPid, killedAt, ready);
  }
  // The next action goes first to the API a drill may have just killed.
  await act(drill?.piece === 'api-1' ? [a, b] : [b, a], id, 'appraise', 'hoa-tckh', financeAppraisal, (s) => s.appraisals.length > 0);
  accepted += 1;
  const recoveredMs = drill ? Date.now() - killedAt : 0;
  const restartedMs = await restarted;
  await act([a, b], id, 'approve', 'thep-dt', approval, (s) => s.decision !== null);
  accepted += 1;

  const state = await read([b, a], id);
  expect(state).toMatchObject({ status: 'approved', decision: { outcome: 'approved', amount: 30_000_000 } });
  expect(state.versions).toHaveLength(1);
  expect(state.appraisals).toHaveLength(1);
  const kept = 1 + state.appraisals.length + (state.decision ? 1 : 0);

  // Every mail of the flow arrives; then a while longer, for a second copy to show up if one were coming.
  const deadline = Date.now() + 150_000;
  while ((await mailsOf(id)).length < FLOW_SUBJECTS.length && Date.now() < deadline) await sleep(500);
  const allMailMs = drill ? Date.now() - killedAt : 0;
  await sleep(5_000);
  const mails = await mailsOf(id);
  const distinct = new Set(mails.map((m) => m.messageId));
  // recoveredMs: from the kill to the next action accepted; restartedMs: to the piece running again;
  // allMailMs: to the flow's last mail at the SMTP server.
  const result = {
    drill: drill?.what ?? 'none (the plain flow)',
    estimate: id,
    recoveredMs,
    restartedMs,
    allMailMs,
    actionsAccepted: accepted,
    actionsLost: accepted - kept,
    emailsSent: distinct.size,
    emailsDuplicated: mails.length - distinct.size,
  };
  figures.push(result);
  console.log(JSON.stringify(result));
  expect(result.actionsLost).toBe(0);
  expect(result.emailsDuplicated).toBe(0);
  // Within a minute of any kill: a notice whose worker died is retried after its heartbeat timeout (15 s).
  expect(result.allMailMs).toBeLessThan(60_000);
  expect([...new Set(mails.map((m) => m.subject.replace(/^\[Dự toán [^\]]+\] /, '')))].sort()).toEqual([...FLOW_SUBJECTS].sort());
  return result;
}

let firstFlow: Awaited<ReturnType<typeof flow>>;

test('the README budget flow runs on the cluster: submitted, appraised, approved, and the three mails arrive once each', async () => {
  firstFlow = await flow();
});

const drills: Drill[] = [
  { piece: 'temporal-history', signal: 'SIGKILL', what: 'kill -9 the Temporal history process' },
  { piece: 'temporal-matching', signal: 'SIGKILL', what: 'kill -9 the Temporal matching process' },
  { piece: 'temporal-frontend', signal: 'SIGKILL', what: 'kill -9 the Temporal frontend' },
  { piece: 'worker-1', signal: 'SIGKILL', what: 'kill -9 one of the two workers' },
  { piece: 'api-1', signal: 'SIGKILL', what: 'kill -9 one of the two API processes' },
  { piece: 'postgresql', signal: 'SIGQUIT', what: 'PostgreSQL restarted (immediate shutdown, crash recovery)' },
];

test.each(drills)('during a flow: $what; it is started again and the flow completes, nothing lost or sent twice', async (drill) => {
  await flow(drill);
});

test('stopped and started again on its data, the cluster still has every case, and sends nothing again', async () => {
  const mailsBefore = smtp.received.length;
  await cluster.stop(true);
  cluster = await startCluster(clusterEnv, cluster);
  console.log(`cluster started again on its data in ${cluster.startSeconds} s`);
  const state = await read(cluster.apiUrls, firstFlow.estimate);
  expect(state).toMatchObject({ status: 'approved', decision: { amount: 30_000_000 } });
  // Then a flow as on the first day.
  await flow();
  expect(smtp.received.length - mailsBefore).toBe(FLOW_SUBJECTS.length);
});
