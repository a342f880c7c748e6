/**
 * The rules of a commune plan (docs/architecture.md, "Campaign and commune plans") as pure functions: each action has a check (throws a refusal,
 * used by the Update validator so a refused action leaves no trace) and an effect on the state.
 */
import type { Actor } from '../common/actor';
import { plainChecks, requireDecisionAuthority, statusGuard } from '../common/checks';
import { parseOrRefuse, refuse, RefusalType } from '../common/refusal';
import {
  AcceptInputSchema,
  communePlanId,
  communePlanStatusLabels,
  ExtensionRequestInputSchema,
  GrantExtensionInputSchema,
  OWING_STATUSES,
  RefuseExtensionInputSchema,
  ReturnInputSchema,
  SubmissionInputSchema,
  type AcceptInput,
  type Awaiting,
  type CommuneRow,
  type CommunePlanState,
  type CommunePlanStatus,
  type Extension,
  type ExtensionRequestInput,
  type GrantExtensionInput,
  type RefuseExtensionInput,
  type ReturnInput,
  type StartCommunePlanInput,
  type SubmissionInput,
} from './messages';
import { partiesOf } from '../common/agencies';

const formatDate = (iso: string): string => iso.split('-').reverse().join('/');

export function awaitingFor(status: CommunePlanStatus, state: Pick<CommunePlanState, 'commune' | 'policy'>): Awaiting | null {
  switch (status) {
    case 'awaiting_submission':
    case 'returned':
      return { agency: state.commune.code, role: 'commune_officer' };
    case 'submitted':
      return { agency: state.policy.reviewerAgency, role: 'reviewer' };
    default:
      return null;
  }
}

export function started(input: StartCommunePlanInput, at: string): CommunePlanState {
  return {
    id: communePlanId(input.campaignId, input.commune.code),
    campaignId: input.campaignId,
    plan: input.plan,
    assignment: input.assignment,
    commune: input.commune,
    status: 'awaiting_submission',
    awaiting: { agency: input.commune.code, role: 'commune_officer' },
    deadline: input.deadline,
    overdue: false,
    submissions: [],
    reviews: [],
    extensions: [],
    startedAt: at,
    updatedAt: at,
    policy: input.policy,
    parties: partiesOf(input),
  };
}

export const isOwing = (state: CommunePlanState): boolean => OWING_STATUSES.includes(state.status);
export const pendingExtension = (state: CommunePlanState): Extension | undefined => {
  const last = state.extensions[state.extensions.length - 1];
  return last && last.decision === null ? last : undefined;
};

const requireStatus = statusGuard<CommunePlanStatus>('kế hoạch của xã', communePlanStatusLabels);
const plain = plainChecks<CommunePlanState>(requireStatus);

/** A commune officer acts for their own commune only. */
function requireOwnCommune(state: CommunePlanState, actor: Actor, action: string): void {
  if (actor.role !== 'commune_officer' || actor.agency !== state.commune.code) {
    refuse(RefusalType.Forbidden, `Chỉ công chức của ${state.commune.name} mới được ${action}`);
  }
}

function requireReviewer(state: CommunePlanState, actor: Actor, action: string): void {
  if (actor.role !== 'reviewer' || actor.agency !== state.policy.reviewerAgency) {
    refuse(RefusalType.Forbidden, `Chỉ người xem xét của đơn vị ${state.policy.reviewerAgency} mới được ${action}`);
  }
}

/** The leadership decides on more time (docs/architecture.md, "Who takes part"). */
function requireLeader(state: CommunePlanState, actor: Actor, action: string): void {
  requireDecisionAuthority(actor, state.parties.leadership, `Chỉ lãnh đạo UBND mới được ${action}`);
}

function requirePendingExtension(state: CommunePlanState, action: string): Extension {
  const pending = pendingExtension(state);
  if (!pending) refuse(RefusalType.Conflict, `Không thể ${action}: không có đề nghị gia hạn nào đang chờ quyết định`);
  return pending;
}

function requireLaterThanDeadline(state: CommunePlanState, date: string, field: string): void {
  if (date <= state.deadline.dueDate) {
    refuse(RefusalType.InvalidInput, 'Hạn mới phải sau hạn hiện tại', [
      { field, message: `phải sau hạn hiện tại ${formatDate(state.deadline.dueDate)}` },
    ]);
  }
}

