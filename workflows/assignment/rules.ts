/**
 * The rules of an assignment's report (docs/architecture.md, "Assignments and the report to the province") as pure functions: each action has a check (throws a
 * refusal, used by the Update validator so a refused action leaves no trace) and an effect on the state.
 */
import type { Actor } from '../common/actor';
import { partiesOf } from '../common/agencies';
import type { Recipient } from '../common/notice';
import { plainChecks, statusGuard } from '../common/checks';
import { refuse, RefusalType } from '../common/refusal';
import {
  AcceptInputSchema,
  assignmentId,
  assignmentStatusLabels,
  ReportInputSchema,
  ReturnInputSchema,
  type AcceptInput,
  type AssignmentInput,
  type AssignmentState,
  type AssignmentStatus,
  type Awaiting,
  type ReportInput,
  type ReportVersion,
  type ReturnInput,
} from './messages';

type Routing = Pick<AssignmentState, 'assignment' | 'reviewerAgency' | 'leadershipReviewsOwnAgency' | 'parties'>;

/** Who hears that a report is overdue: the leadership and its office (docs/architecture.md, "Deadlines"). */
export const escalationRecipients = (state: Pick<AssignmentState, 'parties'>): Recipient[] => [{ agency: state.parties.leadership, role: 'leader' }, { agency: state.parties.office }];

/** Every agency taking part in an assignment: the assigned one, its reviewer, the leadership and the office. */
export function participantsOf(state: Pick<AssignmentState, 'assignment' | 'reviewerAgency' | 'parties'>): string[] {
  return [...new Set([state.assignment.agency, state.reviewerAgency, state.parties.leadership, state.parties.office])];
}

/**
 * Who reviews the agency's report: the reviewers of the reviewing agency, except when that agency is the assignee
 * itself (the Military Command's own item III.1): nobody accepts their own agency's report, so the leadership does.
 */
export function reviewerOf(state: Routing): Awaiting {
  return state.leadershipReviewsOwnAgency && state.reviewerAgency === state.assignment.agency ? { agency: state.parties.leadership, role: 'leader' } : { agency: state.reviewerAgency, role: 'reviewer' };
}

/** Who must act in each state. */
export function awaitingFor(status: AssignmentStatus, state: Routing): Awaiting | null {
  switch (status) {
    case 'awaiting_report':
    case 'returned':
      return { agency: state.assignment.agency, role: 'staff' };
    case 'submitted':
    case 'resubmitted':
      return reviewerOf(state);
    case 'accepted':
      return null;
  }
}

/** The agency owes a report: none sent yet, or the last one was returned. Reminders and escalation concern only this. */
export const owesReport = (state: AssignmentState): boolean => state.status === 'awaiting_report' || state.status === 'returned';

/** The state when the campaign opens the assignment. */
export function opened(input: AssignmentInput, at: string): AssignmentState {
  const base = { assignment: input.assignment, reviewerAgency: input.reviewerAgency, parties: partiesOf(input) };
  return {
    id: assignmentId(input.campaignId, input.assignment.number, input.assignment.agency),
    campaignId: input.campaignId,
    planId: input.planId,
    ...base,
    status: 'awaiting_report',
    awaiting: awaitingFor('awaiting_report', base),
    reportDueDate: input.reportDueDate,
    dueAt: null,
    overdue: false,
    remindedAt: null,
    escalatedAt: null,
    reports: [],
    returns: [],
    acceptance: null,
    startedAt: at,
    updatedAt: at,
    reminderBefore: input.reminderBefore,
  };
}

export function currentReport(state: AssignmentState): ReportVersion | undefined {
  return state.reports[state.reports.length - 1];
}

/** The version the reviewer accepted, with its submission (who, when, version): what the district reports. */
export function acceptedReport(state: AssignmentState): ReportVersion | undefined {
  return state.acceptance ? state.reports.find((r) => r.version === state.acceptance!.version) : undefined;
}

const requireStatus = statusGuard<AssignmentStatus>('nhiệm vụ', assignmentStatusLabels);
const plain = plainChecks<AssignmentState>(requireStatus);

function requireAgencyStaff(state: AssignmentState, actor: Actor, action: string): void {
  if (actor.role !== 'staff' || actor.agency !== state.assignment.agency) {
    refuse(RefusalType.Forbidden, `Chỉ cán bộ của đơn vị được giao nhiệm vụ (${state.assignment.agency}) mới được ${action}`);
  }
}

function requireReviewer(state: AssignmentState, actor: Actor, action: string): void {
  const reviewer = reviewerOf(state);
  if (actor.role !== reviewer.role || actor.agency !== reviewer.agency || (state.leadershipReviewsOwnAgency && actor.agency === state.assignment.agency)) {
    refuse(RefusalType.Forbidden, `Chỉ ${reviewer.role === 'leader' ? 'lãnh đạo' : 'người xem xét báo cáo'} của ${reviewer.agency} mới được ${action}`);
  }
}

export const checks = {
  submitReport: plain({ by: requireAgencyStaff, doing: 'gửi báo cáo', in: ['awaiting_report', 'returned'], when: 'gửi báo cáo', input: ReportInputSchema }),
  acceptReport: plain({ by: requireReviewer, doing: 'chấp nhận báo cáo', in: ['submitted', 'resubmitted'], when: 'chấp nhận báo cáo', input: AcceptInputSchema, bodyOptional: true }),
  returnReport: plain({ by: requireReviewer, doing: 'trả lại báo cáo', in: ['submitted', 'resubmitted'], when: 'trả lại báo cáo', input: ReturnInputSchema }),
};

function moveTo(state: AssignmentState, status: AssignmentStatus, at: string): void {
  state.status = status;
  state.awaiting = awaitingFor(status, state);
  state.updatedAt = at;
}

export const effects = {
  submitReport(state: AssignmentState, by: Actor, input: ReportInput, at: string): void {
    state.reports.push({
      version: state.reports.length + 1,
      submittedAt: at,
      submittedBy: by,
      narrative: input.narrative,
      figures: input.figures,
      documents: input.documents ?? [],
      late: state.dueAt !== null && at > state.dueAt,
    });
    moveTo(state, state.status === 'returned' ? 'resubmitted' : 'submitted', at);
  },
  acceptReport(state: AssignmentState, by: Actor, input: AcceptInput, at: string): void {
    state.acceptance = { version: currentReport(state)!.version, at, by, ...(input.comment ? { comment: input.comment } : {}) };
    moveTo(state, 'accepted', at);
  },
  returnReport(state: AssignmentState, by: Actor, input: ReturnInput, at: string): void {
    state.returns.push({ version: currentReport(state)!.version, at, by, comments: input.comments });
    moveTo(state, 'returned', at);
  },
};
