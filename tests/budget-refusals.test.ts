/**
 * Every rule of a budget estimate (docs/architecture.md, "Budget estimate") refuses through HTTP with the right status and a reason, and a refused action
 * leaves the workflow exactly as it was: same state, not one event more in its history.
 */
import type { Client } from '@temporalio/client';
import type { TestApi } from './support/api';
import { budgetApi, eventually, recordedUpdates } from './support/budget-api';
import { budgetWorkflowId, type BudgetState } from '../workflows/budget/messages';
import { useService } from './support/service';

let client: Client;
let api: TestApi;
let b: ReturnType<typeof budgetApi>;

const service = useService('budget-refusals');
beforeAll(() => {
  ({ client, api } = service);
  b = budgetApi(api);
});

/** Sends a refused action and checks the status, the problem body, and that nothing changed. */
async function expectRefused(id: string, action: string, userId: string, body: unknown, status: number, detail: RegExp, fields: string[] = []) {
  // Let the step settle (its deadline planned) so only the refused action could change anything.
  const before = await eventually(async () => {
    const state = (await b.get(id)).body as BudgetState;
    if (state.awaiting && !state.dueAt) throw new Error('deadline not planned yet');
    return state;
  });
  const updatesBefore = await recordedUpdates(client, id);
  const res = await b.act(id, action, userId, body);
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.status).toBe(status);
  expect(res.body.detail).toMatch(detail);
  for (const f of fields) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(f);
  expect((await b.get(id)).body).toEqual(before);
  expect(await recordedUpdates(client, id)).toBe(updatesBefore);
}

test('an action in the wrong state is refused with 409', async () => {
  const s = await b.submit();
  await expectRefused(s.id, 'approve', 'thep-dt', { amount: 1_000_000, decisionNumber: '1/QĐ-UBND', decisionDate: '2024-03-01' }, 409, /Đang thẩm định/);
  await expectRefused(s.id, 'resubmit', 'quan-bchqs', { title: 'x', lines: [{ description: 'a', activity: 'II.1', quantity: 1, unit: 'cái', unitPrice: 1 }] }, 409, /nộp lại/);
});

test('a role that may not act is refused with 403', async () => {
  const s = await b.submit();
  await expectRefused(s.id, 'request-revision', 'quan-bchqs', { comments: 'tự yêu cầu' }, 403, /không có quyền/);
  await expectRefused(s.id, 'appraise', 'thep-dt', { lines: [{ lineNo: 1, recommendedAmount: 1 }], opinion: 'x' }, 403, /không có quyền/);
  // A tckh staff member who is not an appraiser may not appraise either.
  await expectRefused(s.id, 'appraise', 'ha-tckh', { lines: [{ lineNo: 1, recommendedAmount: 1 }], opinion: 'x' }, 403, /không có quyền/);
});

test('another agency may not withdraw or resubmit an estimate: it cannot see it, so it is told the estimate does not exist', async () => {
  const s = await b.submit();
  await expectRefused(s.id, 'withdraw', 'tuan-vhtt', { reason: 'nhầm' }, 404, /Không tìm thấy hồ sơ/);
  expect((await b.act(s.id, 'request-revision', 'minh-tckh', { comments: 'Bổ sung thuyết minh.' })).status).toBe(200);
  await expectRefused(s.id, 'resubmit', 'tuan-vhtt', { title: 'x', lines: [{ description: 'a', activity: 'II.1', quantity: 1, unit: 'cái', unitPrice: 1 }] }, 404, /Không tìm thấy hồ sơ/);
});

/** A problem's answer without what differs per request (its address and request id). */
const answerOf = ({ instance: _i, requestId: _r, ...answer }: Record<string, unknown>) => answer;

test("someone who may not read an estimate learns nothing of its state: the answer is the unknown estimate's", async () => {
  const s = await b.submit();
  const approve = { amount: 1_000_000, decisionNumber: '1/QĐ-UBND', decisionDate: '2024-03-01' };
  const unknown = await b.act('DT-2024-00000000', 'approve', 'tuan-vhtt', approve);
  expect(unknown.status).toBe(404);
  for (const action of ['approve', 'reject', 'withdraw']) {
    const res = await b.act(s.id, action, 'tuan-vhtt', action === 'approve' ? approve : { reason: 'thử' });
    expect([action, res.status, answerOf(res.body)]).toEqual([action, 404, answerOf(unknown.body)]);
  }
  // Someone who may read it but not act is told they may not act before being told its state.
  const staffOfOwner = await b.act(s.id, 'approve', 'son-bchqs', approve);
  expect(staffOfOwner.status).toBe(403);
  expect(staffOfOwner.body.detail).not.toMatch(/thẩm định|trạng thái/i);
});

test('nobody appraises their own agency, and the appraiser does not decide', async () => {
  // The Finance Office's own estimate: its appraisers may not appraise it.
  const own = await b.submit('ha-tckh');
  await expectRefused(own.id, 'appraise', 'hoa-tckh', { lines: [{ lineNo: 1, recommendedAmount: 1 }], opinion: 'x' }, 403, /chính đơn vị mình/);

  const s = await b.submit();
  expect((await b.appraiseAll(s)).status).toBe(200);
  await expectRefused(s.id, 'approve', 'hoa-tckh', { amount: 1_000_000, decisionNumber: '2/QĐ-UBND', decisionDate: '2024-03-01' }, 403, /không có thẩm quyền quyết định dự toán/);
});

