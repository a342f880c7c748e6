/**
 * Vietnamese labels for the audit, keyed by the names the workflows use (workflow types, Update and signal
 * names, states, notice events, roles, input fields). A name missing here shows as it is, so a new workflow
 * type appears in the audit at once and only reads better once its names are added.
 */
import { assignmentStatusLabels } from '../../workflows/assignment/messages';
import { budgetStatusLabels } from '../../workflows/budget/messages';
import type { Role } from '../../workflows/common/actor';

export const workflowTypeLabels: Record<string, string> = {
  budgetEstimateWorkflow: 'Dự toán kinh phí',
  assignmentWorkflow: 'Nhiệm vụ được giao',
  campaignWorkflow: 'Triển khai kế hoạch',
  communePlanWorkflow: 'Kế hoạch của xã, thị trấn',
  consolidatedReportWorkflow: 'Báo cáo tổng hợp gửi UBND tỉnh',
  agencyInboxWorkflow: 'Hộp thông báo của đơn vị',
  morningDigestWorkflow: 'Bản tin công việc buổi sáng',
  auditReadLogWorkflow: 'Nhật ký truy cập kiểm tra',
  mailDeliveryWorkflow: 'Gửi thư điện tử',
  holidayCalendarWorkflow: 'Lịch nghỉ lễ, Tết đã công bố',
};

/** What starting a workflow of each type means to its users. */
export const startLabels: Record<string, string> = {
  budgetEstimateWorkflow: 'Gửi dự toán để thẩm định',
  assignmentWorkflow: 'Giao nhiệm vụ',
  campaignWorkflow: 'Bắt đầu triển khai kế hoạch',
  communePlanWorkflow: 'Yêu cầu xã, thị trấn ban hành kế hoạch',
  consolidatedReportWorkflow: 'Bắt đầu tổng hợp báo cáo',
};
export const DEFAULT_START_LABEL = 'Khởi tạo hồ sơ';

/** Actions (Update and signal names) of every workflow type; one table, since names recur across types. */
export const actionLabels: Record<string, string> = {
  // Budget estimate (DESIGN.md 3.1)
  requestRevision: 'Yêu cầu chỉnh sửa dự toán',
  resubmit: 'Gửi lại (phiên bản mới)',
  appraise: 'Thẩm định',
  approve: 'Phê duyệt',
  returnToAppraisal: 'Trả lại để thẩm định lại',
  reject: 'Không phê duyệt',
  withdraw: 'Rút hồ sơ',
  // Commune plans, campaigns, assignments, reports (DESIGN.md 3.2, 3.3)
  submit: 'Gửi',
  submitPlan: 'Gửi kế hoạch',
  accept: 'Chấp nhận',
  acceptPlan: 'Chấp nhận kế hoạch',
  returnPlan: 'Trả lại kế hoạch để bổ sung',
  requestExtension: 'Xin gia hạn',
  grantExtension: 'Đồng ý gia hạn',
  refuseExtension: 'Không đồng ý gia hạn',
  submitReport: 'Gửi báo cáo kết quả',
  acceptReport: 'Chấp nhận báo cáo',
  returnReport: 'Trả lại báo cáo để bổ sung',
  approveReport: 'Phê duyệt báo cáo tổng hợp',
  returnDraft: 'Trả lại dự thảo báo cáo tổng hợp',
  editNarrative: 'Sửa phần đánh giá của báo cáo tổng hợp',
  assignmentAccepted: 'Được báo có báo cáo vừa được chấp nhận',
  compile: 'Tổng hợp báo cáo',
  cancel: 'Hủy',
  communePlanChanged: 'Cập nhật tiến độ kế hoạch của xã, thị trấn',
  // Service workflows
  deliverNotification: 'Nhận thông báo',
  markRead: 'Đánh dấu đã đọc',
  setPreferences: 'Cài đặt nhận thông báo',
  setMailRouting: 'Văn phòng thay đổi địa chỉ nhận thư của đơn vị',
  resendMail: 'Văn phòng gửi lại thư bị từ chối',
  dismissMail: 'Văn phòng bỏ qua thư không gửi được',
  recordHolidaySchedule: 'Ghi lịch nghỉ đã được công bố',
  recordAuditRead: 'Ghi nhận một lần truy cập kiểm tra',
};

