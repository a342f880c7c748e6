/**
 * Which actions the console offers: derived from the Update validators' own checks (workflows/budget/rules.ts),
 * so a button is shown exactly when the action would be accepted now. Pure: states built with the rules' effects.
 */
import { allowedActionsOf } from '../../api/allowed-actions';
import { actorOf } from '../../api/auth';
import { budgetActions } from '../../workflows/budget/actions';
import { effects, submitted } from '../../workflows/budget/rules';
import type { BudgetState } from '../../workflows/budget/messages';
import { defaultPolicy, militaryEstimate } from '../support/api';
import { directory } from '../support/temporal';

const person = (id: string) => actorOf(directory.user(id)!);
const staff = person('quan-bchqs');
const appraiser = person('hoa-tckh');
const leader = person('thep-dt');
const auditor = person('thanh-tt');
const at = '2026-12-01T02:00:00.000Z';
const allowedActions = (state: BudgetState, actor: typeof staff) => allowedActionsOf(Object.values(budgetActions), state, actor);

function newEstimate(): BudgetState {
  return submitted({ id: 'DT-2026-TEST', submittedBy: staff, estimate: militaryEstimate, policy: defaultPolicy }, at);
}

test('in appraisal: the appraiser may appraise or ask for a revision, the submitter may withdraw, the leader nothing yet', () => {
  const state = newEstimate();
  expect(allowedActions(state, appraiser).allowed).toEqual(['request-revision', 'appraise']);
  expect(allowedActions(state, staff).allowed).toEqual(['withdraw']);
  expect(allowedActions(state, leader).allowed).toEqual([]);
  expect(allowedActions(state, auditor).allowed).toEqual([]);
  // The reason is the validator's own, as the API would answer.
  const approve = allowedActions(state, leader).actions.find((a) => a.action === 'approve')!;
  expect(approve).toEqual({ action: 'approve', allowed: false, reason: 'Không thể phê duyệt: dự toán đang ở trạng thái "Đang thẩm định"' });
});

test('after the appraisal: the leader decides (approve, return, reject); the appraiser may act no more', () => {
  const state = newEstimate();
  effects.appraise(state, appraiser, { lines: state.versions[0]!.lines.map((l) => ({ lineNo: l.lineNo, recommendedAmount: l.amount })), opinion: 'Đồng ý' }, at);
  expect(allowedActions(state, leader).allowed).toEqual(['approve', 'return-to-appraisal', 'reject']);
  expect(allowedActions(state, appraiser).allowed).toEqual([]);
  expect(allowedActions(state, staff).allowed).toEqual(['withdraw']);
});

test('a revision requested: only the submitting agency\'s staff may resubmit or withdraw; another agency\'s staff nothing', () => {
  const state = newEstimate();
  effects.requestRevision(state, appraiser, { comments: 'Bổ sung báo giá' }, at);
  expect(allowedActions(state, staff).allowed).toEqual(['resubmit', 'withdraw']);
  expect(allowedActions(state, person('binh-bchqs')).allowed).toEqual(['resubmit', 'withdraw']);
  const other = allowedActions(state, person('tuan-vhtt'));
  expect(other.allowed).toEqual([]);
  expect(other.actions.find((a) => a.action === 'resubmit')!.reason).toMatch(/Chỉ cán bộ của đơn vị lập dự toán \(bchqs\)/);
});

test('closed: nobody may do anything', () => {
  const state = newEstimate();
  effects.withdraw(state, staff, { reason: 'Không tổ chức nữa' }, at);
  for (const who of [staff, appraiser, leader]) expect(allowedActions(state, who).allowed).toEqual([]);
});
