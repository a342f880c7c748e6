/**
 * The campaign's own notice: one digest to the leadership and the office when communes pass their escalation
 * moment, instead of one message per commune (at province scale that would be thousands).
 */
import type { NoticeBase } from '../common/notice';
import type { Parties } from '../common/agencies';
import type { Board, BoardTotals } from './messages';

export interface CampaignNotice extends NoticeBase {
  kind: 'campaign';
  event: 'overdue_digest';
  campaign: { id: string; planReference: string; planTitle: string; dueDate: string; asOf: string };
  /** The communes escalated now, with their deadline and working days late (only a campaign with communes escalates). */
  escalated: Array<{ commune: string; name: string; dueDate: string; daysLate: number }>;
  /** Every commune overdue now (the escalated ones among them). */
  overdueCount: number;
  totals: BoardTotals;
}

export function overdueDigest(key: string, board: Board, escalated: string[], parties: Parties): CampaignNotice {
  const byCode = new Map(board.communes.map((e) => [e.commune, e]));
  return {
    kind: 'campaign',
    key,
    to: [{ agency: parties.leadership, role: 'leader' }, { agency: parties.office }],
    event: 'overdue_digest',
    campaign: { id: board.campaignId, planReference: board.plan.reference, planTitle: board.plan.title, dueDate: board.deadlines.communePlanDue ?? '', asOf: board.asOf },
    escalated: escalated.map((code) => {
      const e = byCode.get(code);
      return { commune: code, name: e?.name ?? code, dueDate: e?.dueDate ?? '', daysLate: e?.daysLate ?? 0 };
    }),
    overdueCount: board.totals.overdue,
    totals: board.totals,
  };
}
