/** The notices the assignment workflow sends: to whoever must act next, and to the leadership once it is late. */
import type { Actor } from '../common/actor';
import type { NoticeBase, Recipient } from '../common/notice';
import type { AssignmentSpec, AssignmentState, ReportFigures } from './messages';
import { currentReport, escalationRecipients, reviewerOf } from './rules';

export const AssignmentEvents = ['submitted', 'resubmitted', 'returned', 'accepted', 'reminder', 'escalation'] as const;
export type AssignmentEvent = (typeof AssignmentEvents)[number];

/** A snapshot of the assignment, enough to write the message without reading anything else. */
export interface AssignmentSummary {
  id: string;
  campaignId: string;
  planId: string;
  assignment: AssignmentSpec;
  reviewerAgency: string;
  status: AssignmentState['status'];
  reportDueDate: string;
  dueAt: string | null;
  /** The latest report, if there is one. */
  report?: { version: number; figures: ReportFigures; documents: number; late: boolean };
}

export interface AssignmentNotice extends NoticeBase {
  kind: 'assignment';
  event: AssignmentEvent;
  assignment: AssignmentSummary;
  by?: Actor;
  /** The reviewer's comments that came with the action. */
  comments?: string;
}

export function summarize(state: AssignmentState): AssignmentSummary {
  const report = currentReport(state);
  return {
    id: state.id,
    campaignId: state.campaignId,
    planId: state.planId,
    assignment: state.assignment,
    reviewerAgency: reviewerOf(state).agency,
    status: state.status,
    reportDueDate: state.reportDueDate,
    dueAt: state.dueAt,
    ...(report ? { report: { version: report.version, figures: report.figures, documents: report.documents.length, late: report.late } } : {}),
  };
}

/** Who hears of an event: the reviewers of a report, the agency of the answer, the leadership of a delay. */
export function recipientsOf(event: AssignmentEvent, state: AssignmentState): Recipient[] {
  const agency: Recipient = { agency: state.assignment.agency, role: 'staff' };
  const reviewers: Recipient = reviewerOf(state);
  switch (event) {
    case 'submitted':
    case 'resubmitted':
      return [reviewers];
    case 'returned':
    case 'accepted':
    case 'reminder':
      return [agency];
    case 'escalation':
      return escalationRecipients(state);
  }
}
