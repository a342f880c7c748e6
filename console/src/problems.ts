/**
 * The API's refusals (application/problem+json, api/problem.ts) as a person reads them: for 400, each message
 * beside its field (`body.lines.0.unitPrice` → the form's field `lines.0.unitPrice`); for the other statuses one
 * plain Vietnamese sentence, with the API's own reason when it gives one.
 */
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
}

/** Messages by form field, the `body.` prefix removed; those without a field of the form stay in `other`. */
export function fieldMessages(problem: Problem, knownFields?: (field: string) => boolean): { byField: Record<string, string>; other: string[] } {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const e of problem.errors ?? []) {
    const field = e.field.replace(/^body\./, '');
    if (knownFields && !knownFields(field)) other.push(`${field}: ${e.message}`);
    else byField[field] = byField[field] ? `${byField[field]}; ${e.message}` : e.message;
  }
  return { byField, other };
}

const PLAIN: Record<number, string> = {
  0: 'Không kết nối được hệ thống (mạng hoặc máy chủ); vui lòng kiểm tra kết nối rồi thử lại.',
  400: 'Dữ liệu chưa hợp lệ; xem các ô được đánh dấu.',
  401: 'Phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại.',
  403: 'Bạn không có quyền thực hiện thao tác này.',
  404: 'Không tìm thấy hồ sơ, hoặc bạn không có quyền xem hồ sơ này.',
  409: 'Không thực hiện được vì hồ sơ đã thay đổi trạng thái.',
  413: 'Nội dung gửi lên quá lớn.',
  429: 'Bạn thao tác quá nhanh; vui lòng chờ một lát rồi thử lại.',
  503: 'Hệ thống tạm thời không phản hồi; vui lòng thử lại sau ít phút.',
};

/** One sentence for the page: what happened, then the API's reason when it says more than its title. */
export function plainMessage(problem: Problem): string {
  const head = PLAIN[problem.status] ?? 'Đã có lỗi xảy ra; vui lòng thử lại.';
  // The API's detail, unless it only repeats what the sentence already says (404's "Không tìm thấy hồ sơ").
  const says = (text: string) => head.toLowerCase().includes(text.toLowerCase()) || text === problem.title;
  const reason = problem.detail && !says(problem.detail) && problem.status !== 400 ? ` Lý do: ${problem.detail}` : '';
  return head + reason;
}

/** What a request that got no answer at all (the network, a dropped connection) is told as: status 0. */
export const unanswered = (): Problem => ({ status: 0 });

/** A problem from whatever openapi-fetch handed back as `error` (or a network failure). */
export function asProblem(error: unknown, status: number): Problem {
  if (error && typeof error === 'object' && 'status' in error) return error as Problem;
  return { status: status || 0, detail: typeof error === 'string' ? error : undefined };
}
