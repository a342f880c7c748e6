/** The staff's new estimate: the form, then the case page of the estimate just submitted. */
import { useRef } from 'preact/hooks';
import { api } from '../api/client';
import { EstimateForm } from '../components/EstimateForm';
import { emptyLine } from '../estimate';
import { asProblem } from '../problems';
import { navigate } from '../router';

/** 32 hex digits; getRandomValues, since randomUUID exists only on https and localhost. */
const newKey = (): string => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

export function BudgetNewPage() {
  // One Idempotency-Key per content sent: sending the same estimate again after an answer that never came (or a
  // 503) finds the one already made instead of making a second; a changed estimate is a new one.
  const sent = useRef<{ body: string; key: string } | null>(null);
  return (
    <main class="page">
      <h1>Lập dự toán kinh phí</h1>
      <p>Thành tiền và tổng cộng được tính ngay khi nhập; hệ thống tính lại khi nhận dự toán. Dự toán được gửi Phòng Tài chính - Kế hoạch thẩm định.</p>
      <EstimateForm
        initial={{ title: '', planId: '', note: '', lines: [emptyLine()] }}
        submitLabel="Gửi thẩm định"
        defaultToFirstPlan
        onSubmit={async (body) => {
          const json = JSON.stringify(body);
          if (sent.current?.body !== json) sent.current = { body: json, key: newKey() };
          const { data, error, response } = await api.POST('/api/v1/budgets', { body: body as never, params: { header: { 'Idempotency-Key': sent.current.key } } });
          if (!data) return asProblem(error, response.status);
          navigate(`/budgets/${data.id}`);
          return null;
        }}
      />
    </main>
  );
}
