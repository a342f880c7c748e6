/**
 * The budget estimate's actions, listed once: the workflow registers them, the API serves them
 * (`POST /api/v1/budgets/:id/<path>`), the audit labels them. Adding one: an entry here, its check and effect
 * in rules.ts, its notice's template.
 */
import { caseAction } from '../common/actions';
import {
  AppraiseInputSchema,
  appraiseUpdate,
  ApproveInputSchema,
  approveUpdate,
  EstimateInputSchema,
  ReasonInputSchema,
  rejectUpdate,
  RequestRevisionInputSchema,
  requestRevisionUpdate,
  resubmitUpdate,
  returnToAppraisalUpdate,
  withdrawUpdate,
} from './messages';
import { checks, effects } from './rules';

export const budgetActions = {
  requestRevision: caseAction({
    update: requestRevisionUpdate,
    input: RequestRevisionInputSchema,
    check: checks.requestRevision,
    effect: effects.requestRevision,
    path: 'request-revision',
    label: 'Yêu cầu chỉnh sửa dự toán',
    summary: 'Yêu cầu chỉnh sửa (Phòng TC-KH)',
  }),
  resubmit: caseAction({
    update: resubmitUpdate,
    input: EstimateInputSchema,
    check: checks.resubmit,
    effect: effects.resubmit,
    path: 'resubmit',
    label: 'Gửi lại (phiên bản mới)',
    summary: 'Gửi lại phiên bản mới (đơn vị lập)',
  }),
  appraise: caseAction({
    update: appraiseUpdate,
    input: AppraiseInputSchema,
    check: checks.appraise,
    effect: effects.appraise,
    path: 'appraise',
    label: 'Thẩm định',
    summary: 'Thẩm định: số đề nghị từng dòng và ý kiến (Phòng TC-KH)',
  }),
  approve: caseAction({
    update: approveUpdate,
    input: ApproveInputSchema,
    check: checks.approve,
    effect: effects.approve,
    path: 'approve',
    label: 'Phê duyệt',
    summary: 'Phê duyệt: số tiền, số và ngày quyết định (lãnh đạo)',
    authority: 'budget_decision',
  }),
  returnToAppraisal: caseAction({
    update: returnToAppraisalUpdate,
    input: ReasonInputSchema,
    check: checks.returnToAppraisal,
    effect: effects.returnToAppraisal,
    path: 'return-to-appraisal',
    label: 'Trả lại để thẩm định lại',
    summary: 'Trả lại để thẩm định lại (lãnh đạo)',
    authority: 'budget_decision',
  }),
  reject: caseAction({
    update: rejectUpdate,
    input: ReasonInputSchema,
    check: checks.reject,
    effect: effects.reject,
    path: 'reject',
    label: 'Không phê duyệt',
    summary: 'Không phê duyệt (lãnh đạo)',
    authority: 'budget_decision',
  }),
  withdraw: caseAction({
    update: withdrawUpdate,
    input: ReasonInputSchema,
    check: checks.withdraw,
    effect: effects.withdraw,
    path: 'withdraw',
    label: 'Rút hồ sơ',
    summary: 'Rút dự toán (đơn vị lập)',
  }),
};
