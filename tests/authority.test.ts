/**
 * Authority through HTTP against a real Temporal server: a deputy decides in her field "KT. Chủ tịch" and the
 * decision, its audit timeline and the answer say so; a deputy outside his field is refused with the reason,
 * and "which actions may I take" says the same; an acting head decides "Q."; the head authorises the office's
 * deputy head for estimates (TUQ.), she decides under it, she may not pass it on, and once revoked she is
 * refused; a leader's absence hands the decisions of her field to whoever covers her, in "my work" too.
 * Terms are counted from today, so nothing depends on the day the tests run. (Each form's block and the
 * refusals in detail: tests/rules/authority.test.ts; the report signed by a deputy: tests/report-flow.test.ts.)
 */
import request from 'supertest';
import { localDate } from '../catalog/calendar';
import type { BudgetState } from '../workflows/budget/messages';
import { budgetWorkflowId } from '../workflows/budget/messages';
import { militaryEstimate, type TestApi } from './support/api';
import { budgetApi } from './support/budget-api';
import { useService } from './support/service';

jest.setTimeout(120_000);

const service = useService('authority');
let api: TestApi;
let budgets: ReturnType<typeof budgetApi>;
beforeAll(() => {
  api = service.api;
  budgets = budgetApi(api);
});

const day = (offset: number): string => localDate(new Date(Date.now() + offset * 86_400_000));
const today = day(0);

async function awaitingDecision(estimate?: object): Promise<BudgetState> {
  const state = await budgets.submit('quan-bchqs', estimate);
  const appraised = await budgets.appraiseAll(state);
  expect(appraised.status).toBe(200);
  return appraised.body as BudgetState;
}

const approval = { amount: 36_500_000, decisionNumber: '88/QĐ-UBND', decisionDate: today };

async function record(userId: string, body: object) {
  return request(api.app).post('/api/v1/authority/records').set('Authorization', await api.bearer(userId)).send(body);
}
async function end(userId: string, seq: number) {
  return request(api.app).post('/api/v1/authority/records/end').set('Authorization', await api.bearer(userId)).send({ seq, reason: 'Đã hết việc' });
}
/** What the audit timeline says of the authority of a case's decision. */
async function timelineAuthority(id: string, update: string): Promise<string | undefined> {
  const res = await request(api.app).get(`/api/v1/audit/workflows/${encodeURIComponent(budgetWorkflowId(id))}/timeline`).set('Authorization', await api.bearer('thanh-tt'));
  expect(res.status).toBe(200);
  return (res.body.entries as Array<{ name: string; actor: { authority?: string } | null }>).find((e) => e.name === update)?.actor?.authority;
}
async function actionsFor(id: string, userId: string) {
  const res = await request(api.app).get(`/api/v1/budgets/${id}/actions`).set('Authorization', await api.bearer(userId));
  return res.body as { actions: Array<{ action: string; allowed: boolean; reason?: string }> };
}

// The sample estimate serves the seed plan, of the field "văn hóa - xã hội" (Thép's); without a plan, the
// Military Command's estimate is of "nội chính, quốc phòng - an ninh", which no deputy holds: the head's.
const { planId: _plan, ...withoutPlan } = militaryEstimate;

