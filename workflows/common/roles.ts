/**
 * The roles a person acts in (docs/architecture.md, "Who takes part") and what officials call them: plain data with no import, so
 * the console shows the audit's very words (console/src/labels.ts imports this file).
 */
export const Roles = ['staff', 'appraiser', 'leader', 'commune_officer', 'reviewer', 'auditor', 'administrator'] as const;
export type Role = (typeof Roles)[number];

export const roleLabels: Record<Role, string> = {
  staff: 'Chuyên viên',
  appraiser: 'Chuyên viên thẩm định',
  leader: 'Lãnh đạo',
  commune_officer: 'Công chức xã, thị trấn',
  reviewer: 'Chuyên viên xem xét báo cáo',
  auditor: 'Thanh tra viên',
  // A role, not an office: the office's own name is the tenant's (the header shows both, role then unit).
  administrator: 'Cán bộ văn phòng (quản trị)',
};
