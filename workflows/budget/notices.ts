/** The notices the budget workflow sends: to whoever must act next, and to the submitter on the outcome. */
import type { Actor } from '../common/actor';
import type { NoticeBase, Recipient } from '../common/notice';
import type { BudgetState } from './messages';
import { appraiserOf, currentAppraisal, currentVersion } from './rules';

export const BudgetEvents = [
  'submitted',
  'resubmitted',
  'revision_requested',
  'appraised',
  'returned_to_appraisal',
  'approved',
  'rejected',
  'withdrawn',
  'reminder',
  'escalation',
] as const;
export type BudgetEvent = (typeof BudgetEvents)[number];

/** A snapshot of the estimate, enough to write the message without reading anything else. */
export interface BudgetSummary {
  id: string;
  title: string;
  agency: string;
  version: number;
  total: number;
  status: BudgetState['status'];
  dueAt: string | null;
  appraisedTotal?: number;
  approvedAmount?: number;
  decisionNumber?: string;
  decisionDate?: string;
  /** Set when the leadership appraises (the Finance Office's own estimate). */
  appraisedBy?: 'leadership';
}

export interface BudgetNotice extends NoticeBase {
  kind: 'budget';
  event: BudgetEvent;
  budget: BudgetSummary;
  by?: Actor;
  /** Comments, opinion or reason that came with the action. */
  comments?: string;
}

export function summarize(state: BudgetState): BudgetSummary {
  const version = currentVersion(state);
  const appraisal = currentAppraisal(state);
  return {
    id: state.id,
    title: version.title,
    agency: state.agency,
    version: version.version,
    total: version.total,
    status: state.status,
    dueAt: state.dueAt,
    ...(appraisal ? { appraisedTotal: appraisal.total } : {}),
    ...(state.decision?.amount !== undefined ? { approvedAmount: state.decision.amount } : {}),
    ...(state.decision?.decisionNumber ? { decisionNumber: state.decision.decisionNumber } : {}),
    ...(state.decision?.decisionDate ? { decisionDate: state.decision.decisionDate } : {}),
    ...(state.appraisedBy === 'leadership' ? { appraisedBy: 'leadership' as const } : {}),
  };
}

/** Who hears of an event: the next actor, and the submitting agency of outcomes. */
export function recipientsOf(event: BudgetEvent, state: BudgetState): Recipient[] {
  const submitter: Recipient = { agency: state.agency, role: 'staff' };
  const appraisers: Recipient = appraiserOf(state);
  const leaders: Recipient = { agency: state.parties.leadership, role: 'leader' };
  switch (event) {
    case 'submitted':
    case 'resubmitted':
    case 'returned_to_appraisal':
      return [appraisers];
    case 'revision_requested':
      return [submitter];
    case 'appraised':
      return [leaders];
    case 'approved':
    case 'rejected':
      return [submitter, appraisers];
    case 'withdrawn':
      return state.withdrawal && state.appraisals.length ? [appraisers, leaders] : [appraisers];
    case 'reminder':
      return state.awaiting ? [{ agency: state.awaiting.agency, role: state.awaiting.role }] : [];
    case 'escalation':
      return [leaders, { agency: state.parties.office }, ...(state.awaiting ? [{ agency: state.awaiting.agency, role: state.awaiting.role }] : [])];
  }
}
