/**
 * The states of the consolidated report and their Vietnamese labels: plain data with no import, so the console shows
 * the very words the emails and the audit use (console/src/labels.ts imports this file).
 */
/** States of the consolidated report. */
export const ReportStatuses = ['collecting', 'drafting', 'awaiting_approval', 'returned', 'approved', 'sent'] as const;
export type ReportStatus = (typeof ReportStatuses)[number];

export const reportStatusLabels: Record<ReportStatus, string> = {
  collecting: 'Đang chờ các đơn vị báo cáo',
  drafting: 'Đang lập dự thảo',
  awaiting_approval: 'Chờ lãnh đạo duyệt',
  returned: 'Lãnh đạo trả lại, Văn phòng chỉnh sửa',
  approved: 'Đã duyệt, đang gửi UBND tỉnh',
  sent: 'Đã gửi UBND tỉnh',
};
