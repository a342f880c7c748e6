/**
 * An assignment's report through HTTP against a real Temporal server. The campaign is built elsewhere, so
 * the test starts the assignment workflows directly with the client, as the campaign will. The Labour,
 * Invalids and Social Affairs office reports its visits and gifts; the Military Command reviews.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Client } from '@temporalio/client';
import { localTime } from '../catalog/calendar';
import {
  ASSIGNMENT_WORKFLOW_TYPE,
  assignmentWorkflowId,
  type AssignmentInput,
  type AssignmentState,
} from '../workflows/assignment/messages';
import type { assignmentWorkflow } from '../workflows/assignment/workflow';
import type { TestApi } from './support/api';
import { useService } from './support/service';
import { eventually } from './support/budget-api';
import { localDate } from '../catalog/calendar';
import { calendar, readOutbox } from './support/temporal';

let client: Client;
let api: TestApi;
let taskQueue: string;

const service = useService('assignment-flow');
const { outbox } = service;

beforeAll(() => {
  ({ client, api, taskQueue } = service);
});

/** Forty working days ahead (about two months): far enough that no reminder fires during the test. */
const DUE_DATE = calendar.addWorkingDays(localDate(new Date()), 40);

const ldtbxh = (campaignId: string): AssignmentInput => ({
  campaignId,
  planId: 'bac-son-70-nam-dien-bien-phu',
  assignment: {
    number: 4,
    agency: 'ldtbxh',
    mode: 'directed',
    role: 'lead',
    tasks: [
      'Chủ trì, phối hợp với các cơ quan liên quan tham mưu UBND huyện tổ chức các hoạt động thăm hỏi, tặng quà gia đình chính sách, người có công với cách mạng trên địa bàn huyện có thời gian tham gia chiến dịch Điện Biên Phủ.',
    ],
    activities: ['II.4.a', 'II.4.c'],
  },
  reportDueDate: DUE_DATE,
  reviewerAgency: 'bchqs',
  reminderBefore: 2,
});

const huyenDoan = (campaignId: string): AssignmentInput => ({
  ...ldtbxh(campaignId),
  assignment: {
    number: 11,
    agency: 'huyen-doan',
    mode: 'requested',
    role: 'lead',
    tasks: ['Chủ trì triển khai tham gia Cuộc thi tìm hiểu 70 năm Chiến thắng Điện Biên Phủ.'],
    activities: ['II.1.b'],
  },
});

const newCampaign = () => `CD-TEST-${randomBytes(3).toString('hex')}`;

async function open(input: AssignmentInput) {
  const handle = await client.workflow.start<typeof assignmentWorkflow>(ASSIGNMENT_WORKFLOW_TYPE, {
    workflowId: assignmentWorkflowId(input.campaignId, input.assignment.number, input.assignment.agency),
    taskQueue,
    args: [input],
  });
  const path = `/api/v1/assignments/${input.campaignId}/${input.assignment.number}-${input.assignment.agency}`;
  return { handle, path };
}

async function get(path: string, userId: string) {
  return request(api.app).get(path).set('Authorization', await api.bearer(userId));
}
async function act(path: string, action: string, userId: string, body: unknown) {
  return request(api.app).post(`${path}/${action}`).set('Authorization', await api.bearer(userId)).send(body as object);
}

const report = {
  narrative:
    'Phòng đã phối hợp với Ban Chỉ huy Quân sự huyện và UBND các xã tổ chức thăm hỏi, tặng quà các gia đình chính sách, ' +
    'người có công có thời gian tham gia chiến dịch Điện Biên Phủ trên địa bàn huyện.',
  figures: { eventsHeld: 6, peopleReached: 420, giftsGiven: 38, giftsValue: 19_000_000, moneySpent: 21_500_000 },
};

/** Updates recorded in the history (accepted or rejected), to prove a refused action left no trace. */
async function recordedUpdates(workflowId: string): Promise<number> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes || e.workflowExecutionUpdateRejectedEventAttributes).length;
}

const minimalPdf = (): Buffer => Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');

