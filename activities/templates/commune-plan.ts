/**
 * Vietnamese texts of a commune plan's notices. Communes are directed by the plan ("Yêu cầu UBND xã ..."); a
 * unit the plan only requests is asked ("Đề nghị ... quan tâm"), so reminders and escalations follow the mode.
 */
import { formatVietnamDate, formatVietnamTime } from '../../catalog/calendar';
import type { CommunePlanEvent, CommunePlanNotice } from '../../workflows/commune-plan/notices';
import type { TemplateContext } from './budget';
import { layout, lowerFirst, namesOf, planName, type Rendered } from './layout';

const unitName = (ctx: TemplateContext, code: string): string => ctx.directory.unit(code)?.name ?? code;
const names = (ctx: TemplateContext) => namesOf(ctx.directory);
const planOf = (n: CommunePlanNotice, ctx: TemplateContext): string => `${planName(n.communePlan.planReference)} của ${names(ctx).issuerShort} về ${lowerFirst(n.communePlan.planTitle)}`;
const directed = (n: CommunePlanNotice): boolean => n.communePlan.mode === 'directed';

const headline: Record<CommunePlanEvent, (n: CommunePlanNotice, ctx: TemplateContext) => string> = {
  assigned: (n, c) =>
    directed(n)
      ? `Thực hiện ${planOf(n, c)}, ${names(c).issuerShort} yêu cầu ${n.communePlan.communeName} xây dựng kế hoạch tổ chức các hoạt động tại địa phương ` +
        `và gửi về ${names(c).issuerShort} trước ${formatVietnamTime(n.communePlan.dueAt)}.`
      : `Thực hiện ${planOf(n, c)}, ${names(c).issuerShort} trân trọng đề nghị ${n.communePlan.communeName} quan tâm xây dựng kế hoạch tổ chức các hoạt động ` +
        `và gửi về ${names(c).issuerShort} trước ${formatVietnamTime(n.communePlan.dueAt)}.`,
  submitted: (n, c) => `${n.communePlan.communeName} đã gửi kế hoạch (lần ${n.communePlan.version}), đề nghị xem xét.`,
  accepted: (n, c) => `${unitName(c, n.by?.agency ?? '')} đã chấp nhận kế hoạch của ${n.communePlan.communeName}.`,
  // The reviewing agency advises; only the People's Committee asks anything of a commune.
  returned: (n, c) =>
    `Qua xem xét của ${unitName(c, n.by?.agency ?? '')}, kế hoạch của ${n.communePlan.communeName} cần hoàn thiện. ` +
    `${names(c).issuerShort} ${directed(n) ? 'yêu cầu' : 'đề nghị'} ${n.communePlan.communeName} hoàn thiện theo ý kiến dưới đây và gửi lại trước ${formatVietnamTime(n.communePlan.dueAt)}.`,
  extension_requested: (n, c) =>
    `${n.communePlan.communeName} đề nghị gia hạn gửi kế hoạch từ ngày ${formatVietnamDate(n.communePlan.dueDate)} ` +
    `đến ngày ${formatVietnamDate(n.communePlan.requestedDate ?? n.communePlan.dueDate)}, kính trình ${lowerFirst(names(c).leadership)} xem xét, quyết định.`,
  extension_granted: (n, c) =>
    `${names(c).leadership} đồng ý gia hạn: ${n.communePlan.communeName} gửi kế hoạch trước ${formatVietnamTime(n.communePlan.dueAt)}.`,
  extension_refused: (n, c) =>
    `${names(c).leadership} không đồng ý gia hạn; thời hạn gửi kế hoạch vẫn là ${formatVietnamTime(n.communePlan.dueAt)}.`,
  reminder: (n, c) =>
    directed(n)
      ? `Nhắc việc: ${names(c).issuerShort} yêu cầu ${n.communePlan.communeName} hoàn thành và gửi kế hoạch tổ chức các hoạt động ` +
        `trước ${formatVietnamTime(n.communePlan.dueAt)} theo ${planOf(n, c)}.`
      : `${names(c).issuerShort} trân trọng đề nghị ${n.communePlan.communeName} quan tâm gửi kế hoạch tổ chức các hoạt động ` +
        `trước ${formatVietnamTime(n.communePlan.dueAt)} theo ${planOf(n, c)}.`,
  escalation: (n, c) =>
    directed(n)
      ? `Đã quá thời hạn (${formatVietnamTime(n.communePlan.dueAt)}) nhưng ${n.communePlan.communeName} chưa gửi kế hoạch. ` +
        `Yêu cầu ${n.communePlan.communeName} khẩn trương hoàn thành, gửi ngay về ${names(c).issuerShort} và báo cáo rõ lý do chậm trễ.`
      : `Đã quá thời hạn đề nghị (${formatVietnamTime(n.communePlan.dueAt)}) nhưng ${names(c).issuerShort} chưa nhận được kế hoạch của ${n.communePlan.communeName}. ` +
        `${names(c).issuerShort} trân trọng đề nghị ${n.communePlan.communeName} quan tâm, sớm gửi kế hoạch.`,
};

