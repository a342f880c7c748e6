/**
 * The states of an assignment and their Vietnamese labels: plain data with no import, so the console shows
 * the very words the emails and the audit use (console/src/labels.ts imports this file).
 */
/** States of an assignment (docs/architecture.md, "Assignments and the report to the province"). */
export const AssignmentStatuses = ['awaiting_report', 'submitted', 'returned', 'resubmitted', 'accepted'] as const;
export type AssignmentStatus = (typeof AssignmentStatuses)[number];

/** Vietnamese labels, for emails and lists. */
export const assignmentStatusLabels: Record<AssignmentStatus, string> = {
  awaiting_report: 'Chờ báo cáo',
  submitted: 'Đã gửi báo cáo, chờ xem xét',
  returned: 'Trả lại để bổ sung',
  resubmitted: 'Đã gửi lại, chờ xem xét',
  accepted: 'Đã chấp nhận',
};
