/**
 * Vietnamese texts of the consolidated report: the draft for the leadership, the return to the office, the
 * send recorded; and the letter to the province that carries the document.
 */
import { formatDong } from '../../workflows/common/money';
import type { ReportEvent, ReportNotice } from '../../workflows/report/notices';
import { REPORT_SYMBOL, type ReportState } from '../../workflows/report/messages';
import type { TemplateContext } from './budget';
import { layout, lowerFirst, namesOf, planName, type Rendered } from './layout';

/** 10.427: counts grouped the Vietnamese way. */
const grouped = (n: number): string => Math.trunc(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');

const headline: Record<ReportEvent, (n: ReportNotice, ctx: TemplateContext) => string> = {
  draft_ready: (n, c) =>
    `${namesOf(c.directory).office} đã lập dự thảo báo cáo kết quả thực hiện ${planName(n.report.planReference)} (dự thảo lần ${n.report.draft}), ` +
    `kính trình ${lowerFirst(namesOf(c.directory).leadership)} xem xét, duyệt.`,
  returned: (n, c) =>
    `${namesOf(c.directory).leadership} trả lại dự thảo báo cáo kết quả thực hiện ${planName(n.report.planReference)} (dự thảo lần ${n.report.draft}); ` +
    `đề nghị ${namesOf(c.directory).office} chỉnh sửa và lập lại dự thảo.`,
  sent: (n, c) => `Báo cáo kết quả thực hiện ${planName(n.report.planReference)} đã được duyệt và gửi ${c.directory.unit(c.directory.parties.above)?.name ?? 'cấp trên'}.`,
};

/** The level above, as the tenant names it: "UBND tỉnh" / "UBND tỉnh Lạng Sơn" for a district or a commune of Lạng Sơn. */
function aboveOf(ctx: TemplateContext): { name: string; shortName: string } {
  const unit = ctx.directory.unit(ctx.directory.parties.above);
  return { name: unit?.name ?? 'cấp trên', shortName: unit?.shortName ?? unit?.name ?? 'cấp trên' };
}

const subjectOf: Record<ReportEvent, (above: string) => string> = {
  draft_ready: (above) => `Dự thảo báo cáo gửi ${above} chờ duyệt`,
  returned: () => 'Dự thảo báo cáo được trả lại để chỉnh sửa',
  sent: (above) => `Báo cáo đã gửi ${above}`,
};

export function renderReportNotice(n: ReportNotice, ctx: TemplateContext): Rendered {
  const r = n.report;
  const rows: Array<[string, string]> = [
    ['Kế hoạch', `${planName(r.planReference)}: ${r.planTitle}`],
    ['Căn cứ tổng hợp', r.compiledBecause === 'deadline_passed' ? 'Đã hết hạn báo cáo' : 'Tất cả báo cáo đã được chấp nhận'],
    ['Nhiệm vụ chưa có báo cáo được chấp nhận', String(r.missingAgencies)],
      ];
  // Said only when some are missing: a plan addressed to no commune (a commune's own) has none to count.
  if (r.missingCommunes > 0) rows.push(['Xã, thị trấn chưa có kế hoạch', String(r.missingCommunes)]);
  if (r.sentTo?.length) rows.push(['Nơi nhận', r.sentTo.join(', ')]);
  if (n.by) rows.push(['Người thực hiện', `${n.by.name} - ${ctx.directory.unit(n.by.agency)?.name ?? n.by.agency}`]);
  const body: Array<string | Array<[string, string]>> = [headline[n.event](n, ctx), rows];
  if (n.comments && n.event === 'returned') body.push(`Ý kiến của lãnh đạo: ${n.comments}`);
  return layout({
    subject: `[Báo cáo ${aboveOf(ctx).shortName}] ${subjectOf[n.event](aboveOf(ctx).shortName)}`,
    body,
    link: `${ctx.publicUrl}/reports/${encodeURIComponent(r.id)}`,
  }, ctx.directory);
}

/** The letter to the province; the report itself is the attachment. */
export function renderReportToProvince(state: ReportState, ctx: TemplateContext, filename: string): Rendered {
  const plan = state.plan;
  const report = state.report!;
  const number = state.number ? `số ${state.number}/${REPORT_SYMBOL}` : `/${REPORT_SYMBOL}`;
  const above = aboveOf(ctx);
  return layout({
    subject: `${plan.issuer.shortName} báo cáo kết quả thực hiện ${planName(plan.reference)}`,
    body: [
      `${plan.issuer.shortName} kính gửi ${above.name} Báo cáo ${number} về kết quả thực hiện ${planName(plan.reference)} ` +
        `về ${plan.title.charAt(0).toLowerCase()}${plan.title.slice(1)} (tệp đính kèm: ${filename}).`,
      [
        ['Số hoạt động đã tổ chức', grouped(report.totals.eventsHeld)],
        ['Lượt người tham gia', grouped(report.totals.peopleReached)],
        ['Suất quà đã trao', `${grouped(report.totals.giftsGiven)} (trị giá ${formatDong(report.totals.giftsValue)})`],
        ['Kinh phí được phê duyệt', formatDong(report.budgets.totals.approved)],
        ['Kinh phí đã chi', formatDong(report.budgets.totals.spent)],
      ],
      `Kính đề nghị ${above.shortName} xem xét.`,
    ],
  }, ctx.directory);
}
