/**
 * The rules of the consolidated report as pure functions: each action has a check (throws a refusal, used by
 * the Update validator so a refused action leaves no trace) and an effect on the state.
 */
import type { Actor } from '../common/actor';
import type { Recipient } from '../common/notice';
import { plainChecks, requireDecisionAuthority, statusGuard } from '../common/checks';
import { refuse, RefusalType } from '../common/refusal';
import {
  ApproveReportInputSchema,
  EditNarrativeInputSchema,
  reportStatusLabels,
  ReturnReportInputSchema,
  type ApproveReportInput,
  type EditNarrativeInput,
  type ReportStart,
  type ReportState,
  type ReportStatus,
  type ReturnReportInput,
} from './messages';
import { partiesOf, type Parties } from '../common/agencies';

/** The leadership approves or returns the draft; the office edits it. */
export const participantsOf = (parties: Parties): string[] => [parties.office, parties.leadership];
export const leadersOf = (parties: Parties): Recipient => ({ agency: parties.leadership, role: 'leader' });
export const officeOf = (parties: Parties): Recipient => ({ agency: parties.office });

export function awaitingFor(status: ReportStatus, parties: Parties): ReportState['awaiting'] {
  switch (status) {
    case 'awaiting_approval':
      return { agency: parties.leadership, role: 'leader' };
    case 'returned':
      return { agency: parties.office, role: 'administrator' };
    default:
      return null;
  }
}

export function opened(input: ReportStart, at: string): ReportState {
  return {
    id: input.campaignId,
    campaignId: input.campaignId,
    plan: input.plan,
    status: 'collecting',
    awaiting: null,
    reportDue: input.reportDue,
    dueAt: null,
    compiledBecause: null,
    compiledAt: null,
    report: null,
    narrative: null,
    number: null,
    drafts: [],
    returns: [],
    edits: [],
    approval: null,
    sent: null,
    startedAt: input.startedAt ?? at,
    startedBy: input.startedBy,
    updatedAt: at,
    parties: partiesOf(input),
  };
}

export function moveTo(state: ReportState, status: ReportStatus, at: string): void {
  state.status = status;
  state.awaiting = awaitingFor(status, state.parties);
  state.updatedAt = at;
}

const requireStatus = statusGuard<ReportStatus>('báo cáo', reportStatusLabels);
const plain = plainChecks<ReportState>(requireStatus);

function requireLeader(state: ReportState, actor: Actor, action: string): void {
  requireDecisionAuthority(actor, state.parties.leadership, `Chỉ lãnh đạo UBND mới được ${action}`);
}

function requireOffice(state: ReportState, actor: Actor, action: string): void {
  if (actor.role !== 'administrator' || actor.agency !== state.parties.office) {
    refuse(RefusalType.Forbidden, `Chỉ Văn phòng HĐND và UBND mới được ${action}`);
  }
}

export const checks = {
  approve: plain({ by: requireLeader, doing: 'duyệt báo cáo', in: ['awaiting_approval'], when: 'duyệt báo cáo', input: ApproveReportInputSchema, bodyOptional: true }),
  returnDraft: plain({ by: requireLeader, doing: 'trả lại dự thảo báo cáo', in: ['awaiting_approval'], when: 'trả lại dự thảo báo cáo', input: ReturnReportInputSchema }),
  editNarrative: plain({ by: requireOffice, doing: 'chỉnh sửa báo cáo', in: ['awaiting_approval', 'returned'], when: 'chỉnh sửa báo cáo', input: EditNarrativeInputSchema }),
};

const latestDraft = (state: ReportState): number => state.drafts[state.drafts.length - 1]?.version ?? 0;

export const effects = {
  approve(state: ReportState, by: Actor, input: ApproveReportInput, at: string): void {
    state.approval = { draft: latestDraft(state), at, by, ...(input.comment ? { comment: input.comment } : {}) };
    moveTo(state, 'approved', at);
  },
  returnDraft(state: ReportState, by: Actor, input: ReturnReportInput, at: string): void {
    state.returns.push({ draft: latestDraft(state), at, by, comments: input.comments });
    moveTo(state, 'returned', at);
  },
  /** The new text waits for the workflow to regenerate the document. */
  editNarrative(state: ReportState, by: Actor, input: EditNarrativeInput, at: string): void {
    state.narrative = input.narrative;
    if (input.number) state.number = input.number;
    state.edits.push({ at, by });
    moveTo(state, 'drafting', at);
  },
};
