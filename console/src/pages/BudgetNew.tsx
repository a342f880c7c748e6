/** The staff's new estimate: the form, then the case page of the estimate just submitted. */
import { api } from '../api/client';
import { EstimateForm } from '../components/EstimateForm';
import { emptyLine } from '../estimate';
import { asProblem } from '../problems';
import { navigate } from '../router';

export function BudgetNewPage() {
  return (
    <main class="page">
      <h1>Lập dự toán kinh phí</h1>
      <p>Thành tiền và tổng cộng được tính ngay khi nhập; hệ thống tính lại khi nhận dự toán. Dự toán được gửi Phòng Tài chính - Kế hoạch thẩm định.</p>
      <EstimateForm
        initial={{ title: '', planId: '', note: '', lines: [emptyLine()] }}
        submitLabel="Gửi thẩm định"
        defaultToFirstPlan
        onSubmit={async (body) => {
          const { data, error, response } = await api.POST('/api/v1/budgets', { body: body as never });
          if (!data) return asProblem(error, response.status);
          navigate(`/budgets/${data.id}`);
          return null;
        }}
      />
    </main>
  );
}