export const checks = {
  submit: plain({ by: requireOwnCommune, doing: 'gửi kế hoạch của xã', in: OWING_STATUSES, when: 'gửi kế hoạch', input: SubmissionInputSchema }),
  accept: plain({ by: requireReviewer, doing: 'chấp nhận kế hoạch của xã', in: ['submitted'], when: 'chấp nhận', input: AcceptInputSchema }),
  return: plain({ by: requireReviewer, doing: 'trả lại kế hoạch của xã', in: ['submitted'], when: 'trả lại', input: ReturnInputSchema }),
  requestExtension(state: CommunePlanState, actor: Actor, input: unknown): ExtensionRequestInput {
    requireOwnCommune(state, actor, 'đề nghị gia hạn');
    requireStatus(state, OWING_STATUSES, 'đề nghị gia hạn');
    if (pendingExtension(state)) refuse(RefusalType.Conflict, 'Đã có một đề nghị gia hạn đang chờ lãnh đạo quyết định');
    const parsed = parseOrRefuse(ExtensionRequestInputSchema, input);
    requireLaterThanDeadline(state, parsed.requestedDate, 'requestedDate');
    return parsed;
  },
  grantExtension(state: CommunePlanState, actor: Actor, input: unknown): GrantExtensionInput {
    requireLeader(state, actor, 'gia hạn');
    const pending = requirePendingExtension(state, 'gia hạn');
    const parsed = parseOrRefuse(GrantExtensionInputSchema, input);
    requireLaterThanDeadline(state, parsed.dueDate ?? pending.requestedDate, 'dueDate');
    return parsed;
  },
  refuseExtension(state: CommunePlanState, actor: Actor, input: unknown): RefuseExtensionInput {
    requireLeader(state, actor, 'từ chối gia hạn');
    requirePendingExtension(state, 'từ chối gia hạn');
    return parseOrRefuse(RefuseExtensionInputSchema, input);
  },
};

function moveTo(state: CommunePlanState, status: CommunePlanStatus, at: string): void {
  state.status = status;
  state.awaiting = awaitingFor(status, state);
  state.overdue = isOwing(state) && Date.parse(at) > Date.parse(state.deadline.dueAt);
  state.updatedAt = at;
}

export const effects = {
  /** Records the submission; when it is late, the workflow then counts the working days (they need the calendar). */
  submit(state: CommunePlanState, by: Actor, input: SubmissionInput, at: string): void {
    const late = Date.parse(at) > Date.parse(state.deadline.dueAt);
    state.submissions.push({ ...input, version: state.submissions.length + 1, at, by, late, daysLate: 0 });
    moveTo(state, 'submitted', at);
  },
  accept(state: CommunePlanState, by: Actor, input: AcceptInput, at: string): void {
    state.reviews.push({ version: state.submissions.length, outcome: 'accepted', at, by, ...(input.comments ? { comments: input.comments } : {}) });
    moveTo(state, 'accepted', at);
  },
  return(state: CommunePlanState, by: Actor, input: ReturnInput, at: string): void {
    state.reviews.push({ version: state.submissions.length, outcome: 'returned', at, by, comments: input.comments });
    moveTo(state, 'returned', at);
  },
  requestExtension(state: CommunePlanState, by: Actor, input: ExtensionRequestInput, at: string): void {
    state.extensions.push({
      no: state.extensions.length + 1,
      at,
      by,
      reason: input.reason,
      requestedDate: input.requestedDate,
      previousDueDate: state.deadline.dueDate,
      decision: null,
    });
    state.updatedAt = at;
  },
  /** Records the decision; the workflow then plans the new deadline's instants (they need the calendar). */
  grantExtension(state: CommunePlanState, by: Actor, input: GrantExtensionInput, at: string): string {
    const pending = pendingExtension(state)!;
    const dueDate = input.dueDate ?? pending.requestedDate;
    pending.decision = { outcome: 'granted', at, by, dueDate, ...(input.comments ? { comments: input.comments } : {}) };
    state.updatedAt = at;
    return dueDate;
  },
  refuseExtension(state: CommunePlanState, by: Actor, input: RefuseExtensionInput, at: string): void {
    pendingExtension(state)!.decision = { outcome: 'refused', at, by, comments: input.reason };
    state.updatedAt = at;
  },
};

/** The row a commune plan reports for its state. */
export function rowOf(state: CommunePlanState, seq: number): CommuneRow {
  const last = state.submissions[state.submissions.length - 1];
  return {
    commune: state.commune.code,
    seq,
    status: state.status,
    dueDate: state.deadline.dueDate,
    dueAt: state.deadline.dueAt,
    escalateAt: state.deadline.escalateAt,
    version: state.submissions.length,
    submittedAt: last?.at ?? null,
    late: last?.late ?? false,
    daysLate: last?.daysLate ?? 0,
    extensionPending: pendingExtension(state) !== undefined,
  };
}