/** Names of states that several workflow types use; a type's own table (below) has the last word. */
const commonStatusLabels: Record<string, string> = {
  awaiting_submission: 'Chờ gửi',
  submitted: 'Đã gửi',
  returned: 'Trả lại để bổ sung',
  accepted: 'Đã chấp nhận',
  extension_requested: 'Đang xin gia hạn',
  awaiting_approval: 'Chờ lãnh đạo phê duyệt',
  sent: 'Đã gửi UBND tỉnh',
  cancelled: 'Đã hủy',
  completed: 'Hoàn thành',
};

/** States of every workflow type. */
export const statusLabels: Record<string, string> = { ...commonStatusLabels, ...assignmentStatusLabels, ...budgetStatusLabels };

/** The `event` of a notice: why an email went out. */
export const noticeEventLabels: Record<string, string> = {
  submitted: 'báo hồ sơ mới',
  resubmitted: 'báo hồ sơ gửi lại',
  revision_requested: 'báo yêu cầu chỉnh sửa',
  appraised: 'báo đã thẩm định, chờ quyết định',
  returned_to_appraisal: 'báo trả lại thẩm định',
  approved: 'báo đã phê duyệt',
  rejected: 'báo không phê duyệt',
  withdrawn: 'báo đã rút hồ sơ',
  reminder: 'nhắc hạn',
  escalation: 'báo quá hạn',
  returned: 'báo trả lại',
  accepted: 'báo đã chấp nhận',
};

export const roleLabels: Record<Role, string> = {
  staff: 'Chuyên viên',
  appraiser: 'Chuyên viên thẩm định',
  leader: 'Lãnh đạo',
  commune_officer: 'Công chức xã, thị trấn',
  reviewer: 'Chuyên viên xem xét báo cáo',
  auditor: 'Thanh tra viên',
  administrator: 'Văn phòng HĐND và UBND',
};

/** Input fields as a reader knows them; the other fields show under their own name. */
export const fieldLabels: Record<string, string> = {
  id: 'Mã hồ sơ',
  comments: 'Ý kiến',
  comment: 'Ý kiến',
  opinion: 'Ý kiến thẩm định',
  reason: 'Lý do',
  amount: 'Số tiền',
  decisionNumber: 'Số quyết định',
  decisionDate: 'Ngày quyết định',
  title: 'Tên',
  note: 'Ghi chú',
  lines: 'Các dòng',
  planId: 'Kế hoạch',
  summary: 'Tóm tắt',
  documentNumber: 'Số văn bản',
  documentDate: 'Ngày văn bản',
  signer: 'Người ký',
  newDueDate: 'Hạn mới',
  dueDate: 'Hạn',
  narrative: 'Nội dung báo cáo',
  figures: 'Số liệu',
  day: 'Ngày',
  at: 'Thời điểm',
  action: 'Thao tác',
  target: 'Hồ sơ',
  outcome: 'Kết quả',
  count: 'Số mục',
  head: 'Mã băm cuối',
};

/** Fields holding money in whole đồng, shown as "12.500.000 đ". */
export const moneyFields = new Set(['amount', 'total', 'unitPrice', 'recommendedAmount', 'requestedAmount', 'moneySpent', 'spent']);

export const timelineKindLabels = {
  started: 'Khởi tạo',
  action: 'Thao tác',
  signal: 'Cập nhật từ hồ sơ liên quan',
  reminder: 'Nhắc hạn',
  escalation: 'Báo quá hạn',
  timer: 'Hẹn giờ',
  email: 'Thư đã gửi',
  email_failed: 'Thư không gửi được',
  child_started: 'Khởi tạo hồ sơ con',
  closed: 'Kết thúc',
} as const;

export const closeLabels: Record<string, string> = {
  completed: 'Hồ sơ kết thúc',
  failed: 'Hồ sơ dừng vì lỗi',
  terminated: 'Hồ sơ bị dừng bởi người quản trị hệ thống',
  canceled: 'Hồ sơ bị hủy',
  timed_out: 'Hồ sơ bị dừng vì quá thời gian xử lý cho phép',
  continued_as_new: 'Hồ sơ tiếp tục (nhật ký được chuyển sang phần tiếp theo)',
};

export const labelOf = (table: Record<string, string>, name: string): string => table[name] ?? name;
