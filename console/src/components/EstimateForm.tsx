/**
 * The estimate form (staff): title, plan, line items with quantity, unit and unit price; each amount and the
 * total computed as they type. Used to submit and to resubmit; what was typed stays when the API refuses it.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { emptyLine, estimateBody, estimateTotal, lineAmount, type LineDraft } from '../estimate';
import { formatDong } from '../format';
import { fieldMessages, plainMessage, unanswered, type Problem } from '../problems';
import { Field, FieldError, fieldAttrs, type Errors } from './fields';
import { LineHeadings } from './VersionTable';

type Plans = NonNullable<Awaited<ReturnType<typeof loadPlans>>['data']>['items'];
const loadPlans = () => api.GET('/api/v1/plans');

export interface EstimateDraft {
  title: string;
  planId: string;
  note: string;
  lines: LineDraft[];
}

export function EstimateForm(props: {
  initial: EstimateDraft;
  submitLabel: string;
  /** A new estimate: choose the first issued plan once the plans are read, if none is chosen. */
  defaultToFirstPlan?: boolean;
  /** Sends the body; answers the problem when the API refuses. */
  onSubmit: (body: ReturnType<typeof estimateBody>) => Promise<Problem | null>;
}) {
  const [draft, setDraft] = useState<EstimateDraft>(props.initial);
  const [plans, setPlans] = useState<Plans>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void loadPlans().then(({ data }) => {
      if (!data) return;
      setPlans(data.items);
      const first = data.items[0];
      if (props.defaultToFirstPlan && first) setDraft((d) => (d.planId ? d : { ...d, planId: first.id }));
    });
  }, []);
  const activities = plans.find((p) => p.id === draft.planId)?.activities ?? [];

  const set = (patch: Partial<EstimateDraft>) => setDraft({ ...draft, ...patch });
  const setLine = (i: number, patch: Partial<LineDraft>) => set({ lines: draft.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)) });

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    const problem = await props.onSubmit(estimateBody(draft)).catch(unanswered);
    setBusy(false);
    if (!problem) return;
    const { byField, other } = fieldMessages(problem);
    setErrors(byField);
    setMessage([plainMessage(problem), ...other].join(' '));
  }

  return (
    <form class="estimate" onSubmit={(e) => void submit(e)} noValidate>
      {message && (
        <p class="error" role="alert">
          {message}
        </p>
      )}
      <Field name="title" label="Tên dự toán" errors={errors}>
        <input {...fieldAttrs('title', errors)} value={draft.title} onInput={(e) => set({ title: e.currentTarget.value })} required />
      </Field>
      <Field name="planId" label="Thuộc kế hoạch" errors={errors}>
        <select {...fieldAttrs('planId', errors)} value={draft.planId} onChange={(e) => set({ planId: e.currentTarget.value })}>
          <option value="">— Không thuộc kế hoạch nào —</option>
          {plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </Field>

      <fieldset>
        <legend>Các khoản chi</legend>
        <FieldError name="lines" errors={errors} />
        <table class="lines">
          <thead>
            <tr>
              <LineHeadings price="Đơn giá (đ)" />
              <th scope="col">
                <span class="sr-only">Xóa dòng</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.lines.map((line, i) => {
              const f = (k: keyof LineDraft) => `lines.${i}.${k}`;
              const amount = lineAmount(line);
              return (
                <tr key={i} data-line={i + 1}>
                  <td data-label="STT">{i + 1}</td>
                  <td data-label="Nội dung">
                    <textarea {...fieldAttrs(f('description'), errors)} aria-label={`Nội dung dòng ${i + 1}`} value={line.description} onInput={(e) => setLine(i, { description: e.currentTarget.value })} rows={2} />
                    <FieldError name={f('description')} errors={errors} />
                  </td>
                  <td data-label="Hoạt động">
                    {activities.length > 0 ? (
                      <select {...fieldAttrs(f('activity'), errors)} aria-label={`Hoạt động dòng ${i + 1}`} value={line.activity} onChange={(e) => setLine(i, { activity: e.currentTarget.value })}>
                        <option value="">— Chọn —</option>
                        {activities.map((a) => (
                          <option key={a.code} value={a.code} title={a.text}>
                            {a.code} — {a.text.slice(0, 60)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <input {...fieldAttrs(f('activity'), errors)} aria-label={`Hoạt động dòng ${i + 1}`} value={line.activity} onInput={(e) => setLine(i, { activity: e.currentTarget.value })} />
                    )}
                    <FieldError name={f('activity')} errors={errors} />
                  </td>
                  <td data-label="Số lượng">
                    <input {...fieldAttrs(f('quantity'), errors)} aria-label={`Số lượng dòng ${i + 1}`} inputMode="numeric" class="num" value={line.quantity} onInput={(e) => setLine(i, { quantity: e.currentTarget.value })} />
                    <FieldError name={f('quantity')} errors={errors} />
                  </td>
                  <td data-label="Đơn vị tính">
                    <input {...fieldAttrs(f('unit'), errors)} aria-label={`Đơn vị tính dòng ${i + 1}`} class="unit" value={line.unit} onInput={(e) => setLine(i, { unit: e.currentTarget.value })} />
                    <FieldError name={f('unit')} errors={errors} />
                  </td>
                  <td data-label="Đơn giá (đ)">
                    <input {...fieldAttrs(f('unitPrice'), errors)} aria-label={`Đơn giá dòng ${i + 1}`} inputMode="numeric" class="num" value={line.unitPrice} onInput={(e) => setLine(i, { unitPrice: e.currentTarget.value })} />
                    <FieldError name={f('unitPrice')} errors={errors} />
                  </td>
                  <td data-label="Thành tiền" class="amount" data-testid={`amount-${i + 1}`}>
                    {amount === null ? '—' : formatDong(amount)}
                  </td>
                  <td>
                    {draft.lines.length > 1 && (
                      <button type="button" class="link" aria-label={`Xóa dòng ${i + 1}`} onClick={() => set({ lines: draft.lines.filter((_, j) => j !== i) })}>
                        Xóa
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={6}>
                Tổng cộng
              </th>
              <td data-label="Tổng cộng" class="amount total" data-testid="total">
                {formatDong(estimateTotal(draft.lines))}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
        <button type="button" onClick={() => set({ lines: [...draft.lines, emptyLine()] })}>
          Thêm dòng
        </button>
      </fieldset>

      <Field name="note" label="Ghi chú" errors={errors}>
        <textarea {...fieldAttrs('note', errors)} value={draft.note} onInput={(e) => set({ note: e.currentTarget.value })} rows={3} />
      </Field>
      <button type="submit" class="primary" disabled={busy}>
        {props.submitLabel}
      </button>
    </form>
  );
}
