/**
 * The states of a commune's plan and their Vietnamese labels: plain data with no import, so the console shows
 * the very words the emails and the audit use (console/src/labels.ts imports this file).
 */
/** States of a commune plan (docs/architecture.md, "Campaign and commune plans"). */
export const CommunePlanStatuses = ['awaiting_submission', 'submitted', 'returned', 'accepted'] as const;
export type CommunePlanStatus = (typeof CommunePlanStatuses)[number];

export const communePlanStatusLabels: Record<CommunePlanStatus, string> = {
  awaiting_submission: 'Chờ xã gửi kế hoạch',
  submitted: 'Đã gửi, chờ xem xét',
  returned: 'Trả lại để hoàn thiện',
  accepted: 'Đã chấp nhận',
};
