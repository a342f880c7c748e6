/** One version of a budget estimate as a table: its lines, what changed since the version before, and the appraisal beside them. */
import type { Budget, BudgetVersion } from '../api/types';
import { formatDong, formatNumber } from '../format';

/** What changed in a line since the previous version, in words; null when nothing did. */
function changeOf(line: BudgetVersion['lines'][number], previous: BudgetVersion | undefined): string | null {
  if (!previous) return null;
  const before = previous.lines.find((l) => l.lineNo === line.lineNo);
  if (!before) return 'dòng mới';
  const same = (['description', 'activity', 'quantity', 'unit', 'unitPrice'] as const).every((k) => before[k] === line[k]);
  return same ? null : `đã sửa; phiên bản ${previous.version}: ${formatNumber(before.quantity)} ${before.unit} × ${formatDong(before.unitPrice)} = ${formatDong(before.amount)}`;
}

/** The headings of an estimate's line columns, in the order of the estimate's own table; the form names the unit of its price. */
export function LineHeadings(props: { price: string }) {
  return (
    <>
      <th scope="col">STT</th>
      <th scope="col">Nội dung</th>
      <th scope="col">Hoạt động</th>
      <th scope="col">Số lượng</th>
      <th scope="col">Đơn vị tính</th>
      <th scope="col">{props.price}</th>
      <th scope="col">Thành tiền</th>
    </>
  );
}

export function VersionTable(props: { version: BudgetVersion; appraisal?: Budget['appraisals'][number] | undefined; previous?: BudgetVersion | undefined }) {
  const { version, appraisal, previous } = props;
  const removed = previous ? previous.lines.filter((p) => !version.lines.some((l) => l.lineNo === p.lineNo)) : [];
  return (
    <table class="lines" data-testid={`version-${version.version}`}>
      <thead>
        <tr>
          <LineHeadings price="Đơn giá" />
          {appraisal && <th scope="col">Số đề nghị</th>}
          {appraisal && <th scope="col">Nhận xét</th>}
        </tr>
      </thead>
      <tbody>
        {version.lines.map((l) => {
          const a = appraisal?.lines.find((x) => x.lineNo === l.lineNo);
          const change = changeOf(l, previous);
          return (
            <tr key={l.lineNo} class={change ? 'changed' : ''}>
              <td data-label="STT">{l.lineNo}</td>
              <td data-label="Nội dung">
                {l.description}
                {change && (
                  <small class="change" data-testid={`change-${l.lineNo}`}>
                    {change}
                  </small>
                )}
              </td>
              <td data-label="Hoạt động">{l.activity}</td>
              <td data-label="Số lượng" class="num">{formatNumber(l.quantity)}</td>
              <td data-label="Đơn vị tính">{l.unit}</td>
              <td data-label="Đơn giá" class="num">{formatDong(l.unitPrice)}</td>
              <td data-label="Thành tiền" class="num">{formatDong(l.amount)}</td>
              {appraisal && <td data-label="Số đề nghị" class="num">{a ? formatDong(a.recommendedAmount) : '—'}</td>}
              {appraisal && <td data-label="Nhận xét">{a?.comment ?? ''}</td>}
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        {removed.map((p) => (
          <tr key={`removed-${p.lineNo}`} class="changed">
            <td>{p.lineNo}</td>
            <td colSpan={appraisal ? 8 : 6}>
              <small class="change">
                đã bỏ: {p.description} ({formatDong(p.amount)})
              </small>
            </td>
          </tr>
        ))}
        {previous && previous.total !== version.total && (
          <tr>
            <td colSpan={appraisal ? 9 : 7}>
              <small class="change" data-testid="total-change">
                Tổng phiên bản {previous.version}: {formatDong(previous.total)}
              </small>
            </td>
          </tr>
        )}
        <tr>
          <th scope="row" colSpan={6}>
            Tổng cộng
          </th>
          <td data-label="Tổng cộng" class="num" data-testid="requested-total">
            {formatDong(version.total)}
          </td>
          {appraisal && <td data-label="Tổng số đề nghị" class="num">{formatDong(appraisal.total)}</td>}
          {appraisal && <td />}
        </tr>
      </tfoot>
    </table>
  );
}
