/**
 * The rules of a budget estimate (docs/architecture.md, "Budget estimate") as pure functions: each action has a check (throws a refusal, used by the
 * Update validator so a refused action leaves no trace) and an effect on the state (used by the handler).
 */
import type { Actor } from '../common/actor';
import { plainChecks, requireDecisionAuthority, requireRoom, statusGuard } from '../common/checks';
import { parseOrRefuse, refuse, RefusalType } from '../common/refusal';
import { formatDong } from '../common/money';
import {
  AppraiseInputSchema,
  ApproveInputSchema,
  budgetStatusLabels,
  EstimateInputSchema,
  OPEN_STATUSES,
  ReasonInputSchema,
  RequestRevisionInputSchema,
  type AppraiseInput,
  type ApproveInput,
  type Awaiting,
  type BudgetState,
  type BudgetStatus,
  type EstimateInput,
  type EstimateVersion,
  type ReasonInput,
  type RequestRevisionInput,
  type StartBudgetInput,
} from './messages';
import { partiesOf, type Parties } from '../common/agencies';

type Routing = Pick<BudgetState, 'agency' | 'appraisedBy' | 'parties'>;

/** Who appraises an estimate: the appraising agency's appraisers, or the leadership for that agency's own. */
export const appraiserOf = (state: Pick<BudgetState, 'appraisedBy' | 'parties'>): Awaiting =>
  state.appraisedBy === 'leadership' ? { agency: state.parties.leadership, role: 'leader' } : { agency: state.parties.appraiser, role: 'appraiser' };

/** The appraising agency's own estimate: it may not appraise it, so the leadership does. */
export const isAppraisersOwn = (state: Pick<BudgetState, 'agency' | 'parties'>): boolean => state.agency === state.parties.appraiser;

/** Who must act in each open state. */
export function awaitingFor(status: BudgetStatus, state: Routing): Awaiting | null {
  switch (status) {
    case 'in_appraisal':
      return appraiserOf(state);
    case 'revision_requested':
      return { agency: state.agency, role: 'staff' };
    case 'awaiting_decision':
      return { agency: state.parties.leadership, role: 'leader' };
    default:
      return null;
  }
}

export function toVersion(version: number, estimate: EstimateInput, by: Actor, at: string): EstimateVersion {
  const lines = estimate.lines.map((l, i) => ({ ...l, lineNo: i + 1, amount: l.quantity * l.unitPrice }));
  return {
    version,
    submittedAt: at,
    submittedBy: by,
    title: estimate.title,
    ...(estimate.planId !== undefined ? { planId: estimate.planId } : {}),
    ...(estimate.note !== undefined ? { note: estimate.note } : {}),
    lines,
    total: lines.reduce((sum, l) => sum + l.amount, 0),
  };
}

/** The state right after submission. */
export function submitted(input: StartBudgetInput, at: string): BudgetState {
  const parties: Parties = partiesOf(input);
  return {
    id: input.id,
    agency: input.submittedBy.agency,
    status: 'in_appraisal',
    awaiting: awaitingFor('in_appraisal', { agency: input.submittedBy.agency, parties }),
    dueAt: null,
    overdue: false,
    versions: [toVersion(1, input.estimate, input.submittedBy, at)],
    revisionRequests: [],
    appraisals: [],
    returns: [],
    decision: null,
    withdrawal: null,
    submittedAt: at,
    updatedAt: at,
    policy: input.policy,
    parties,
  };
}

export function currentVersion(state: BudgetState): EstimateVersion {
  return state.versions[state.versions.length - 1]!;
}

/** The appraisal of the current version, if it has one. */
export function currentAppraisal(state: BudgetState) {
  const v = currentVersion(state).version;
  const last = state.appraisals[state.appraisals.length - 1];
  return last && last.version === v ? last : undefined;
}

