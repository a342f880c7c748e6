/** Vietnamese texts of the budget estimate's notices, one per event. */
import { formatVietnamDate, formatVietnamTime } from '../../catalog/calendar';
import { formatDong } from '../../workflows/common/money';
import type { BudgetEvent, BudgetNotice } from '../../workflows/budget/notices';
import { layout, lowerFirst, namesOf, type Rendered, type TemplateContext } from './layout';

export type { TemplateContext } from './layout';

const agencyName = (ctx: TemplateContext, code: string): string => ctx.directory.unit(code)?.name ?? code;

/** Who appraises: the Finance Office, or the leadership for the office's own estimate (it may not appraise it). */
const appraiser = (n: BudgetNotice, c: TemplateContext): string =>
  n.budget.appraisedBy === 'leadership' ? lowerFirst(namesOf(c.directory).leadership) : agencyName(c, c.directory.parties.appraiser);
const capitalised = (s: string): string => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

const headline: Record<BudgetEvent, (n: BudgetNotice, ctx: TemplateContext) => string> = {
  submitted: (n, c) => `${agencyName(c, n.budget.agency)} đã gửi dự toán kinh phí đề nghị ${appraiser(n, c)} thẩm định.`,
  resubmitted: (n, c) => `${agencyName(c, n.budget.agency)} đã gửi lại dự toán (phiên bản ${n.budget.version}) sau khi chỉnh sửa, đề nghị thẩm định.`,
  revision_requested: (n, c) => `${capitalised(appraiser(n, c))} đề nghị đơn vị chỉnh sửa, bổ sung dự toán và gửi lại.`,
  appraised: (n, c) => `${capitalised(appraiser(n, c))} đã thẩm định dự toán, đề xuất ${namesOf(c.directory).issuerShort} xem xét, quyết định.`,
  returned_to_appraisal: (n, c) => `${namesOf(c.directory).leadership} trả lại dự toán, đề nghị ${appraiser(n, c)} thẩm định lại.`,
  approved: (_n, c) => `${namesOf(c.directory).leadership} đã phê duyệt dự toán.`,
  rejected: (_n, c) => `${namesOf(c.directory).leadership} không phê duyệt dự toán.`,
  withdrawn: (n, c) => `${agencyName(c, n.budget.agency)} đã rút dự toán; hồ sơ kết thúc, không cần xử lý thêm.`,
  reminder: () => 'Nhắc việc: hồ sơ dự toán dưới đây sắp đến hạn xử lý.',
  escalation: () => 'Báo cáo lãnh đạo: hồ sơ dự toán dưới đây đã quá hạn xử lý mà chưa được giải quyết.',
};

const subjectOf: Record<BudgetEvent, string> = {
  submitted: 'Dự toán mới cần thẩm định',
  resubmitted: 'Dự toán gửi lại cần thẩm định',
  revision_requested: 'Đề nghị chỉnh sửa dự toán',
  appraised: 'Dự toán chờ lãnh đạo quyết định',
  returned_to_appraisal: 'Dự toán trả lại để thẩm định lại',
  approved: 'Dự toán đã được phê duyệt',
  rejected: 'Dự toán không được phê duyệt',
  withdrawn: 'Dự toán đã được rút',
  reminder: 'Nhắc hạn xử lý dự toán',
  escalation: 'Quá hạn xử lý dự toán',
};

const commentLabel: Partial<Record<BudgetEvent, string>> = {
  revision_requested: 'Nội dung đề nghị chỉnh sửa',
  appraised: 'Ý kiến thẩm định',
  returned_to_appraisal: 'Lý do trả lại',
  rejected: 'Lý do',
  withdrawn: 'Lý do rút',
  submitted: 'Ghi chú của đơn vị',
  resubmitted: 'Ghi chú của đơn vị',
};

export function renderBudgetNotice(n: BudgetNotice, ctx: TemplateContext): Rendered {
  const b = n.budget;
  const rows: Array<[string, string]> = [
    ['Dự toán', `${b.title} (mã ${b.id}, phiên bản ${b.version})`],
    ['Đơn vị lập', agencyName(ctx, b.agency)],
    ['Tổng dự toán', formatDong(b.total)],
  ];
  if (b.appraisedTotal !== undefined) rows.push(['Số thẩm định', formatDong(b.appraisedTotal)]);
  if (b.approvedAmount !== undefined) rows.push(['Số phê duyệt', formatDong(b.approvedAmount)]);
  if (b.decisionNumber) rows.push(['Quyết định', `${b.decisionNumber}${b.decisionDate ? ` ngày ${formatVietnamDate(b.decisionDate)}` : ''}`]);
  if (b.dueAt && !['approved', 'rejected', 'withdrawn'].includes(n.event)) rows.push(['Hạn xử lý', formatVietnamTime(b.dueAt)]);
  if (n.by) rows.push(['Người thực hiện', `${n.by.name} - ${agencyName(ctx, n.by.agency)}`]);
  const body: Array<string | Array<[string, string]>> = [headline[n.event](n, ctx), rows];
  const label = commentLabel[n.event];
  if (n.comments && label) body.push(`${label}: ${n.comments}`);
  return layout({ subject: `[Dự toán ${b.id}] ${subjectOf[n.event]}`, body, link: `${ctx.publicUrl}/budgets/${encodeURIComponent(b.id)}` }, ctx.directory);
}
