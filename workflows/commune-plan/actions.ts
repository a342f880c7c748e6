/**
 * A commune plan's actions, listed once: the API serves them (`POST /api/v1/commune-plans/:id/<path>`) and the
 * audit labels them; the workflow registers each in turn (some wait on activities: deadlines, lateness).
 */
import { caseAction } from '../common/actions';
import {
  AcceptInputSchema,
  acceptPlanUpdate,
  ExtensionRequestInputSchema,
  GrantExtensionInputSchema,
  grantExtensionUpdate,
  RefuseExtensionInputSchema,
  refuseExtensionUpdate,
  requestExtensionUpdate,
  ReturnInputSchema,
  returnPlanUpdate,
  SubmissionInputSchema,
  submitPlanUpdate,
} from './messages';
import { checks, effects } from './rules';

export const communePlanActions = {
  submitPlan: caseAction({
    update: submitPlanUpdate,
    input: SubmissionInputSchema,
    check: checks.submit,
    effect: effects.submit,
    path: 'submit',
    label: 'Gửi kế hoạch',
    summary: 'Gửi (hoặc gửi lại) kế hoạch của xã: số, ngày, người ký, trích yếu, tệp (công chức xã)',
  }),
  acceptPlan: caseAction({
    update: acceptPlanUpdate,
    input: AcceptInputSchema,
    check: checks.accept,
    effect: effects.accept,
    path: 'accept',
    label: 'Chấp nhận kế hoạch',
    summary: 'Chấp nhận kế hoạch của xã (người xem xét)',
  }),
  returnPlan: caseAction({
    update: returnPlanUpdate,
    input: ReturnInputSchema,
    check: checks.return,
    effect: effects.return,
    path: 'return',
    label: 'Trả lại kế hoạch để bổ sung',
    summary: 'Trả lại kế hoạch kèm ý kiến để hoàn thiện (người xem xét)',
  }),
  requestExtension: caseAction({
    update: requestExtensionUpdate,
    input: ExtensionRequestInputSchema,
    check: checks.requestExtension,
    effect: effects.requestExtension,
    path: 'request-extension',
    label: 'Xin gia hạn',
    summary: 'Đề nghị gia hạn: lý do và ngày đề nghị (công chức xã)',
  }),
  grantExtension: caseAction({
    update: grantExtensionUpdate,
    input: GrantExtensionInputSchema,
    check: checks.grantExtension,
    effect: effects.grantExtension,
    path: 'grant-extension',
    label: 'Đồng ý gia hạn',
    summary: 'Đồng ý gia hạn: hạn mới, mặc định ngày xã đề nghị (lãnh đạo)',
    authority: 'extension_decision',
  }),
  refuseExtension: caseAction({
    update: refuseExtensionUpdate,
    input: RefuseExtensionInputSchema,
    check: checks.refuseExtension,
    effect: effects.refuseExtension,
    path: 'refuse-extension',
    label: 'Không đồng ý gia hạn',
    summary: 'Không đồng ý gia hạn, nêu lý do (lãnh đạo)',
    authority: 'extension_decision',
  }),
};
