/**
 * The consolidated report's actions, listed once: the workflow registers them, the API serves them
 * (`POST /api/v1/reports/:id/<path>`), the audit labels them.
 */
import { caseAction } from '../common/actions';
import { ApproveReportInputSchema, approveReportUpdate, EditNarrativeInputSchema, editNarrativeUpdate, ReturnReportInputSchema, returnDraftUpdate } from './messages';
import { checks, effects } from './rules';

export const reportActions = {
  editNarrative: caseAction({
    update: editNarrativeUpdate,
    input: EditNarrativeInputSchema,
    check: checks.editNarrative,
    effect: effects.editNarrative,
    path: 'edit-narrative',
    label: 'Sửa phần đánh giá của báo cáo tổng hợp',
    summary: 'Sửa phần đánh giá (và số văn bản); dự thảo mới được lập lại (Văn phòng)',
  }),
  approveReport: caseAction({
    update: approveReportUpdate,
    input: ApproveReportInputSchema,
    check: checks.approve,
    effect: effects.approve,
    path: 'approve',
    label: 'Phê duyệt báo cáo tổng hợp',
    summary: 'Duyệt dự thảo: báo cáo được gửi cấp trên kèm tệp (lãnh đạo)',
    authority: 'report_approval',
  }),
  returnDraft: caseAction({
    update: returnDraftUpdate,
    input: ReturnReportInputSchema,
    check: checks.returnDraft,
    effect: effects.returnDraft,
    path: 'return',
    label: 'Trả lại dự thảo báo cáo tổng hợp',
    summary: 'Trả lại dự thảo kèm ý kiến (lãnh đạo)',
    authority: 'report_approval',
  }),
};
