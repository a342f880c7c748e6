/**
 * A commune plan's rules without a server (docs/architecture.md, "Campaign and commune plans"): the commune's
 * officer sends its own plan and asks for more time, the Military Command's reviewer accepts or returns it, the
 * leadership grants or refuses more time; each check refuses the wrong person, the wrong state and bad input,
 * and each effect leaves the record the board and the commune's page show.
 */
import type { CommunePlanState, StartCommunePlanInput } from '../../workflows/commune-plan/messages';
import { awaitingFor, checks, effects, isOwing, pendingExtension, started } from '../../workflows/commune-plan/rules';
import { actionsOf, at, person } from '../support/rules';

const start: StartCommunePlanInput = {
  campaignId: 'bac-son-70-nam-dien-bien-phu',
  plan: { id: 'bac-son-70-nam-dien-bien-phu', reference: '/KH-UBND', title: 'Kế hoạch tổ chức các hoạt động kỷ niệm 70 năm Chiến thắng Điện Biên Phủ' },
  assignment: { number: 12, mode: 'directed', tasks: ['Xây dựng kế hoạch tổ chức các hoạt động kỷ niệm tại địa phương.'] },
  commune: { code: 'xa-long-dong', name: 'Xã Long Đống' },
  // Due 08/03/2024 at 17:00 in Hà Nội (10:00 UTC); at(n) counts minutes from 04/03/2024 09:00.
  deadline: { dueDate: '2024-03-08', dueAt: '2024-03-08T10:00:00.000Z', remindAt: '2024-03-07T00:30:00.000Z', escalateAt: '2024-03-11T10:00:00.000Z' },
  policy: { reviewerAgency: 'bchqs', reminderBefore: 1, escalateAfter: 1, resubmitDays: 3 },
};
const submission = {
  number: '15/KH-UBND',
  date: '2024-03-05',
  signer: 'Hoàng Văn A - Chủ tịch UBND xã',
  summary: 'Tổ chức dâng hương, thăm gia đình chính sách.',
  document: { sha256: 'a'.repeat(64), filename: 'ke-hoach.pdf', contentType: 'application/pdf', size: 1024 },
};
const LATE = 5 * 24 * 60; // 09/03/2024: after the due time

const fresh = (): CommunePlanState => started(start, at(0));
const actions = actionsOf<CommunePlanState, keyof typeof checks>(checks, effects);
const act = (state: CommunePlanState, action: keyof typeof checks, actor: string, input: unknown, when = at(10)) => actions.act(state, action, actor, input, when);
const { refusal } = actions;
const sent = (when = at(10)) => act(fresh(), 'submit', 'khanh-xa-long-dong', submission, when);
const asked = () => act(fresh(), 'requestExtension', 'khanh-xa-long-dong', { reason: 'Chờ họp Đảng ủy xã.', requestedDate: '2024-03-15' });

test('a started plan waits on the commune officer, owing, not overdue', () => {
  expect(fresh()).toMatchObject({ id: 'bac-son-70-nam-dien-bien-phu.xa-long-dong', status: 'awaiting_submission', awaiting: { agency: 'xa-long-dong', role: 'commune_officer' }, overdue: false });
  expect(isOwing(fresh())).toBe(true);
  expect(awaitingFor('accepted', fresh())).toBeNull();
});

describe('submit', () => {
  test('only the officer of this commune, only while the plan is owed, only with its number, date, signer, summary and file', () => {
    expect(refusal(fresh(), 'submit', 'nga-xa-bac-quynh', submission).type).toBe('Forbidden');
    expect(refusal(fresh(), 'submit', 'quan-bchqs', submission).type).toBe('Forbidden');
    expect(refusal(sent(), 'submit', 'khanh-xa-long-dong', submission).type).toBe('Conflict');
    const fields = refusal(fresh(), 'submit', 'khanh-xa-long-dong', { ...submission, document: undefined, date: '05/03/2024' }).fields.map((f) => f.field);
    expect([...new Set(fields)].sort()).toEqual(['date', 'document']);
  });
  test('records version 1 on time and hands it to the reviewer; one sent after the due time is marked late', () => {
    const s = sent(at(10));
    expect(s.submissions[0]).toMatchObject({ ...submission, version: 1, at: at(10), by: person('khanh-xa-long-dong'), late: false });
    expect(s).toMatchObject({ status: 'submitted', awaiting: { agency: 'bchqs', role: 'reviewer' }, overdue: false });
    expect(sent(at(LATE)).submissions[0]!.late).toBe(true);
  });
});

