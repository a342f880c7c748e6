/**
 * An assignment's actions, listed once: the workflow registers them, the API serves them
 * (`POST /api/v1/assignments/:campaignId/:assignment/<path>`), the audit labels them.
 */
import { caseAction } from '../common/actions';
import { AcceptInputSchema, acceptReportUpdate, ReportInputSchema, ReturnInputSchema, returnReportUpdate, submitReportUpdate } from './messages';
import { checks, effects } from './rules';

export const assignmentActions = {
  submitReport: caseAction({
    update: submitReportUpdate,
    input: ReportInputSchema,
    check: checks.submitReport,
    effect: effects.submitReport,
    path: 'submit-report',
    label: 'Gửi báo cáo kết quả',
    summary: 'Gửi (hoặc gửi lại) báo cáo kết quả: nội dung, số liệu, tài liệu (cán bộ đơn vị được giao)',
  }),
  acceptReport: caseAction({
    update: acceptReportUpdate,
    input: AcceptInputSchema,
    check: checks.acceptReport,
    effect: effects.acceptReport,
    path: 'accept',
    label: 'Chấp nhận báo cáo',
    summary: 'Chấp nhận báo cáo (người xem xét)',
  }),
  returnReport: caseAction({
    update: returnReportUpdate,
    input: ReturnInputSchema,
    check: checks.returnReport,
    effect: effects.returnReport,
    path: 'return',
    label: 'Trả lại báo cáo để bổ sung',
    summary: 'Trả lại báo cáo kèm ý kiến để bổ sung (người xem xét)',
  }),
};
