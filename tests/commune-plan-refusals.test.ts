/**
 * What a commune plan refuses, through HTTP against a real Temporal server: a commune officer acting on (or
 * reading, or downloading) another commune's plan, a file of a disallowed type or too large, a reference to a
 * file never uploaded or misdescribed, an action by the wrong role or in the wrong state. Each answer names
 * the problem, and nothing changes: no state, no history event, no stored file.
 */
import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { createDocumentStore } from '../activities/document-store';
import { localDate } from '../catalog/calendar';
import type { Board } from '../workflows/campaign/messages';
import { communePlanId, communePlanWorkflowId, type CommunePlanState } from '../workflows/commune-plan/messages';
import type { DocumentRef } from '../workflows/common/document';
import request from 'supertest';
import type { TestApi } from './support/api';
import { eventually } from './support/budget-api';
import { campaignApi, campaignSettings, planCopy, submission } from './support/campaign';
import { pdf } from './support/pdf';
import { useService } from './support/service';
import { calendar, directory, tempDir } from './support/temporal';

const MAX_BYTES = 64 * 1024;

let client: Client;
let calls: ReturnType<typeof campaignApi>;
let api: TestApi;
const plan = planCopy('tu-choi');
const longDong = communePlanId(plan.id, 'xa-long-dong');
const bacQuynh = communePlanId(plan.id, 'xa-bac-quynh');

// The API takes uploads up to MAX_BYTES only, to test the refusal of a larger file.
const service = useService('commune-plan-refusals', {
  api: { documents: createDocumentStore({ dir: tempDir('documents-refusals'), maxBytes: MAX_BYTES }), campaigns: campaignSettings(plan, calendar) },
});
beforeAll(async () => {
  ({ client, api } = service);
  calls = campaignApi(api, directory);
  const due = calendar.addWorkingDays(localDate(new Date()), 15);
  const started = await calls.start({ planId: plan.id, communePlanDue: due, reportDue: calendar.addWorkingDays(due, 10) });
  expect(started.status).toBe(201);
  await eventually(async () => expect((await calls.boardOf(plan.id)).totals.started).toBe(18), 30_000);
});


/**
 * The plan's state and the number of events in its history, once the workflow rests on its deadline timer
 * (its own notices sent): both must stay as they were.
 */
async function snapshot(id: string): Promise<{ state: CommunePlanState; events: number }> {
  const handle = client.workflow.getHandle(communePlanWorkflowId(id));
  const events = await eventually(async () => {
    const history = (await handle.fetchHistory()).events ?? [];
    expect(history[history.length - 1]?.timerStartedEventAttributes).toBeTruthy();
    return history.length;
  });
  const state = (await calls.get(id, 'thanh-tt')).body as CommunePlanState;
  return { state, events };
}

async function uploadOk(bytes: Buffer, name: string, userId: string): Promise<DocumentRef> {
  const res = await calls.upload(bytes, name, userId);
  expect(res.status).toBe(201);
  return res.body as DocumentRef;
}

/** A problem's answer without what differs per request (its address and request id). */
const answerOf = ({ instance: _i, requestId: _r, ...answer }: Record<string, unknown>) => answer;

