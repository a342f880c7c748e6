/** The morning digest's text: what waits on the agency, what is overdue, and where to see it all. */
import { formatVietnamDate, formatVietnamTime } from '../../catalog/calendar';
import type { PendingItem } from '../../workflows/digest/messages';
import type { DigestNotice } from '../../workflows/digest/notices';
import { consoleUrl, layout, type Rendered, type TemplateContext, namesOf } from './layout';

const agencyName = (ctx: TemplateContext, code: string): string => ctx.directory.unit(code)?.name ?? code;

/**
 * An estimate's number as officials quote it (`budget:DT-2024-0001` → ` (mã DT-2024-0001)`); other cases are
 * named by their title and kind, since their ids are plan codes nobody reads.
 */
const caseCodeOf = (workflowId: string): string => (workflowId.startsWith('budget:') ? ` (mã ${workflowId.slice('budget:'.length)})` : '');

function row(item: PendingItem, ctx: TemplateContext): [string, string] {
  const what = `${item.kindLabel}${item.title ? ` "${item.title}"` : ''}${caseCodeOf(item.workflowId)}`;
  const facts = [
    ...(item.caseAgency && item.caseAgency !== item.awaitingAgency ? [`của ${agencyName(ctx, item.caseAgency)}`] : []),
    `chờ từ ${formatVietnamTime(item.since)}`,
    item.dueAt ? `hạn ${formatVietnamTime(item.dueAt)}${item.overdue ? ' - ĐÃ QUÁ HẠN' : ''}` : 'chưa có hạn',
    ...(item.path ? [`xem: ${consoleUrl(ctx, item.path)}`] : []),
  ];
  return [what, facts.join('; ')];
}

export function renderDigestNotice(n: DigestNotice, ctx: TemplateContext): Rendered {
  const { work } = n;
  const day = formatVietnamDate(n.date);
  const overdue = work.items.filter((i) => i.overdue);
  const onTime = work.items.filter((i) => !i.overdue);
  const body: Array<string | Array<[string, string]>> = [
    `Đến 07:30 ngày ${day}, ${agencyName(ctx, work.agency)} có ${work.total} hồ sơ đang chờ xử lý` +
      (work.overdue ? `, trong đó ${work.overdue} hồ sơ đã quá hạn.` : ', chưa có hồ sơ nào quá hạn.'),
  ];
  if (overdue.length) body.push('Hồ sơ đã quá hạn, đề nghị xử lý ngay:', overdue.map((i) => row(i, ctx)));
  if (onTime.length) body.push('Hồ sơ đang chờ xử lý:', onTime.map((i) => row(i, ctx)));
  if (work.total > work.items.length) body.push(`Và ${work.total - work.items.length} hồ sơ khác; danh sách đầy đủ ở mục "Việc của tôi".`);
  body.push(`Đơn vị có thể tắt bản tin này trong mục "Tùy chọn thông báo"; địa chỉ nhận thêm do ${namesOf(ctx.directory).office} thay đổi.`);
  const subject = `[Bản tin công việc ${day}] ${work.total} hồ sơ chờ xử lý${work.overdue ? `, ${work.overdue} quá hạn` : ''}`;
  return layout({ subject, body, link: `${ctx.publicUrl}/` }, ctx.directory);
}