test('a report is submitted, returned with comments, resubmitted and accepted; every version is kept and each step is told', async () => {
  const input = ldtbxh(newCampaign());
  const { handle, path } = await open(input);

  const opened = await eventually(async () => {
    const res = await get(path, 'hang-ldtbxh');
    expect(res.status).toBe(200);
    expect(res.body.dueAt).not.toBeNull();
    return res.body as AssignmentState;
  });
  expect(opened).toMatchObject({
    id: `${input.campaignId}:4-ldtbxh`,
    status: 'awaiting_report',
    awaiting: { agency: 'ldtbxh', role: 'staff' },
    dueAt: localTime(DUE_DATE, 17).toISOString(),
    overdue: false,
    reports: [],
  });

  // The report carries a photo-free PDF list of the families visited, uploaded first.
  const pdf = minimalPdf();
  const uploaded = await request(api.app).post('/api/v1/documents').set('Authorization', await api.bearer('hang-ldtbxh')).attach('file', pdf, 'Danh sách gia đình được thăm.pdf');
  expect(uploaded.status).toBe(201);

  const submitted = await act(path, 'submit-report', 'hang-ldtbxh', { ...report, documents: [uploaded.body] });
  expect(submitted.status).toBe(200);
  expect(submitted.body).toMatchObject({ status: 'submitted', awaiting: { agency: 'bchqs', role: 'reviewer' } });
  expect(submitted.body.reports[0]).toMatchObject({ version: 1, late: false, figures: report.figures, submittedBy: { userId: 'hang-ldtbxh', agency: 'ldtbxh' } });

  const returned = await act(path, 'return', 'son-bchqs', { comments: 'Đề nghị bổ sung số suất quà do Hội Cựu chiến binh trao và chứng từ chi.' });
  expect(returned.status).toBe(200);
  expect(returned.body).toMatchObject({ status: 'returned', awaiting: { agency: 'ldtbxh', role: 'staff' } });

  const corrected = { ...report, figures: { ...report.figures, giftsGiven: 45, giftsValue: 22_500_000 }, documents: [uploaded.body] };
  const resubmitted = await act(path, 'submit-report', 'hang-ldtbxh', corrected);
  expect(resubmitted.status).toBe(200);
  expect(resubmitted.body.status).toBe('resubmitted');

  const accepted = await act(path, 'accept', 'son-bchqs', { comment: 'Số liệu khớp chứng từ.' });
  expect(accepted.status).toBe(200);
  expect(accepted.body).toMatchObject({ status: 'accepted', awaiting: null, acceptance: { version: 2, by: { userId: 'son-bchqs', role: 'reviewer' }, comment: 'Số liệu khớp chứng từ.' } });

  // Finished: the workflow's result and a later read agree, with both versions, the return and who did what.
  const result = await handle.result();
  const read = await get(path, 'thanh-tt');
  expect(read.status).toBe(200);
  expect(read.body).toEqual(result);
  expect(result.reports.map((r) => [r.version, r.figures.giftsGiven, r.submittedBy.userId])).toEqual([
    [1, 38, 'hang-ldtbxh'],
    [2, 45, 'hang-ldtbxh'],
  ]);
  expect(result.returns).toEqual([
    { version: 1, at: expect.any(String), by: expect.objectContaining({ userId: 'son-bchqs' }), comments: expect.stringContaining('chứng từ chi') },
  ]);
  expect(Date.parse(result.reports[1]!.submittedAt)).toBeLessThanOrEqual(Date.parse(result.acceptance!.at));

  // The attachment is served under the assignment's access rule.
  const download = await request(api.app).get(`${path}/documents/${uploaded.body.sha256}`).set('Authorization', await api.bearer('thep-dt')).buffer(true);
  expect(download.status).toBe(200);
  expect(download.headers['content-type']).toBe('application/pdf');
  expect(download.headers['content-disposition']).toContain("filename*=UTF-8''Danh%20s%C3%A1ch");
  expect(Buffer.from(download.body as Buffer).equals(pdf)).toBe(true);
  // Someone outside the assignment is told nothing: not even that it exists.
  const outsider = await request(api.app).get(`${path}/documents/${uploaded.body.sha256}`).set('Authorization', await api.bearer('tuan-vhtt'));
  expect(outsider.status).toBe(404);

  // One message per step: the reviewers hear of each report, the agency of each answer.
  const mails = (await eventually(async () => {
    const m = (await readOutbox(outbox)).filter((x) => x.subject.includes('[Nhiệm vụ III.4 -') && x.text.includes(input.campaignId));
    expect(m).toHaveLength(4);
    return m;
  }));
  const bySubject = (s: string) => mails.find((m) => m.subject.endsWith(s))!;
  expect(bySubject('Báo cáo kết quả cần xem xét').to).toEqual(['bchqs@bacson.example.vn', 'son-bchqs@bacson.example.vn']);
  expect(bySubject('Báo cáo gửi lại cần xem xét').text).toContain('lần 2');
  const returnedMail = bySubject('Báo cáo được trả lại để bổ sung');
  expect(returnedMail.to).toEqual(['hang-ldtbxh@bacson.example.vn', 'ldtbxh@bacson.example.vn']);
  expect(returnedMail.text).toContain('Yêu cầu Phòng Lao động, Thương binh, Xã hội - Dân tộc bổ sung, hoàn thiện và gửi lại báo cáo.');
  expect(returnedMail.text).toContain('Nội dung đề nghị bổ sung: Đề nghị bổ sung số suất quà');
  const acceptedMail = bySubject('Báo cáo đã được chấp nhận');
  expect(acceptedMail.text).toContain('Số suất quà đã trao: 45 (trị giá 22.500.000 đ)');
  expect(acceptedMail.text).toContain('Kinh phí đã chi: 21.500.000 đ');
});