test("a commune officer cannot act on, read or download another commune's plan", async () => {
  const ownFile = await uploadOk(pdf('long-dong'), 'KH xã Long Đống.pdf', 'khanh-xa-long-dong');
  const before = await snapshot(bacQuynh);
  expect(before.state.status).toBe('awaiting_submission');

  // Another commune's plan does not exist for them: the same answer as an unknown one, whatever its state.
  const unknown = await calls.act(`${plan.id}.xa-khong-co`, 'submit', 'khanh-xa-long-dong', submission('xa-khong-co', ownFile, '2026-01-05'));
  const submit = await calls.act(bacQuynh, 'submit', 'khanh-xa-long-dong', submission('xa-bac-quynh', ownFile, '2026-01-05'));
  expect(submit.status).toBe(404);
  expect(submit.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(answerOf(submit.body)).toEqual(answerOf(unknown.body));
  const bodies: Record<string, object> = { 'grant-extension': {}, 'refuse-extension': { reason: 'Không đủ lý do' }, accept: {}, return: { comments: 'Bổ sung' } };
  for (const [action, body] of Object.entries(bodies)) {
    const res = await calls.act(bacQuynh, action, 'khanh-xa-long-dong', body);
    expect([action, res.status, answerOf(res.body)]).toEqual([action, 404, answerOf(unknown.body)]);
  }

  const extension = await calls.act(bacQuynh, 'request-extension', 'khanh-xa-long-dong', { reason: 'Xin thêm thời gian', requestedDate: calendar.addWorkingDays(before.state.deadline.dueDate, 3) });
  expect(extension.status).toBe(404);
  expect((await calls.get(bacQuynh, 'khanh-xa-long-dong')).status).toBe(404);

  // The board shows a commune officer their own commune's line only.
  const board = (await calls.board(plan.id, 'khanh-xa-long-dong')).body as Board;
  expect(board.communes.map((e) => e.commune)).toEqual(['xa-long-dong']);
  expect(board.totals.started).toBe(18);
  const campaign = await request(api.app).get(`/api/v1/campaigns/${plan.id}`).set('Authorization', await calls.auth('khanh-xa-long-dong'));
  expect((campaign.body as Board).communes.map((e) => e.commune)).toEqual(['xa-long-dong']);

  // So does the list: every commune plan of the campaign for the office, only its own for a commune officer.
  const list = async (userId: string) =>
    (await request(api.app).get('/api/v1/commune-plans').query({ campaign: plan.id, pageSize: 50 }).set('Authorization', await calls.auth(userId))).body as {
      items: Array<{ id: string; commune: string }>;
    };
  await eventually(async () => expect((await list('lan-vp')).items).toHaveLength(18));
  expect((await list('khanh-xa-long-dong')).items.map((i) => i.id)).toEqual([longDong]);

  const after = await snapshot(bacQuynh);
  expect(after.events).toBe(before.events);
  expect(after.state).toEqual(before.state);

  // Once Bắc Quỳnh has sent its plan, Long Đống still cannot download it; Bắc Quỳnh and the reviewer can.
  const theirFile = await uploadOk(pdf('bac-quynh'), 'Kế hoạch xã Bắc Quỳnh.pdf', 'nga-xa-bac-quynh');
  const sent = await calls.act(bacQuynh, 'submit', 'nga-xa-bac-quynh', submission('xa-bac-quynh', theirFile, '2026-01-05'));
  expect(sent.body).toMatchObject({ status: 'submitted', submissions: [{ version: 1, late: false }] });
  expect((await calls.download(bacQuynh, 'khanh-xa-long-dong')).status).toBe(404);
  expect((await calls.download(bacQuynh, 'tuan-vhtt')).status).toBe(404);
  for (const reader of ['nga-xa-bac-quynh', 'son-bchqs', 'thep-dt']) {
    const file = await calls.download(bacQuynh, reader);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20x%C3%A3%20B%E1%BA%AFc%20Qu%E1%BB%B3nh.pdf");
    expect(Buffer.compare(file.body as Buffer, pdf('bac-quynh'))).toBe(0);
  }
});

test('a disallowed or oversized file is refused and leaves nothing to submit', async () => {
  const before = await snapshot(longDong);
  const executable = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62, 0), Buffer.from('PE\0\0'), Buffer.alloc(200, 1)]);
  const exe = await calls.upload(executable, 'ke-hoach.pdf', 'khanh-xa-long-dong');
  expect(exe.status).toBe(400);
  expect(exe.body.errors[0].field).toBe('file');
  const big = await calls.upload(Buffer.concat([pdf('lon'), Buffer.alloc(MAX_BYTES, 0x20)]), 'ke-hoach-day-du.pdf', 'khanh-xa-long-dong');
  expect(big.status).toBe(413);

  // A reference to bytes never stored, or a stored file described as something else, cannot be submitted.
  const neverStored: DocumentRef = { sha256: createHash('sha256').update(executable).digest('hex'), filename: 'ke-hoach.pdf', contentType: 'application/pdf', size: executable.length };
  const ghost = await calls.act(longDong, 'submit', 'khanh-xa-long-dong', submission('xa-long-dong', neverStored, '2026-01-05'));
  expect(ghost.status).toBe(400);
  expect(ghost.body.errors).toEqual([expect.objectContaining({ field: 'body.document' })]);
  const real = await uploadOk(pdf('long-dong-that'), 'ke-hoach.pdf', 'khanh-xa-long-dong');
  const disguised = await calls.act(longDong, 'submit', 'khanh-xa-long-dong', submission('xa-long-dong', { ...real, contentType: 'application/x-msdownload' }, '2026-01-05'));
  expect(disguised.status).toBe(400);
  expect(disguised.body.errors).toEqual([expect.objectContaining({ field: 'body.document' })]);
  // Another commune's document, known by its hash, cannot be attached either; the three answers are one, so
  // none tells whether, or as what, a document is stored.
  const theirs = await uploadOk(pdf('cua-xa-khac'), 'ke-hoach-bac-quynh.pdf', 'nga-xa-bac-quynh');
  const foreign = await calls.act(longDong, 'submit', 'khanh-xa-long-dong', submission('xa-long-dong', theirs, '2026-01-05'));
  expect(foreign.status).toBe(400);
  expect(foreign.body.errors).toEqual(ghost.body.errors);
  expect(disguised.body.errors).toEqual(ghost.body.errors);

  const after = await snapshot(longDong);
  expect(after.events).toBe(before.events);
  expect(after.state).toEqual(before.state);
});