const requireStatus = statusGuard<BudgetStatus>('dự toán', budgetStatusLabels);
const plain = plainChecks<BudgetState>(requireStatus);
const resubmission = plain({ by: requireSubmitter, doing: 'nộp lại dự toán', in: ['revision_requested'], when: 'nộp lại', input: EstimateInputSchema });

function requireRole(actor: Actor, role: Actor['role'], agency: string | null, action: string): void {
  if (actor.role !== role || (agency !== null && actor.agency !== agency)) {
    refuse(RefusalType.Forbidden, `Người dùng ${actor.userId} (${actor.role}, ${actor.agency}) không có quyền ${action}`);
  }
}

function requireSubmitter(state: BudgetState, actor: Actor, action: string): void {
  if (actor.role !== 'staff' || actor.agency !== state.agency) {
    refuse(RefusalType.Forbidden, `Chỉ cán bộ của đơn vị lập dự toán (${state.agency}) mới được ${action}`);
  }
}

/** Nobody appraises their own agency's estimate: the Finance Office's own goes to the leadership. */
function requireIndependentAppraiser(state: BudgetState, actor: Actor, action: string): void {
  if (state.appraisedBy === 'leadership') {
    if (actor.agency === state.agency) refuse(RefusalType.Forbidden, 'Không được thẩm định dự toán của chính đơn vị mình; dự toán này do lãnh đạo UBND thẩm định');
    requireRole(actor, 'leader', state.parties.leadership, action);
    return;
  }
  requireRole(actor, 'appraiser', state.parties.appraiser, action);
  if (actor.agency === state.agency) refuse(RefusalType.Forbidden, 'Không được thẩm định dự toán của chính đơn vị mình');
}

/** The person who appraised does not decide. */
function requireDecider(state: BudgetState, actor: Actor, action: string): void {
  requireDecisionAuthority(actor, state.parties.leadership, `Người dùng ${actor.userId} (${actor.role}, ${actor.agency}) không có quyền ${action}`);
  if (currentAppraisal(state)?.by.userId === actor.userId) {
    refuse(RefusalType.Forbidden, 'Người đã thẩm định không được quyết định dự toán này');
  }
}

export const checks = {
  requestRevision: plain({ by: requireIndependentAppraiser, doing: 'yêu cầu chỉnh sửa', in: ['in_appraisal'], when: 'yêu cầu chỉnh sửa', input: RequestRevisionInputSchema }),
  resubmit(state: BudgetState, actor: Actor, input: unknown): EstimateInput {
    const estimate = resubmission(state, actor, input);
    requireRoom(state, estimate, 'hãy rút dự toán này và lập dự toán mới');
    return estimate;
  },
  appraise(state: BudgetState, actor: Actor, input: unknown): AppraiseInput {
    requireIndependentAppraiser(state, actor, 'thẩm định');
    requireStatus(state, ['in_appraisal'], 'thẩm định');
    const parsed = parseOrRefuse(AppraiseInputSchema, input);
    const version = currentVersion(state);
    const problems: Array<{ field: string; message: string }> = [];
    const seen = new Set<number>();
    parsed.lines.forEach((l, i) => {
      const line = version.lines.find((x) => x.lineNo === l.lineNo);
      if (!line) problems.push({ field: `lines.${i}.lineNo`, message: `không có dòng ${l.lineNo} trong phiên bản ${version.version}` });
      else if (l.recommendedAmount > line.amount) {
        problems.push({
          field: `lines.${i}.recommendedAmount`,
          message: `số đề nghị ${formatDong(l.recommendedAmount)} vượt số dự toán ${formatDong(line.amount)}`,
        });
      }
      if (seen.has(l.lineNo)) problems.push({ field: `lines.${i}.lineNo`, message: `dòng ${l.lineNo} bị lặp` });
      seen.add(l.lineNo);
    });
    version.lines.forEach((l) => {
      if (!seen.has(l.lineNo)) problems.push({ field: 'lines', message: `thiếu số đề nghị cho dòng ${l.lineNo}` });
    });
    if (problems.length) refuse(RefusalType.InvalidInput, 'Số liệu thẩm định không hợp lệ', problems);
    return parsed;
  },
  approve(state: BudgetState, actor: Actor, input: unknown): ApproveInput {
    requireDecider(state, actor, 'phê duyệt');
    requireStatus(state, ['awaiting_decision'], 'phê duyệt');
    const parsed = parseOrRefuse(ApproveInputSchema, input);
    const appraised = currentAppraisal(state)!.total;
    if (parsed.amount > appraised) {
      refuse(RefusalType.InvalidInput, 'Số phê duyệt vượt số thẩm định', [
        { field: 'amount', message: `số phê duyệt ${formatDong(parsed.amount)} vượt số thẩm định ${formatDong(appraised)}` },
      ]);
    }
    return parsed;
  },
  returnToAppraisal: plain({ by: requireDecider, doing: 'trả lại thẩm định', in: ['awaiting_decision'], when: 'trả lại thẩm định', input: ReasonInputSchema }),
  reject: plain({ by: requireDecider, doing: 'không phê duyệt', in: ['awaiting_decision'], when: 'không phê duyệt', input: ReasonInputSchema }),
  withdraw: plain({ by: requireSubmitter, doing: 'rút dự toán', in: OPEN_STATUSES, when: 'rút dự toán', input: ReasonInputSchema }),
};