test('a deputy decides in her field as "KT. Chủ tịch": the decision records it and the audit timeline shows it', async () => {
  const state = await awaitingDecision();
  const res = await budgets.act(state.id, 'approve', 'thep-dt', approval);
  expect(res.status).toBe(200);
  expect(res.body.decision.by.capacity).toMatchObject({ form: 'KT.', principalTitle: 'Chủ tịch', signerTitle: 'Phó Chủ tịch', signer: 'Dương Thị Thép', field: 'van-hoa-xa-hoi' });
  expect(res.body.decision.by.capacity.basis).toContain('văn hóa - xã hội');

  const timeline = await request(api.app).get(`/api/v1/audit/workflows/${encodeURIComponent(budgetWorkflowId(state.id))}/timeline`).set('Authorization', await api.bearer('thanh-tt'));
  expect(timeline.status).toBe(200);
  const decision = (timeline.body.entries as Array<{ name: string; details: string; actor: { authority?: string } | null }>).find((e) => e.name === 'approve')!;
  expect(decision.actor?.authority).toMatch(/^KT\. Chủ tịch, Phó Chủ tịch Dương Thị Thép \(căn cứ: phân công phụ trách lĩnh vực văn hóa - xã hội/);
  expect(decision.details).toContain('Thẩm quyền: KT. Chủ tịch');
});

test('a deputy outside his field is refused 403 with the reason, nothing enters the history, and his buttons say why', async () => {
  const state = await awaitingDecision();
  const res = await budgets.act(state.id, 'approve', 'vinh-hv', approval);
  expect(res.status).toBe(403);
  expect(res.body.detail).toMatch(/Phó Chủ tịch Hoàng Văn Vinh không phụ trách lĩnh vực văn hóa - xã hội/);
  expect((await budgets.get(state.id)).body.status).toBe('awaiting_decision');
  const mine = await actionsFor(state.id, 'vinh-hv');
  expect(mine.actions.find((a) => a.action === 'approve')).toMatchObject({ allowed: false, reason: expect.stringMatching(/không phụ trách/) });
  expect((await actionsFor(state.id, 'thep-dt')).actions.find((a) => a.action === 'approve')?.allowed).toBe(true);
  // The head decides anything, in person.
  const head = await budgets.act(state.id, 'reject', 'hung-nv', { reason: 'Chưa phù hợp' });
  expect(head.status).toBe(200);
  expect(head.body.decision.by.capacity).toMatchObject({ form: 'direct', signer: 'Nguyễn Văn Hùng' });
});

test('an acting head decides "Q. Chủ tịch" while the decision of the level above is in force; ended, he is a deputy again', async () => {
  const acting = await record('lan-vp', {
    kind: 'acting',
    acting: 'vinh-hv',
    validFrom: today,
    validTo: day(30),
    basis: { number: '301/QĐ-UBND', date: day(-1), issuer: 'UBND tỉnh Lạng Sơn' },
  });
  expect(acting.status).toBe(201);
  const state = await awaitingDecision(withoutPlan);
  const res = await budgets.act(state.id, 'approve', 'vinh-hv', approval);
  expect(res.status).toBe(200);
  expect(res.body.decision.by.capacity).toMatchObject({ form: 'Q.', record: acting.body.seq });
  expect(res.body.decision.by.capacity.basis).toContain('301/QĐ-UBND');
  expect(await timelineAuthority(state.id, 'approve')).toMatch(/^Q\. Chủ tịch Hoàng Văn Vinh \(căn cứ: Quyết định số 301\/QĐ-UBND/);
  expect((await end('lan-vp', acting.body.seq)).status).toBe(200);
  const next = await awaitingDecision(withoutPlan);
  expect((await budgets.act(next.id, 'approve', 'vinh-hv', approval)).status).toBe(403);
});

test('the head authorises in writing (TUQ.); the delegate decides under it, may not pass it on, and is refused once it is revoked', async () => {
  const delegation = {
    kind: 'delegation',
    delegate: 'lan-vp',
    matters: ['budget_decision'],
    validFrom: today,
    validTo: day(10),
    basis: { number: '15/GUQ-UBND', date: today },
  };
  // Only the head gives it; a term that has passed is refused.
  expect((await record('thep-dt', delegation)).status).toBe(403);
  expect((await record('hung-nv', { ...delegation, validFrom: day(-10), validTo: day(-1) })).status).toBe(400);
  const given = await record('hung-nv', delegation);
  expect(given.status).toBe(201);
  // The same scope to someone else in the same term overlaps it.
  const overlap = await record('hung-nv', { ...delegation, delegate: 'khoa-thanh-tra' });
  expect(overlap.status).toBe(409);
  expect(overlap.body.detail).toContain('15/GUQ-UBND');

  const state = await awaitingDecision();
  // Handed to her: her "my work" (the office's) lists the estimate with the authority she decides it under.
  const work = await request(api.app).get('/api/v1/my-work').set('Authorization', await api.bearer('lan-vp'));
  expect(work.status).toBe(200);
  const handed = (work.body.items as Array<{ workflowId: string; handed?: string; decider?: { userId: string } }>).find((i) => i.workflowId === budgetWorkflowId(state.id));
  expect(handed).toMatchObject({ decider: { userId: 'lan-vp' }, handed: expect.stringContaining('TUQ. Chủ tịch') });

  const res = await budgets.act(state.id, 'approve', 'lan-vp', approval);
  expect(res.status).toBe(200);
  expect(res.body.decision.by.capacity).toMatchObject({ form: 'TUQ.', signerTitle: 'Phó Chánh Văn phòng HĐND và UBND huyện', record: given.body.seq });
  expect(await timelineAuthority(state.id, 'approve')).toMatch(/^TUQ\. Chủ tịch, Phó Chánh Văn phòng HĐND và UBND huyện Nông Thị Lan \(căn cứ: ủy quyền số 15\/GUQ-UBND/);

  // Never passed on.
  const passedOn = await record('lan-vp', { ...delegation, delegate: 'khoa-thanh-tra', matters: ['extension_decision'] });
  expect(passedOn.status).toBe(403);
  expect(passedOn.body.detail).toMatch(/không được ủy quyền lại/);

  // Revoked: refused, saying so.
  expect((await end('lan-vp', given.body.seq)).status).toBe(403);
  expect((await end('hung-nv', given.body.seq)).status).toBe(200);
  const next = await awaitingDecision();
  const refused = await budgets.act(next.id, 'approve', 'lan-vp', approval);
  expect(refused.status).toBe(403);
  expect(refused.body.detail).toMatch(/Ủy quyền số 15\/GUQ-UBND .*đã bị thu hồi/);

  // Everything recorded stays, with who recorded and who ended it.
  const view = await request(api.app).get('/api/v1/authority').set('Authorization', await api.bearer('thanh-tt'));
  const kept = (view.body.records as Array<{ seq: number; recordedBy: { userId: string }; ended: { by: { userId: string } } | null; inForce: boolean }>).find((r) => r.seq === given.body.seq)!;
  expect(kept).toMatchObject({ recordedBy: { userId: 'hung-nv' }, ended: { by: { userId: 'hung-nv' } }, inForce: false });
});

test("a leader's absence hands her field's decisions to whoever covers her, and \"my work\" shows who decides", async () => {
  const state = await awaitingDecision();
  const before = await request(api.app).get('/api/v1/my-work').set('Authorization', await api.bearer('vinh-hv'));
  const item = () => (before.body.items as Array<{ workflowId: string; decider?: { userId: string; name: string } }>).find((i) => i.workflowId === budgetWorkflowId(state.id));
  expect(item()?.decider).toEqual({ userId: 'thep-dt', name: 'Dương Thị Thép' });

  const away = await record('thep-dt', { kind: 'absence', absent: 'thep-dt', coveredBy: 'vinh-hv', validFrom: today, validTo: day(5), reason: 'Đi học tập trung' });
  expect(away.status).toBe(201);
  const during = await request(api.app).get('/api/v1/my-work').set('Authorization', await api.bearer('vinh-hv'));
  const covered = (during.body.items as Array<{ workflowId: string; decider?: { userId: string } }>).find((i) => i.workflowId === budgetWorkflowId(state.id));
  expect(covered?.decider?.userId).toBe('vinh-hv');

  const res = await budgets.act(state.id, 'approve', 'vinh-hv', approval);
  expect(res.status).toBe(200);
  expect(res.body.decision.by.capacity).toMatchObject({ form: 'KT.', record: away.body.seq });
  expect(res.body.decision.by.capacity.basis).toMatch(/phụ trách thay Phó Chủ tịch/);
  expect((await end('thep-dt', away.body.seq)).status).toBe(200);
});