test('the wrong role or the wrong moment is refused, with every bad field named', async () => {
  const before = await snapshot(longDong);
  const acceptEarly = await calls.act(longDong, 'accept', 'son-bchqs', {});
  expect(acceptEarly.status).toBe(409);
  const grantNothing = await calls.act(longDong, 'grant-extension', 'thep-dt', {});
  expect(grantNothing.status).toBe(409);
  const notLeader = await calls.act(longDong, 'request-extension', 'son-bchqs', { reason: 'Thử', requestedDate: calendar.addWorkingDays(before.state.deadline.dueDate, 2) });
  expect(notLeader.status).toBe(403);
  const bad = await calls.act(longDong, 'submit', 'khanh-xa-long-dong', { number: '', date: '2026-02-30', signer: 'A', summary: 'B', document: { sha256: 'abc', filename: 'x', contentType: 'application/pdf', size: -1 } });
  expect(bad.status).toBe(400);
  expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.date', 'body.document.sha256', 'body.document.size', 'body.number']);
  const earlier = await calls.act(longDong, 'request-extension', 'khanh-xa-long-dong', { reason: 'Thử', requestedDate: before.state.deadline.dueDate });
  expect(earlier.status).toBe(400);
  expect(earlier.body.errors).toEqual([expect.objectContaining({ field: 'requestedDate' })]);
  const startAgain = await calls.start({ planId: plan.id, communePlanDue: before.state.deadline.dueDate, reportDue: before.state.deadline.dueDate }, 'lan-vp');
  expect(startAgain.status).toBe(409);
  const notOffice = await calls.start({ planId: plan.id, communePlanDue: before.state.deadline.dueDate, reportDue: before.state.deadline.dueDate }, 'thep-dt');
  expect(notOffice.status).toBe(403);

  const after = await snapshot(longDong);
  expect(after.events).toBe(before.events);
  expect(after.state).toEqual(before.state);
});
