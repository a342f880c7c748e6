/**
 * Vietnamese texts of the assignment's notices. The plan directs its district agencies ("Yêu cầu ...") and
 * requests of Party bodies and mass organisations ("Đề nghị ..."); reminders keep that distinction.
 */
import { formatVietnamDate, formatVietnamTime } from '../../catalog/calendar';
import { formatDong } from '../../workflows/common/money';
import type { AssignmentEvent, AssignmentNotice } from '../../workflows/assignment/notices';
import type { TemplateContext } from './budget';
import { layout, type Rendered } from './layout';

const unitName = (ctx: TemplateContext, code: string): string => ctx.directory.unit(code)?.name ?? code;

/** "Yêu cầu" to a directed agency, "Đề nghị" to a requested body. */
const askWord = (n: AssignmentNotice): string => (n.assignment.assignment.mode === 'requested' ? 'Đề nghị' : 'Yêu cầu');

const dueText = (n: AssignmentNotice): string =>
  n.assignment.dueAt ? formatVietnamTime(n.assignment.dueAt) : `ngày ${formatVietnamDate(n.assignment.reportDueDate)}`;

const itemOf = (n: AssignmentNotice): string => `mục III.${n.assignment.assignment.number} của Kế hoạch`;

const requested = (n: AssignmentNotice): boolean => n.assignment.assignment.mode === 'requested';
/**
 * What the plan asks: a People's Committee assigns tasks to its agencies, but only requests of Party bodies
 * and mass organisations, so their notices speak of "nội dung đề nghị", never of "nhiệm vụ được giao".
 */
const whatAsked = (n: AssignmentNotice): string => `${requested(n) ? 'nội dung đề nghị' : 'nhiệm vụ được giao'} tại ${itemOf(n)}`;
const roleText: Record<'lead' | 'cooperating', string> = { lead: ' (chủ trì)', cooperating: ' (phối hợp)' };

const headline: Record<AssignmentEvent, (n: AssignmentNotice, ctx: TemplateContext) => string> = {
  submitted: (n, c) =>
    `${unitName(c, n.assignment.assignment.agency)} đã gửi báo cáo kết quả thực hiện ${whatAsked(n)}, ` +
    `đề nghị ${unitName(c, n.assignment.reviewerAgency)} xem xét.`,
  resubmitted: (n, c) =>
    `${unitName(c, n.assignment.assignment.agency)} đã gửi lại báo cáo (lần ${n.assignment.report?.version ?? ''}) sau khi bổ sung, ` +
    `đề nghị ${unitName(c, n.assignment.reviewerAgency)} xem xét.`,
  returned: (n, c) =>
    `${unitName(c, n.assignment.reviewerAgency)} trả lại báo cáo kết quả thực hiện ${whatAsked(n)}. ` +
    `${askWord(n)} ${unitName(c, n.assignment.assignment.agency)} bổ sung, hoàn thiện và gửi lại báo cáo.`,
  accepted: (n, c) =>
    `${unitName(c, n.assignment.reviewerAgency)} đã chấp nhận báo cáo kết quả thực hiện ${whatAsked(n)} ` +
    `của ${unitName(c, n.assignment.assignment.agency)}.`,
  reminder: (n, c) =>
    `${askWord(n)} ${unitName(c, n.assignment.assignment.agency)} ` +
    `${n.assignment.status === 'returned' ? 'gửi lại báo cáo đã bổ sung' : 'báo cáo kết quả thực hiện ' + whatAsked(n)} ` +
    `trước ${dueText(n)}.`,
  escalation: (n, c) =>
    `Báo cáo lãnh đạo: đã quá hạn báo cáo (${dueText(n)}) nhưng ${unitName(c, n.assignment.assignment.agency)} ` +
    `${n.assignment.status === 'returned' ? 'chưa gửi lại báo cáo đã bổ sung' : 'chưa gửi báo cáo kết quả thực hiện ' + whatAsked(n)}.`,
};

const subjectOf: Record<AssignmentEvent, string> = {
  submitted: 'Báo cáo kết quả cần xem xét',
  resubmitted: 'Báo cáo gửi lại cần xem xét',
  returned: 'Báo cáo được trả lại để bổ sung',
  accepted: 'Báo cáo đã được chấp nhận',
  reminder: 'Nhắc hạn gửi báo cáo kết quả',
  escalation: 'Quá hạn gửi báo cáo kết quả',
};

const commentLabel: Partial<Record<AssignmentEvent, string>> = {
  returned: 'Nội dung đề nghị bổ sung',
  accepted: 'Ý kiến',
};

export function renderAssignmentNotice(n: AssignmentNotice, ctx: TemplateContext): Rendered {
  const a = n.assignment;
  const rows: Array<[string, string]> = [
    [requested(n) ? 'Nội dung đề nghị' : 'Nhiệm vụ', `Mục III.${a.assignment.number}: ${a.assignment.tasks.join(' ')}`],
    ['Đơn vị thực hiện', `${unitName(ctx, a.assignment.agency)}${a.assignment.role ? roleText[a.assignment.role] : ''}`],
    ['Hạn báo cáo', dueText(n)],
  ];
  if (a.report && n.event !== 'reminder' && n.event !== 'escalation') {
    const f = a.report.figures;
    rows.push(
      ['Báo cáo', `lần ${a.report.version}${a.report.late ? ' (gửi sau hạn)' : ''}${a.report.documents ? `, ${a.report.documents} tài liệu kèm theo` : ''}`],
      ['Số hoạt động đã tổ chức', String(f.eventsHeld)],
      ['Số lượt người tham gia', String(f.peopleReached)],
      ['Số suất quà đã trao', `${f.giftsGiven} (trị giá ${formatDong(f.giftsValue)})`],
      ['Kinh phí đã chi', formatDong(f.moneySpent)],
    );
  }
  if (n.by) rows.push(['Người thực hiện', `${n.by.name} - ${unitName(ctx, n.by.agency)}`]);
  const body: Array<string | Array<[string, string]>> = [headline[n.event](n, ctx), rows];
  const label = commentLabel[n.event];
  if (n.comments && label) body.push(`${label}: ${n.comments}`);
  const shortName = ctx.directory.unit(a.assignment.agency)?.shortName ?? a.assignment.agency;
  return layout({
    subject: `[${requested(n) ? 'Mục' : 'Nhiệm vụ'} III.${a.assignment.number} - ${shortName}] ${subjectOf[n.event]}`,
    body,
    link: `${ctx.publicUrl}/assignments/${encodeURIComponent(a.campaignId)}/${a.assignment.number}-${a.assignment.agency}`,
  }, ctx.directory);
}
