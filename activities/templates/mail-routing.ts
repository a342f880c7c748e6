/** The notice every member of an agency receives when the office changes where the agency's mail goes. */
import { formatVietnamTime } from '../../catalog/calendar';
import type { MailRoutingNotice } from '../../workflows/notifications/notices';
import { layout, type Rendered, type TemplateContext, namesOf } from './layout';

const list = (emails: string[]): string => (emails.length ? emails.join(', ') : '(không có)');

export function renderMailRoutingNotice(n: MailRoutingNotice, ctx: TemplateContext): Rendered {
  const agency = ctx.directory.unit(n.agency)?.name ?? n.agency;
  const by = ctx.directory.user(n.by.userId);
  const body: Array<string | Array<[string, string]>> = [
    `Văn phòng đã thay đổi các địa chỉ nhận thêm mọi thư của hệ thống gửi tới ${agency}.`,
    [
      ['Thêm', list(n.added)],
      ['Bỏ', list(n.removed)],
      ['Các địa chỉ nhận thêm hiện nay', list(n.extraEmails)],
      ['Người thay đổi', `${n.by.name}${by?.title ? `, ${by.title}` : ''}`],
      ['Thời điểm', formatVietnamTime(n.at)],
      ...(n.outsideDomainsApproved ? ([['Ghi chú', 'Văn phòng cho phép địa chỉ ngoài các tên miền thư công vụ']] as Array<[string, string]>) : []),
      ...(n.note ? ([['Lý do', n.note]] as Array<[string, string]>) : []),
    ],
    `Nếu thay đổi này không đúng, đề nghị báo ngay cho ${namesOf(ctx.directory).office}.`,
  ];
  return layout({ subject: `[Thông báo] Thay đổi địa chỉ nhận thư của ${agency}`, body, link: `${ctx.publicUrl}/` }, ctx.directory);
}