const subjectOf: Record<CommunePlanEvent, (n: CommunePlanNotice) => string> = {
  assigned: (n) => (directed(n) ? 'Yêu cầu xây dựng kế hoạch' : 'Đề nghị xây dựng kế hoạch'),
  submitted: () => 'Kế hoạch gửi đến, cần xem xét',
  accepted: () => 'Kế hoạch đã được chấp nhận',
  returned: () => 'Kế hoạch được trả lại để hoàn thiện',
  extension_requested: () => 'Đề nghị gia hạn gửi kế hoạch',
  extension_granted: () => 'Đồng ý gia hạn gửi kế hoạch',
  extension_refused: () => 'Không đồng ý gia hạn gửi kế hoạch',
  reminder: (n) => (directed(n) ? 'Nhắc hạn gửi kế hoạch' : 'Đề nghị gửi kế hoạch (sắp đến hạn)'),
  escalation: (n) => (directed(n) ? 'Quá hạn gửi kế hoạch' : 'Chưa nhận được kế hoạch (quá hạn)'),
};

const commentLabel: Partial<Record<CommunePlanEvent, string>> = {
  submitted: 'Trích yếu',
  accepted: 'Ý kiến',
  returned: 'Ý kiến đề nghị hoàn thiện',
  extension_requested: 'Lý do',
  extension_granted: 'Ý kiến',
  extension_refused: 'Lý do',
};

export function renderCommunePlanNotice(n: CommunePlanNotice, ctx: TemplateContext): Rendered {
  const p = n.communePlan;
  const rows: Array<[string, string]> = [
    [`Kế hoạch của ${names(ctx).level}`, `${planName(n.communePlan.planReference)}: ${p.planTitle}`],
    ['Đơn vị', p.communeName],
    ['Hạn gửi kế hoạch', formatVietnamTime(p.dueAt)],
  ];
  if (p.documentNumber && ['submitted', 'accepted', 'returned'].includes(n.event)) {
    rows.push(['Kế hoạch của đơn vị', `Số ${p.documentNumber} (lần ${p.version}), tệp ${p.documentName ?? ''}`]);
  }
  if (n.by) rows.push(['Người thực hiện', `${n.by.name} - ${unitName(ctx, n.by.agency)}`]);
  const body: Array<string | Array<[string, string]>> = [headline[n.event](n, ctx), rows];
  const label = commentLabel[n.event];
  if (n.comments && label) body.push(`${label}: ${n.comments}`);
  return layout({
    subject: `[Kế hoạch ${p.communeName}] ${subjectOf[n.event](n)}`,
    body,
    link: `${ctx.publicUrl}/commune-plans/${encodeURIComponent(p.id)}`,
  }, ctx.directory);
}
