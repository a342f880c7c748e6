/**
 * The Finance Office's appraisal of one version of an estimate: a recommended amount and a comment per line,
 * the office's opinion, and the request for a revision instead when the estimate cannot be appraised as it is.
 */
import { useState } from 'preact/hooks';
import type { BudgetAction, BudgetVersion } from '../api/types';
import { ActionForm, useActionForm } from './ActionForm';
import { Field, fieldAttrs } from './fields';
import { parseWhole } from '../estimate';
import { formatDong, formatNumber } from '../format';
import type { Post } from '../useCase';

export function AppraiseForm(props: { version: BudgetVersion; post: Post<BudgetAction>; mayRequestRevision: boolean }) {
  const [recommended, setRecommended] = useState(props.version.lines.map((l) => formatNumber(l.amount)));
  const [comments, setComments] = useState(props.version.lines.map(() => ''));
  const [opinion, setOpinion] = useState('');
  const form = useActionForm();
  const total = recommended.reduce((s, r) => s + (Number.isNaN(parseWhole(r)) ? 0 : parseWhole(r)), 0);

  function appraise() {
    const lines = props.version.lines.map((l, i) => {
      const n = parseWhole(recommended[i] ?? '');
      return { lineNo: l.lineNo, recommendedAmount: Number.isNaN(n) ? (recommended[i] as unknown as number) : n, ...(comments[i]?.trim() ? { comment: comments[i] } : {}) };
    });
    return props.post('appraise', { lines, opinion });
  }
  // The revision's comments are typed in the opinion's box.
  const requestRevision = () => form.send(() => props.post('request-revision', { comments: opinion }), { comments: 'opinion' });

  return (
    <ActionForm form={form} class="appraise" title="Thẩm định" onSubmit={appraise}>
      <table class="lines">
        <thead>
          <tr>
            <th scope="col">STT</th>
            <th scope="col">Nội dung</th>
            <th scope="col">Số dự toán</th>
            <th scope="col">Số đề nghị (đ)</th>
            <th scope="col">Nhận xét</th>
          </tr>
        </thead>
        <tbody>
          {props.version.lines.map((l, i) => {
            const name = `lines.${i}.recommendedAmount`;
            const over = parseWhole(recommended[i] ?? '') > l.amount;
            return (
              <tr key={l.lineNo}>
                <td data-label="STT">{l.lineNo}</td>
                <td data-label="Nội dung">{l.description}</td>
                <td data-label="Số dự toán" class="num">{formatDong(l.amount)}</td>
                <td data-label="Số đề nghị">
                  <input
                    {...fieldAttrs(name, form.errors)}
                    class="num"
                    inputMode="numeric"
                    aria-label={`Số đề nghị dòng ${l.lineNo}`}
                    value={recommended[i]}
                    onInput={(e) => setRecommended(recommended.map((r, j) => (j === i ? e.currentTarget.value : r)))}
                  />
                  {over && !form.errors[name] && <span class="field-warning">Vượt số dự toán</span>}
                  {form.errors[name] && (
                    <span class="field-error" id={`f-lines-${i}-recommendedAmount-error`} role="alert">
                      {form.errors[name]}
                    </span>
                  )}
                </td>
                <td data-label="Nhận xét">
                  <input aria-label={`Nhận xét dòng ${l.lineNo}`} value={comments[i]} onInput={(e) => setComments(comments.map((c, j) => (j === i ? e.currentTarget.value : c)))} />
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Tổng số đề nghị
            </th>
            <td data-label="Tổng số đề nghị" class="num" data-testid="recommended-total">
              {formatDong(total)}
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
      <Field name="opinion" label="Ý kiến thẩm định (hoặc nội dung yêu cầu chỉnh sửa)" errors={form.errors}>
        <textarea {...fieldAttrs('opinion', form.errors)} rows={3} value={opinion} onInput={(e) => setOpinion(e.currentTarget.value)} />
      </Field>
      <div class="buttons">
        <button type="submit" class="primary">
          Thẩm định
        </button>
        {props.mayRequestRevision && (
          <button type="button" onClick={() => void requestRevision()}>
            Yêu cầu chỉnh sửa
          </button>
        )}
      </div>
    </ActionForm>
  );
}
