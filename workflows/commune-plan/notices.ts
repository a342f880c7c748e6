/** The notices a commune plan sends: to the commune, to its reviewer, and to the leadership for more time. */
import type { Actor } from '../common/actor';
import type { NoticeBase, Recipient } from '../common/notice';
import type { AssignmentMode, CommunePlanState, CommunePlanStatus } from './messages';
import { pendingExtension } from './rules';

export const CommunePlanEvents = [
  'assigned',
  'submitted',
  'accepted',
  'returned',
  'extension_requested',
  'extension_granted',
  'extension_refused',
  'reminder',
  'escalation',
] as const;
export type CommunePlanEvent = (typeof CommunePlanEvents)[number];

/** A snapshot of the commune plan, enough to write the message without reading anything else. */
export interface CommunePlanSummary {
  id: string;
  campaignId: string;
  planReference: string;
  planTitle: string;
  commune: string;
  communeName: string;
  /** Directed ("yêu cầu") or requested ("đề nghị"): the wording follows it. */
  mode: AssignmentMode;
  status: CommunePlanStatus;
  dueDate: string;
  dueAt: string;
  version: number;
  documentNumber?: string;
  documentName?: string;
  requestedDate?: string;
}

export interface CommunePlanNotice extends NoticeBase {
  kind: 'commune-plan';
  event: CommunePlanEvent;
  communePlan: CommunePlanSummary;
  by?: Actor;
  /** Comments or reason that came with the action. */
  comments?: string;
}

export function summarize(state: CommunePlanState): CommunePlanSummary {
  const last = state.submissions[state.submissions.length - 1];
  const pending = pendingExtension(state) ?? state.extensions[state.extensions.length - 1];
  return {
    id: state.id,
    campaignId: state.campaignId,
    planReference: state.plan.reference,
    planTitle: state.plan.title,
    commune: state.commune.code,
    communeName: state.commune.name,
    mode: state.assignment.mode,
    status: state.status,
    dueDate: state.deadline.dueDate,
    dueAt: state.deadline.dueAt,
    version: state.submissions.length,
    ...(last ? { documentNumber: last.number, documentName: last.document.filename } : {}),
    ...(pending ? { requestedDate: pending.requestedDate } : {}),
  };
}

/** Who hears of an event: the commune of what concerns it, the reviewer of submissions, the leadership of requests for time. */
export function recipientsOf(event: CommunePlanEvent, state: CommunePlanState): Recipient[] {
  const commune: Recipient = { agency: state.commune.code };
  const reviewers: Recipient = { agency: state.policy.reviewerAgency, role: 'reviewer' };
  switch (event) {
    case 'submitted':
      return [reviewers];
    case 'extension_requested':
      return [{ agency: state.parties.leadership, role: 'leader' }, { agency: state.parties.office, role: 'administrator' }];
    case 'assigned':
    case 'accepted':
    case 'returned':
    case 'extension_granted':
    case 'extension_refused':
    case 'reminder':
    case 'escalation':
      return [commune];
  }
}