function moveTo(state: BudgetState, status: BudgetStatus, at: string): void {
  state.status = status;
  state.awaiting = awaitingFor(status, state);
  state.overdue = false;
  state.dueAt = null;
  state.updatedAt = at;
}

export const effects = {
  requestRevision(state: BudgetState, by: Actor, input: RequestRevisionInput, at: string): void {
    state.revisionRequests.push({ version: currentVersion(state).version, at, by, comments: input.comments });
    moveTo(state, 'revision_requested', at);
  },
  resubmit(state: BudgetState, by: Actor, input: EstimateInput, at: string): void {
    state.versions.push(toVersion(state.versions.length + 1, input, by, at));
    moveTo(state, 'in_appraisal', at);
  },
  appraise(state: BudgetState, by: Actor, input: AppraiseInput, at: string): void {
    const version = currentVersion(state);
    const lines = version.lines.map((line) => {
      const r = input.lines.find((x) => x.lineNo === line.lineNo)!;
      return {
        lineNo: line.lineNo,
        requestedAmount: line.amount,
        recommendedAmount: r.recommendedAmount,
        ...(r.comment !== undefined ? { comment: r.comment } : {}),
      };
    });
    const total = lines.reduce((sum, l) => sum + l.recommendedAmount, 0);
    state.appraisals.push({ version: version.version, at, by, lines, total, opinion: input.opinion });
    moveTo(state, 'awaiting_decision', at);
  },
  approve(state: BudgetState, by: Actor, input: ApproveInput, at: string): void {
    state.decision = { outcome: 'approved', at, by, amount: input.amount, decisionNumber: input.decisionNumber, decisionDate: input.decisionDate };
    moveTo(state, 'approved', at);
  },
  returnToAppraisal(state: BudgetState, by: Actor, input: ReasonInput, at: string): void {
    state.returns.push({ at, by, reason: input.reason });
    // The returned appraisal stays in the record; reaching a decision again takes a fresh appraisal.
    moveTo(state, 'in_appraisal', at);
  },
  reject(state: BudgetState, by: Actor, input: ReasonInput, at: string): void {
    state.decision = { outcome: 'rejected', at, by, reason: input.reason };
    moveTo(state, 'rejected', at);
  },
  withdraw(state: BudgetState, by: Actor, input: ReasonInput, at: string): void {
    state.withdrawal = { at, by, reason: input.reason };
    moveTo(state, 'withdrawn', at);
  },
};