test('refused actions change nothing: wrong agency, wrong role, bad figures, unknown documents, twice the same step', async () => {
  const input = ldtbxh(newCampaign());
  const { path } = await open(input);
  const workflowId = assignmentWorkflowId(input.campaignId, 4, 'ldtbxh');
  await eventually(async () => expect((await get(path, 'hang-ldtbxh')).body.dueAt).not.toBeNull());

  // Staff of another agency (who may not even see the assignment: 404), and the reviewer, may not report for the Labour office.
  expect((await act(path, 'submit-report', 'tuan-vhtt', report)).status).toBe(404);
  expect((await act(path, 'submit-report', 'son-bchqs', report)).status).toBe(403);

  // Negative, fractional and missing figures: each named.
  const bad = await act(path, 'submit-report', 'hang-ldtbxh', {
    narrative: '',
    figures: { eventsHeld: -1, peopleReached: 10.5, giftsGiven: 3, giftsValue: -500_000 },
  });
  expect(bad.status).toBe(400);
  expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
    ['body.figures.eventsHeld', 'body.figures.giftsValue', 'body.figures.moneySpent', 'body.figures.peopleReached', 'body.narrative'].sort(),
  );

  // A document that was never uploaded.
  const ghost = { sha256: 'a'.repeat(64), filename: 'bao-cao.pdf', contentType: 'application/pdf', size: 10 };
  const unknownDoc = await act(path, 'submit-report', 'hang-ldtbxh', { ...report, documents: [ghost] });
  expect(unknownDoc.status).toBe(400);
  expect(unknownDoc.body.errors).toEqual([{ field: 'body.documents.0', message: expect.stringContaining('POST /api/v1/documents') }]);

  // Nothing to review yet.
  expect((await act(path, 'accept', 'son-bchqs', {})).status).toBe(409);

  const unchanged = await get(path, 'hang-ldtbxh');
  expect(unchanged.body).toMatchObject({ status: 'awaiting_report', reports: [] });
  expect(await recordedUpdates(workflowId)).toBe(0);

  expect((await act(path, 'submit-report', 'hang-ldtbxh', report)).status).toBe(200);
  expect((await act(path, 'submit-report', 'hang-ldtbxh', report)).status).toBe(409);

  // Only a reviewer of the reviewing agency answers: not the agency itself, not a leader.
  expect((await act(path, 'accept', 'hang-ldtbxh', {})).status).toBe(403);
  expect((await act(path, 'accept', 'thep-dt', {})).status).toBe(403);
  const noComments = await act(path, 'return', 'son-bchqs', { comments: '  ' });
  expect(noComments.status).toBe(400);
  expect(noComments.body.errors[0].field).toBe('body.comments');

  expect((await act(path, 'accept', 'son-bchqs', {})).status).toBe(200);
  const twice = await act(path, 'accept', 'son-bchqs', {});
  expect(twice.status).toBe(409);
  expect(twice.headers['content-type']).toMatch(/^application\/problem\+json/);

  const final = await get(path, 'hang-ldtbxh');
  expect(final.body).toMatchObject({ status: 'accepted', acceptance: { version: 1 } });
  expect(final.body.reports).toHaveLength(1);
  expect(await recordedUpdates(workflowId)).toBe(2);
});

