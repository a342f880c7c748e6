/** Vietnamese text of the campaign's digest to the leadership and the office: which communes are overdue. */
import { formatVietnamDate, formatVietnamTime } from '../../catalog/calendar';
import type { CampaignNotice } from '../../workflows/campaign/notices';
import type { TemplateContext } from './budget';
import { layout, type Rendered } from './layout';

/** More than this many communes are summed up rather than listed (province scale). */
const MAX_LISTED = 50;

export function renderCampaignNotice(n: CampaignNotice, ctx: TemplateContext): Rendered {
  const c = n.campaign;
  const plan = c.planReference.startsWith('/') ? `Kế hoạch ${c.planReference}` : `Kế hoạch số ${c.planReference}`;
  const listed = n.escalated.slice(0, MAX_LISTED).map(
    (e): [string, string] => [e.name, `hạn ${formatVietnamDate(e.dueDate)}${e.daysLate ? `, chậm ${e.daysLate} ngày làm việc` : ''}`],
  );
  const body: Array<string | Array<[string, string]>> = [
    `Báo cáo lãnh đạo: ${n.escalated.length} đơn vị đã quá hạn gửi kế hoạch theo ${plan} (${c.planTitle}) mà chưa gửi.`,
    listed,
  ];
  if (n.escalated.length > MAX_LISTED) body.push(`... và ${n.escalated.length - MAX_LISTED} đơn vị khác (xem bảng theo dõi).`);
  body.push([
    ['Tổng số đơn vị', String(n.totals.communes)],
    ['Đã chấp nhận', String(n.totals.accepted)],
    ['Đã gửi, chờ xem xét', String(n.totals.submitted)],
    ['Trả lại để hoàn thiện', String(n.totals.returned)],
    ['Chưa gửi', String(n.totals.awaiting_submission)],
    ['Đang quá hạn', String(n.overdueCount)],
    ['Số liệu tính đến', formatVietnamTime(c.asOf)],
  ]);
  return layout({
    subject: `[Kế hoạch các xã] ${n.escalated.length} đơn vị quá hạn gửi kế hoạch`,
    body,
    link: `${ctx.publicUrl}/campaigns/${encodeURIComponent(c.id)}`,
  }, ctx.directory);
}