test('amounts over their bounds are refused with 400 naming the field', async () => {
  const s = await b.submit();
  const lines = s.versions[0]!.lines;
  await expectRefused(
    s.id,
    'appraise',
    'hoa-tckh',
    { lines: lines.map((l) => ({ lineNo: l.lineNo, recommendedAmount: l.lineNo === 2 ? l.amount + 1 : l.amount })), opinion: 'x' },
    400,
    /thẩm định không hợp lệ/,
    ['lines.1.recommendedAmount'],
  );
  await expectRefused(s.id, 'appraise', 'hoa-tckh', { lines: [{ lineNo: 1, recommendedAmount: 5 }], opinion: 'thiếu dòng' }, 400, /không hợp lệ/, ['lines']);

  const appraised = (await b.act(s.id, 'appraise', 'hoa-tckh', { lines: lines.map((l) => ({ lineNo: l.lineNo, recommendedAmount: l.amount - 1_000 })), opinion: 'Giảm nhẹ.' })).body as BudgetState;
  const appraisedTotal = appraised.appraisals[0]!.total;
  await expectRefused(s.id, 'approve', 'thep-dt', { amount: appraisedTotal + 1, decisionNumber: '3/QĐ-UBND', decisionDate: '2024-03-01' }, 400, /vượt số thẩm định/, ['amount']);
  await expectRefused(s.id, 'approve', 'thep-dt', { amount: -5, decisionNumber: '3/QĐ-UBND', decisionDate: '2024-03-01' }, 400, /không hợp lệ/, ['body.amount']);
});

test('an approved estimate stays approved: withdrawal after the decision is refused with 409', async () => {
  const s = await b.submit();
  await b.appraiseAll(s);
  const approved = await b.act(s.id, 'approve', 'hung-nv', { amount: 10_000_000, decisionNumber: '4/QĐ-UBND', decisionDate: '2024-03-02' });
  expect(approved.status).toBe(200);
  const res = await b.act(s.id, 'withdraw', 'quan-bchqs', { reason: 'đổi ý' });
  expect(res.status).toBe(409);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.detail).toMatch(/Đã phê duyệt|đã kết thúc/);
  // Once the workflow has finished, nothing can reach it any more: still 409, not 404.
  await client.workflow.getHandle(budgetWorkflowId(s.id)).result();
  const late = await b.act(s.id, 'withdraw', 'quan-bchqs', { reason: 'đổi ý' });
  expect(late.status).toBe(409);
  expect(late.body.detail).toMatch(/đã kết thúc/);
  const after = (await b.get(s.id)).body as BudgetState;
  expect(after.status).toBe('approved');
  expect(after.withdrawal).toBeNull();
});

test('a withdrawal while open is accepted, and later actions are refused', async () => {
  const s = await b.submit();
  const res = await b.act(s.id, 'withdraw', 'binh-bchqs', { reason: 'Điều chỉnh kế hoạch' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: 'withdrawn', awaiting: null, withdrawal: { by: { userId: 'binh-bchqs' }, reason: 'Điều chỉnh kế hoạch' } });
  expect((await b.appraiseAll(s)).status).toBe(409);
});

test('an unknown estimate is 404, and so it is for a reader outside the case', async () => {
  const missing = await b.act('DT-2024-00000000', 'withdraw', 'quan-bchqs', { reason: 'x' });
  expect(missing.status).toBe(404);
  const s = await b.submit();
  expect((await b.get(s.id, 'tuan-vhtt')).status).toBe(404);
  expect((await b.get(s.id, 'son-bchqs')).status).toBe(200);
});

test('the Finance Office’s own estimate is appraised by the leadership, and decided by another leader', async () => {
  const s = await b.submit('ha-tckh');
  expect(s).toMatchObject({ agency: 'tckh', status: 'in_appraisal', awaiting: { agency: 'lanh-dao', role: 'leader' }, appraisedBy: 'leadership' });
  const lines = s.versions[0]!.lines.map((l) => ({ lineNo: l.lineNo, recommendedAmount: l.amount }));
  // Its own appraisers may not, as before; the leadership is who it waits on.
  const own = await b.act(s.id, 'appraise', 'hoa-tckh', { lines, opinion: 'Đồng ý.' });
  expect(own.status).toBe(403);
  expect(own.body.detail).toContain('do lãnh đạo UBND thẩm định');
  const appraised = await b.act(s.id, 'appraise', 'hung-nv', { lines, opinion: 'Thống nhất dự toán của Phòng Tài chính - Kế hoạch.' });
  expect(appraised.status).toBe(200);
  expect(appraised.body).toMatchObject({ status: 'awaiting_decision', appraisals: [{ by: { userId: 'hung-nv', role: 'leader' } }] });
  // The leader who appraised does not decide; another one does.
  const decision = { amount: s.versions[0]!.total, decisionNumber: '140/QĐ-UBND', decisionDate: '2024-03-22' };
  expect((await b.act(s.id, 'approve', 'hung-nv', decision)).status).toBe(403);
  const approved = await b.act(s.id, 'approve', 'thep-dt', decision);
  expect(approved.status).toBe(200);
  expect(approved.body).toMatchObject({ status: 'approved', decision: { by: { userId: 'thep-dt' } } });
});