test('assignments are listed by campaign, agency and status; an agency outside one neither sees nor lists it', async () => {
  const campaignId = newCampaign();
  const a = await open(ldtbxh(campaignId));
  const b = await open(huyenDoan(campaignId));
  await eventually(async () => expect((await get(b.path, 'trang-huyen-doan')).body.dueAt).not.toBeNull());
  expect((await act(b.path, 'submit-report', 'trang-huyen-doan', report)).status).toBe(200);

  const list = async (userId: string, query: string) =>
    (await request(api.app).get(`/api/v1/assignments?campaign=${campaignId}${query}`).set('Authorization', await api.bearer(userId))).body as {
      items: Array<{ campaignId: string; assignment: string; agency: string; status: string; awaiting: string | null; dueAt: string | null }>;
    };

  await eventually(async () => {
    const all = await list('lan-vp', '');
    expect(all.items.map((i) => i.assignment).sort()).toEqual(['11-huyen-doan', '4-ldtbxh']);
    const submitted = await list('lan-vp', '&status=submitted');
    expect(submitted.items).toEqual([
      expect.objectContaining({ campaignId, assignment: '11-huyen-doan', agency: 'huyen-doan', status: 'submitted', awaiting: 'bchqs', dueAt: localTime(DUE_DATE, 17).toISOString() }),
    ]);
  });
  expect((await list('lan-vp', '&agency=ldtbxh')).items.map((i) => i.status)).toEqual(['awaiting_report']);
  // The Labour office sees its own assignment only; the Culture office takes part in neither.
  expect((await list('hang-ldtbxh', '')).items.map((i) => i.assignment)).toEqual(['4-ldtbxh']);
  expect((await list('tuan-vhtt', '')).items).toEqual([]);
  expect((await get(a.path, 'tuan-vhtt')).status).toBe(404);

  expect((await get(`/api/v1/assignments/${campaignId}/9-xa-vu-lang`, 'lan-vp')).status).toBe(404);
  const badAddress = await get(`/api/v1/assignments/${campaignId}/bchqs`, 'lan-vp');
  expect(badAddress.status).toBe(400);
  expect(badAddress.body.errors[0].field).toBe('params.assignment');
});

test("the Military Command's own report (III.1) is reviewed by the leadership, not by its own reviewer", async () => {
  const input: AssignmentInput = { ...ldtbxh(newCampaign()), assignment: { ...ldtbxh('x').assignment, number: 1, agency: 'bchqs', tasks: ['Là cơ quan thường trực, trung tâm hiệp đồng.'] } };
  const { path } = await open(input);
  const workflowId = assignmentWorkflowId(input.campaignId, 1, 'bchqs');
  await eventually(async () => expect((await get(path, 'quan-bchqs')).body.dueAt).not.toBeNull());
  const submitted = await act(path, 'submit-report', 'quan-bchqs', report);
  expect(submitted.status).toBe(200);
  expect(submitted.body.awaiting).toEqual({ agency: 'lanh-dao', role: 'leader' });

  // The reviewer of bchqs may not accept (or return) the report of bchqs; nothing is recorded.
  const before = await recordedUpdates(workflowId);
  for (const action of ['accept', 'return']) {
    const res = await act(path, action, 'son-bchqs', action === 'accept' ? {} : { comments: 'Tự trả lại' });
    expect([action, res.status]).toEqual([action, 403]);
  }
  expect(await recordedUpdates(workflowId)).toBe(before);

  // The leadership is told, and accepts.
  await eventually(async () => {
    const mail = (await readOutbox(outbox)).find((m) => m.text.includes(input.campaignId) && m.subject.endsWith('Báo cáo kết quả cần xem xét'));
    expect(mail?.to).toEqual(expect.arrayContaining(['lanh-dao@bacson.example.vn']));
    expect(mail?.to.some((a) => a.includes('bchqs'))).toBe(false);
  });
  const accepted = await act(path, 'accept', 'thep-dt', { comment: 'Đồng ý' });
  expect(accepted.status).toBe(200);
  expect(accepted.body).toMatchObject({ status: 'accepted', acceptance: { by: { userId: 'thep-dt', agency: 'lanh-dao', role: 'leader' } } });
});