describe('accept and return', () => {
  test('only a reviewer of the reviewing agency, only a plan that was sent; a return needs comments', () => {
    for (const action of ['accept', 'return'] as const) {
      expect(refusal(sent(), action, 'quan-bchqs', { comments: 'x' }).type).toBe('Forbidden');
      expect(refusal(sent(), action, 'thep-dt', { comments: 'x' }).type).toBe('Forbidden');
      expect(refusal(fresh(), action, 'son-bchqs', { comments: 'x' }).type).toBe('Conflict');
    }
    expect(refusal(sent(), 'return', 'son-bchqs', {}).fields.map((f) => f.field)).toEqual(['comments']);
  });
  test('accept closes the plan with the review of the version sent', () => {
    const s = act(sent(), 'accept', 'son-bchqs', { comments: 'Đạt yêu cầu.' }, at(20));
    expect(s.reviews).toEqual([{ version: 1, outcome: 'accepted', at: at(20), by: person('son-bchqs'), comments: 'Đạt yêu cầu.' }]);
    expect(s).toMatchObject({ status: 'accepted', awaiting: null, overdue: false });
  });
  test('a return goes back to the commune; returned past the due time it is owed and overdue; the resend is version 2', () => {
    const s = act(sent(), 'return', 'son-bchqs', { comments: 'Bổ sung phân công.' }, at(LATE));
    expect(s).toMatchObject({ status: 'returned', awaiting: { agency: 'xa-long-dong', role: 'commune_officer' }, overdue: true });
    expect(s.reviews[0]).toMatchObject({ version: 1, outcome: 'returned', comments: 'Bổ sung phân công.' });
    act(s, 'submit', 'khanh-xa-long-dong', submission, at(LATE + 10));
    expect(s.submissions.map((x) => [x.version, x.late])).toEqual([[1, false], [2, true]]);
    expect(s.status).toBe('submitted');
  });
});

describe('more time', () => {
  test('the commune asks for a date after its deadline, once at a time, while it owes the plan', () => {
    expect(refusal(fresh(), 'requestExtension', 'nga-xa-bac-quynh', { reason: 'x', requestedDate: '2024-03-15' }).type).toBe('Forbidden');
    expect(refusal(fresh(), 'requestExtension', 'khanh-xa-long-dong', { reason: 'x', requestedDate: '2024-03-08' }).fields).toEqual([
      { field: 'requestedDate', message: 'phải sau hạn hiện tại 08/03/2024' },
    ]);
    expect(refusal(asked(), 'requestExtension', 'khanh-xa-long-dong', { reason: 'x', requestedDate: '2024-03-20' })).toMatchObject({ type: 'Conflict', message: expect.stringContaining('đang chờ') });
    expect(refusal(sent(), 'requestExtension', 'khanh-xa-long-dong', { reason: 'x', requestedDate: '2024-03-20' }).type).toBe('Conflict');
  });
  test('the request is recorded with the deadline it would move, pending a decision', () => {
    const s = asked();
    expect(pendingExtension(s)).toMatchObject({ no: 1, reason: 'Chờ họp Đảng ủy xã.', requestedDate: '2024-03-15', previousDueDate: '2024-03-08', decision: null, by: person('khanh-xa-long-dong') });
    expect(s.status).toBe('awaiting_submission');
  });
  test('only a leader decides, only on a pending request; a granted date must still be after the deadline', () => {
    expect(refusal(asked(), 'grantExtension', 'son-bchqs', {}).type).toBe('Forbidden');
    expect(refusal(asked(), 'grantExtension', 'lan-vp', {}).type).toBe('Forbidden');
    expect(refusal(fresh(), 'grantExtension', 'thep-dt', {}).type).toBe('Conflict');
    expect(refusal(fresh(), 'refuseExtension', 'thep-dt', { reason: 'x' }).type).toBe('Conflict');
    expect(refusal(asked(), 'grantExtension', 'thep-dt', { dueDate: '2024-03-01' }).fields.map((f) => f.field)).toEqual(['dueDate']);
    expect(refusal(asked(), 'refuseExtension', 'thep-dt', {}).fields.map((f) => f.field)).toEqual(['reason']);
  });
  test('granting gives the requested date unless the leader names another; the workflow plans it from the date returned', () => {
    const s = asked();
    expect(effects.grantExtension(s, person('thep-dt'), checks.grantExtension(s, person('thep-dt'), {}), at(30))).toBe('2024-03-15');
    expect(s.extensions[0]!.decision).toEqual({ outcome: 'granted', at: at(30), by: person('thep-dt'), dueDate: '2024-03-15' });
    expect(pendingExtension(s)).toBeUndefined();
    const other = asked();
    expect(effects.grantExtension(other, person('thep-dt'), { dueDate: '2024-03-12', comments: 'Chỉ gia hạn đến thứ Ba.' }, at(30))).toBe('2024-03-12');
    expect(other.extensions[0]!.decision).toMatchObject({ dueDate: '2024-03-12', comments: 'Chỉ gia hạn đến thứ Ba.' });
  });
  test('refusing records the reason; the commune may then ask again', () => {
    const s = act(asked(), 'refuseExtension', 'thep-dt', { reason: 'Không có lý do chính đáng.' }, at(30));
    expect(s.extensions[0]!.decision).toEqual({ outcome: 'refused', at: at(30), by: person('thep-dt'), comments: 'Không có lý do chính đáng.' });
    act(s, 'requestExtension', 'khanh-xa-long-dong', { reason: 'Lần hai.', requestedDate: '2024-03-12' });
    expect(s.extensions.map((e) => e.no)).toEqual([1, 2]);
  });
});
