/**
 * The states of the consolidated report and their Vietnamese labels: plain data with no import, so the console shows
 * the very words the emails and the audit use (console/src/labels.ts imports this file).
 */
/** States of the consolidated report. */
export const ReportStatuses = ['collecting', 'drafting', 'awaiting_approval', 'returned', 'approved', 'sent'] as const;
export type ReportStatus = (typeof ReportStatuses)[number];

/** The labels, with the level above named as the tenant names it ("UBND tỉnh"; "cấp trên" where it is not known). */
export function reportStatusLabelsFor(above: string): Record<ReportStatus, string> {
  return {
    collecting: 'Đang chờ các đơn vị báo cáo',
    drafting: 'Đang lập dự thảo',
    awaiting_approval: 'Chờ lãnh đạo duyệt',
    returned: 'Lãnh đạo trả lại, Văn phòng chỉnh sửa',
    approved: `Đã duyệt, đang gửi ${above}`,
    sent: `Đã gửi ${above}`,
  };
}

/** Where no tenant is at hand (a workflow's refusal, a document's properties): the level above in general words. */
export const reportStatusLabels = reportStatusLabelsFor('cấp trên');
