/**
 * Vietnamese labels for the audit, keyed by the names the workflows use (workflow types, Update and signal
 * names, states, notice events, roles, input fields). The cases' kinds and actions are labelled where they are
 * declared (workflows/common/cases.ts, workflows/<process>/actions.ts) and only gathered here. A name missing
 * shows as it is, and tests/audit-labels.test.ts fails on it.
 */
import { assignmentStatusLabels } from '../../workflows/assignment/messages';
import { budgetStatusLabels, submissionUpdate } from '../../workflows/budget/messages';
import { assignmentActions } from '../../workflows/assignment/actions';
import { budgetActions } from '../../workflows/budget/actions';
import { caseKinds } from '../../workflows/common/cases';
import { communePlanActions } from '../../workflows/commune-plan/actions';
import { reportActions } from '../../workflows/report/actions';

/** The workflows that are not cases: the service's own, which the audit also shows. */
const serviceWorkflowLabels: Record<string, string> = {
  agencyInboxWorkflow: 'Hộp thông báo của đơn vị',
  morningDigestWorkflow: 'Bản tin công việc buổi sáng',
  auditReadLogWorkflow: 'Nhật ký truy cập kiểm tra',
  mailDeliveryWorkflow: 'Gửi thư điện tử',
  holidayCalendarWorkflow: 'Lịch nghỉ lễ, Tết đã công bố',
  authorityWorkflow: 'Thẩm quyền ký: ủy quyền, giao quyền, vắng mặt',
};

const kinds = Object.values(caseKinds);

export const workflowTypeLabels: Record<string, string> = {
  ...Object.fromEntries(kinds.map((k) => [k.workflowType, k.label])),
  ...serviceWorkflowLabels,
};

/** What starting a workflow of each type means to its users. */
export const startLabels: Record<string, string> = Object.fromEntries(kinds.map((k) => [k.workflowType, k.startLabel]));
export const DEFAULT_START_LABEL = 'Khởi tạo hồ sơ';

/** Every process's list of actions (workflows/<process>/actions.ts). */
export const caseActionLists = { budget: budgetActions, communePlan: communePlanActions, assignment: assignmentActions, report: reportActions };

/** Updates sent with a workflow's start to answer it: the start's entry tells what they would (timeline-events.ts). */
export const startAnswerUpdates: ReadonlySet<string> = new Set([submissionUpdate.name]);

/** Actions (Update and signal names) of every workflow type; one table, since names recur across types. */
export const actionLabels: Record<string, string> = {
  // The cases' actions, as each process lists them.
  ...Object.fromEntries(Object.values(caseActionLists).flatMap((list) => Object.values(list).map((a) => [a.update.name, a.label]))),
  // The answer to a submission (Update-with-Start): part of the start, not an action; the timeline folds it in
  submission: 'Trả lời việc gửi hồ sơ',
  // Signals between the cases
  assignmentAccepted: 'Được báo có báo cáo vừa được chấp nhận',
  communePlanChanged: 'Cập nhật tiến độ kế hoạch của xã, thị trấn',
  // Service workflows
  deliverNotification: 'Nhận thông báo',
  markRead: 'Đánh dấu đã đọc',
  setPreferences: 'Cài đặt nhận thông báo',
  setMailRouting: 'Văn phòng thay đổi địa chỉ nhận thư của đơn vị',
  resendMail: 'Văn phòng gửi lại thư bị từ chối',
  dismissMail: 'Văn phòng bỏ qua thư không gửi được',
  recordHolidaySchedule: 'Ghi lịch nghỉ đã được công bố',
  recordAuthority: 'Ghi ủy quyền, giao quyền hoặc lịch vắng mặt',
  endAuthority: 'Kết thúc trước hạn ủy quyền, giao quyền hoặc vắng mặt',
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
  sent: 'Đã gửi cấp trên',
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

export { roleLabels } from '../../workflows/common/roles';

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
  delegate: 'Người được ủy quyền',
  acting: 'Người được giao quyền',
  absent: 'Người vắng mặt',
  coveredBy: 'Người phụ trách thay',
  matters: 'Phạm vi',
  fields: 'Lĩnh vực',
  validFrom: 'Từ ngày',
  validTo: 'Đến ngày',
  basis: 'Căn cứ',
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
