/** Vietnamese labels the console shows for the API's codes (the API's own tables are on the server side). */
export const budgetStatusLabels: Record<string, string> = {
  in_appraisal: 'Đang thẩm định',
  revision_requested: 'Yêu cầu chỉnh sửa',
  awaiting_decision: 'Chờ lãnh đạo quyết định',
  approved: 'Đã phê duyệt',
  rejected: 'Không phê duyệt',
  withdrawn: 'Đã rút',
};

export const communePlanStatusLabels: Record<string, string> = {
  awaiting_submission: 'Chờ xã gửi kế hoạch',
  submitted: 'Đã gửi, chờ xem xét',
  returned: 'Trả lại để hoàn thiện',
  accepted: 'Đã chấp nhận',
};

export const assignmentStatusLabels: Record<string, string> = {
  awaiting_report: 'Chờ báo cáo',
  submitted: 'Đã gửi báo cáo, chờ xem xét',
  returned: 'Trả lại để bổ sung',
  resubmitted: 'Đã gửi lại, chờ xem xét',
  accepted: 'Đã chấp nhận',
};

/** As the audit names them (api/audit/labels.ts): the words officials use for each other. */
export const roleLabels: Record<string, string> = {
  staff: 'Chuyên viên',
  appraiser: 'Chuyên viên thẩm định',
  leader: 'Lãnh đạo',
  commune_officer: 'Công chức xã, thị trấn',
  reviewer: 'Chuyên viên xem xét báo cáo',
  auditor: 'Thanh tra viên',
  administrator: 'Văn phòng HĐND và UBND',
};

/** The console's page for a case the API names by its path (`/api/v1/budgets/DT-…` → `/budgets/DT-…`), when it has one. */
export function consolePathOf(apiPath: string | null | undefined): string | null {
  const m = /^\/api\/v1\/(budgets|commune-plans|reports)\/([A-Za-z0-9.-]+)$/.exec(apiPath ?? '');
  if (m) return `/${m[1]}/${m[2]}`;
  const a = /^\/api\/v1\/assignments\/([a-z0-9-]+)\/([0-9]+-[a-z0-9-]+)$/.exec(apiPath ?? '');
  return a ? `/assignments/${a[1]}/${a[2]}` : null;
}

/** A case's workflow id (`budget:DT-…`, `commune-plan:<campaign>.<commune>`, `report:<campaign>`) → its console page, when it has one. */
export function consolePathOfWorkflow(workflowId: string | undefined): string | null {
  const m = /^(budget|commune-plan):([A-Za-z0-9.-]+)$/.exec(workflowId ?? '');
  if (m) return `/${m[1] === 'budget' ? 'budgets' : 'commune-plans'}/${m[2]}`;
  const r = /^report:([a-z0-9-]+)$/.exec(workflowId ?? '');
  if (r) return `/reports/${r[1]}`;
  const a = /^assignment:([a-z0-9-]+):([0-9]+-[a-z0-9-]+)$/.exec(workflowId ?? '');
  return a ? `/assignments/${a[1]}/${a[2]}` : null;
}

/** An agency's report figures, in the order and words of its form (the consolidated report sums the same). */
export const FIGURES = [
  ['eventsHeld', 'Số hoạt động, sự kiện đã tổ chức', false],
  ['peopleReached', 'Số lượt người tham gia', false],
  ['giftsGiven', 'Số suất quà đã trao', false],
  ['giftsValue', 'Tổng giá trị quà (đ)', true],
  ['moneySpent', 'Kinh phí đã chi (đ)', true],
] as const;

export const reportStatusLabels: Record<string, string> = {
  collecting: 'Đang chờ các đơn vị báo cáo',
  drafting: 'Đang lập dự thảo',
  awaiting_approval: 'Chờ lãnh đạo duyệt',
  returned: 'Lãnh đạo trả lại, Văn phòng chỉnh sửa',
  approved: 'Đã duyệt, đang gửi UBND tỉnh',
  sent: 'Đã gửi UBND tỉnh',
};

/**
 * A case as an official names it, from its workflow id: "Dự toán DT-2026-…", "Kế hoạch của UBND xã Long Đống",
 * "Nhiệm vụ III.3 - Trung tâm …", "Báo cáo gửi UBND tỉnh". The id itself (with its plan code) is for the
 * export's checks, not for reading; `unitName` gives the directory's names.
 */
export function caseNameOf(workflowId: string, unitName: (code: string) => string): string {
  const [kind, rest = ''] = [workflowId.slice(0, workflowId.indexOf(':')), workflowId.slice(workflowId.indexOf(':') + 1)];
  if (kind === 'budget') return `Dự toán ${rest}`;
  if (kind === 'commune-plan') return `Kế hoạch của ${unitName(rest.slice(rest.lastIndexOf('.') + 1))}`;
  const a = /:(\d+)-([a-z0-9-]+)$/.exec(rest);
  if (kind === 'assignment' && a) return `Mục III.${a[1]} - ${unitName(a[2]!)}`;
  if (kind === 'report') return 'Báo cáo kết quả gửi UBND tỉnh';
  if (kind === 'campaign') return 'Triển khai kế hoạch';
  if (kind === 'inbox') return `Hộp thông báo của ${unitName(rest.slice(rest.lastIndexOf('/') + 1))}`;
  if (kind === 'mail') return 'Thư gửi đi';
  if (kind === 'calendar') return 'Lịch nghỉ lễ, Tết';
  if (kind === 'digest') return 'Bản tin công việc';
  return 'Hồ sơ';
}
