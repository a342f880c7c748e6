/**
 * Which actions the report's page offers: derived from the Update validators' own checks
 * (workflows/report/rules.ts). Pure: states built with the rules' own functions.
 */
import { allowedActionsOf } from '../../api/allowed-actions';
import { actorOf } from '../../api/auth';
import { reportActions } from '../../workflows/report/actions';
import { reportPlanOf } from '../../api/reports/routes';
import { effects, moveTo, opened } from '../../workflows/report/rules';
import type { ReportState } from '../../workflows/report/messages';
import { seedPlan } from '../support/campaign';
import { directory } from '../support/temporal';

const person = (id: string) => actorOf(directory.user(id)!);
const office = person('lan-vp');
const leader = person('thep-dt');
const auditor = person('thanh-tt');
const staff = person('quan-bchqs');
const at = '2026-12-01T02:00:00.000Z';
const reportAllowedActions = (state: ReportState, actor: typeof office) => allowedActionsOf(Object.values(reportActions), state, actor);

function report(status: ReportState['status']): ReportState {
  const state = opened({ campaignId: 'kh-test', plan: reportPlanOf(seedPlan, directory), reportDue: '2026-12-20', checkEveryMinutes: 60, startedBy: office }, at);
  moveTo(state, status, at);
  return state;
}

test('awaiting approval: the leader may approve or return, the office may edit, the inspector nothing', () => {
  const state = report('awaiting_approval');
  expect(reportAllowedActions(state, leader).allowed).toEqual(['approve', 'return']);
  expect(reportAllowedActions(state, office).allowed).toEqual(['edit-narrative']);
  expect(reportAllowedActions(state, auditor).allowed).toEqual([]);
  // The reason is the validator's own, as the API would answer.
  expect(reportAllowedActions(state, office).actions.find((a) => a.action === 'approve')).toEqual({
    action: 'approve',
    allowed: false,
    reason: 'Chỉ lãnh đạo UBND mới được duyệt báo cáo',
  });
});

test('returned: only the office may edit; the leader waits for the new draft', () => {
  const state = report('awaiting_approval');
  effects.returnDraft(state, leader, { comments: 'Bổ sung số liệu các xã' }, at);
  expect(reportAllowedActions(state, office).allowed).toEqual(['edit-narrative']);
  const leaders = reportAllowedActions(state, leader);
  expect(leaders.allowed).toEqual([]);
  expect(leaders.actions.find((a) => a.action === 'approve')!.reason).toBe('Không thể duyệt báo cáo: báo cáo đang ở trạng thái "Lãnh đạo trả lại, Văn phòng chỉnh sửa"');
});

test('collecting, drafting, approved or sent: nobody may act; a staff member never', () => {
  for (const status of ['collecting', 'drafting', 'approved', 'sent'] as const) {
    for (const who of [office, leader, auditor]) expect(reportAllowedActions(report(status), who).allowed).toEqual([]);
  }
  expect(reportAllowedActions(report('awaiting_approval'), staff).allowed).toEqual([]);
});
