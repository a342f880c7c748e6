/**
 * The states of a budget estimate and their Vietnamese labels: plain data with no import, so the console shows
 * the very words the emails and the audit use (console/src/labels.ts imports this file).
 */
/** States of an estimate (docs/architecture.md, "Budget estimate"). */
export const BudgetStatuses = ['in_appraisal', 'revision_requested', 'awaiting_decision', 'approved', 'rejected', 'withdrawn'] as const;
export type BudgetStatus = (typeof BudgetStatuses)[number];

/** Vietnamese labels, for emails and the audit. */
export const budgetStatusLabels: Record<BudgetStatus, string> = {
  in_appraisal: 'Đang thẩm định',
  revision_requested: 'Yêu cầu chỉnh sửa',
  awaiting_decision: 'Chờ lãnh đạo quyết định',
  approved: 'Đã phê duyệt',
  rejected: 'Không phê duyệt',
  withdrawn: 'Đã rút',
};
