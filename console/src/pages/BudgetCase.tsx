/**
 * One estimate: its state, who must act and by when, the current version's lines, the appraisal and decision,
 * earlier versions, the history (the audit timeline, where the person may read it), and the forms of exactly
 * the actions the API says the person may take now (GET /api/v1/budgets/{id}/actions).
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { AllowedActions, Budget, BudgetAction, BudgetVersion, Timeline } from '../api/types';
import { EstimateForm } from '../components/EstimateForm';
import { Field, fieldAttrs, type Errors } from '../components/fields';
import { parseWhole } from '../estimate';
import { dueIn, formatDate, formatDateTime, formatDong, formatNumber, todayInVietnam } from '../format';
import { budgetStatusLabels, roleLabels } from '../labels';
import { asProblem, fieldMessages, plainMessage, type Problem } from '../problems';
import { useUnitNames } from '../units';

type Post = (action: BudgetAction, body: unknown) => Promise<Problem | null>;

const done: Record<BudgetAction, string> = {
  'request-revision': 'Đã gửi yêu cầu chỉnh sửa.',
  resubmit: 'Đã gửi lại dự toán.',
  appraise: 'Đã thẩm định; hồ sơ chuyển lãnh đạo quyết định.',
  approve: 'Đã phê duyệt dự toán.',
  'return-to-appraisal': 'Đã trả lại để thẩm định lại.',
  reject: 'Đã không phê duyệt dự toán.',
  withdraw: 'Đã rút dự toán.',
};

export function BudgetCasePage(props: { id: string }) {
  const [budget, setBudget] = useState<Budget | null>(null);
  const [actions, setActions] = useState<AllowedActions | null>(null);
  const [timeline, setTimeline] = useState<Timeline | null | 'hidden'>(null);
  const [error, setError] = useState<string | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  /** A 403 or 409 stays on the page even when the form it came from goes (the action is no longer possible). */
  const [refused, setRefused] = useState<string | null>(null);
  const unitName = useUnitNames();
  const path = { params: { path: { id: props.id } } };

  async function load() {
    const [b, a] = await Promise.all([api.GET('/api/v1/budgets/{id}', path), api.GET('/api/v1/budgets/{id}/actions', path)]);
    if (!b.data) {
      setError(plainMessage(asProblem(b.error, b.response.status)));
      return;
    }
    setBudget(b.data);
    setActions(a.data ?? null);
    const t = await api.GET('/api/v1/audit/workflows/{workflowId}/timeline', { params: { path: { workflowId: `budget:${props.id}` }, query: {} } });
    setTimeline(t.data ?? 'hidden');
  }
  useEffect(() => {
    setBudget(null);
    setError(null);
    void load();
  }, [props.id]);

  const post: Post = async (action, body) => {
    setFlash(null);
    setRefused(null);
    const { data, error: e, response } = await api.POST(`/api/v1/budgets/{id}/${action}` as '/api/v1/budgets/{id}/approve', { ...path, body: body as never });
    if (!data) {
      const problem = asProblem(e, response.status);
      // The state may have moved on (someone else acted): show what it is now, keep the form as typed.
      if (problem.status === 409 || problem.status === 403) {
        await load();
        setRefused(plainMessage(problem));
      }
      return problem;
    }
    await load();
    setFlash(done[action]);
    return null;
  };

  if (error) {
    return (
      <main class="page">
        <h1>Dự toán {props.id}</h1>
        <p class="error" role="alert">
          {error}
        </p>
      </main>
    );
  }
  if (!budget) return <main class="page">Đang tải…</main>;

  const current = budget.versions[budget.versions.length - 1]!;
  const appraisal = budget.appraisals.find((a) => a.version === current.version && budget.appraisals[budget.appraisals.length - 1] === a);
  const may = (a: BudgetAction) => actions?.allowed.includes(a) ?? false;
  const lastRevision = budget.revisionRequests[budget.revisionRequests.length - 1];
  const lastReturn = budget.returns[budget.returns.length - 1];

  return (
    <main class="page">
      <p class="kicker">Dự toán kinh phí · {budget.id}</p>
      <h1>{current.title}</h1>
      {flash && (
        <p class="success" role="status">
          {flash}
        </p>
      )}
      {refused && (
        <p class="error" role="alert" data-testid="refused">
          {refused}
        </p>
      )}
      <dl class="facts">
        <dt>Trạng thái</dt>
        <dd>
          <span class={`status status-${budget.status}`} data-testid="status">
            {budgetStatusLabels[budget.status]}
          </span>
        </dd>
        <dt>Đơn vị lập</dt>
        <dd>{unitName(budget.agency)}</dd>
        <dt>Người phải xử lý</dt>
        <dd data-testid="awaiting">{budget.awaiting ? `${roleLabels[budget.awaiting.role] ?? budget.awaiting.role}, ${unitName(budget.awaiting.agency)}` : 'Không còn ai (hồ sơ đã kết thúc)'}</dd>
        <dt>Hạn xử lý</dt>
        <dd data-testid="due" class={budget.overdue ? 'overdue' : ''}>
          {budget.dueAt ? `${formatDateTime(budget.dueAt)} (${budget.overdue ? 'quá hạn' : dueIn(budget.dueAt)})` : '—'}
        </dd>
        <dt>Phiên bản</dt>
        <dd>
          {current.version}, gửi lúc {formatDateTime(current.submittedAt)} bởi {current.submittedBy.name}
        </dd>
      </dl>

      {budget.status === 'revision_requested' && lastRevision && (
        <section class="callout">
          <h2>Yêu cầu chỉnh sửa</h2>
          <p>
            {lastRevision.by.name}, {formatDateTime(lastRevision.at)}: {lastRevision.comments}
          </p>
        </section>
      )}
      {budget.status === 'in_appraisal' && lastReturn && (
        <section class="callout">
          <h2>Lãnh đạo trả lại để thẩm định lại</h2>
          <p>
            {lastReturn.by.name}, {formatDateTime(lastReturn.at)}: {lastReturn.reason}
          </p>
        </section>
      )}

      <VersionTable version={current} appraisal={appraisal} previous={budget.versions[budget.versions.length - 2]} />

      {appraisal && (
        <section>
          <h2>Ý kiến thẩm định</h2>
          <p>
            {appraisal.by.name} ({unitName(appraisal.by.agency)}), {formatDateTime(appraisal.at)}: {appraisal.opinion}
          </p>
          <p>
            Tổng số đề nghị: <strong data-testid="appraised-total">{formatDong(appraisal.total)}</strong>
          </p>
        </section>
      )}
      {budget.decision && (
        <section class="callout">
          <h2>Quyết định của lãnh đạo</h2>
          {budget.decision.outcome === 'approved' ? (
            <p data-testid="decision">
              Phê duyệt {formatDong(budget.decision.amount ?? 0)} theo Quyết định số {budget.decision.decisionNumber} ngày {formatDate(budget.decision.decisionDate ?? '')} ({budget.decision.by.name})
            </p>
          ) : (
            <p data-testid="decision">
              Không phê duyệt ({budget.decision.by.name}, {formatDateTime(budget.decision.at)}): {budget.decision.reason}
            </p>
          )}
        </section>
      )}
      {budget.withdrawal && (
        <p>
          Đã rút bởi {budget.withdrawal.by.name}, {formatDateTime(budget.withdrawal.at)}: {budget.withdrawal.reason}
        </p>
      )}

      {actions && actions.allowed.length > 0 && (
        <section class="actions" aria-label="Thao tác">
          <h2>Việc bạn cần làm</h2>
          {may('appraise') && <AppraiseForm key={`a-${current.version}`} version={current} post={post} mayRequestRevision={may('request-revision')} />}
          {may('approve') && appraisal && <DecideForm key={`d-${budget.updatedAt}`} appraisedTotal={appraisal.total} post={post} />}
          {may('resubmit') && (
            <section>
              <h3>Gửi lại dự toán đã chỉnh sửa</h3>
              <EstimateForm
                initial={{
                  title: current.title,
                  planId: current.planId ?? '',
                  note: current.note ?? '',
                  lines: current.lines.map((l) => ({ description: l.description, activity: l.activity, quantity: formatNumber(l.quantity), unit: l.unit, unitPrice: formatNumber(l.unitPrice) })),
                }}
                submitLabel="Gửi lại"
                onSubmit={(body) => post('resubmit', body)}
              />
            </section>
          )}
          {(may('return-to-appraisal') || may('reject')) && (
            <ReasonForm
              legend="Trả lại để thẩm định lại, hoặc không phê duyệt"
              buttons={[
                { action: 'return-to-appraisal' as const, label: 'Trả lại thẩm định' },
                { action: 'reject' as const, label: 'Không phê duyệt' },
              ].filter((b) => may(b.action))}
              post={post}
            />
          )}
          {may('withdraw') && <ReasonForm legend="Rút dự toán" buttons={[{ action: 'withdraw', label: 'Rút dự toán' }]} post={post} />}
        </section>
      )}

      {budget.versions.length > 1 && (
        <section>
          <h2>Các phiên bản trước</h2>
          {budget.versions.slice(0, -1).reverse().map((v) => (
            <details key={v.version}>
              <summary>
                Phiên bản {v.version}: {formatDong(v.total)}, gửi lúc {formatDateTime(v.submittedAt)}
              </summary>
              <VersionTable version={v} />
            </details>
          ))}
        </section>
      )}

      <section>
        <h2>Lịch sử xử lý</h2>
        {timeline === null && <p>Đang tải…</p>}
        {timeline === 'hidden' && <p>Bạn không có quyền xem nhật ký kiểm tra của hồ sơ này.</p>}
        {timeline && timeline !== 'hidden' && (
          <ol class="timeline" data-testid="timeline">
            {timeline.entries
              .filter((e) => e.kind !== 'timer')
              .map((e) => (
                <li key={e.seq}>
                  <span class="when">{e.time}</span> <strong>{e.label}</strong>
                  {e.actor && (
                    <span>
                      {' '}
                      — {e.actor.name} ({e.actor.roleLabel}
                      {e.actor.agencyName ? `, ${e.actor.agencyName}` : ''})
                    </span>
                  )}
                  {e.details && <div class="meta">{e.details}</div>}
                </li>
              ))}
          </ol>
        )}
      </section>
    </main>
  );
}

/** What changed in a line since the previous version, in words; null when nothing did. */
function changeOf(line: BudgetVersion['lines'][number], previous: BudgetVersion | undefined): string | null {
  if (!previous) return null;
  const before = previous.lines.find((l) => l.lineNo === line.lineNo);
  if (!before) return 'dòng mới';
  const same = (['description', 'activity', 'quantity', 'unit', 'unitPrice'] as const).every((k) => before[k] === line[k]);
  return same ? null : `đã sửa; phiên bản ${previous.version}: ${formatNumber(before.quantity)} ${before.unit} × ${formatDong(before.unitPrice)} = ${formatDong(before.amount)}`;
}

function VersionTable(props: { version: BudgetVersion; appraisal?: Budget['appraisals'][number] | undefined; previous?: BudgetVersion | undefined }) {
  const { version, appraisal, previous } = props;
  const removed = previous ? previous.lines.filter((p) => !version.lines.some((l) => l.lineNo === p.lineNo)) : [];
  return (
    <table class="lines" data-testid={`version-${version.version}`}>
      <thead>
        <tr>
          <th scope="col">STT</th>
          <th scope="col">Nội dung</th>
          <th scope="col">Hoạt động</th>
          <th scope="col">Số lượng</th>
          <th scope="col">Đơn vị tính</th>
          <th scope="col">Đơn giá</th>
          <th scope="col">Thành tiền</th>
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

/** Shows a refusal: field messages beside the fields, the rest in one sentence. */
function useRefusal() {
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  return {
    errors,
    message,
    clear() {
      setErrors({});
      setMessage(null);
    },
    show(problem: Problem | null, rename: Record<string, string> = {}) {
      if (!problem) {
        setErrors({});
        setMessage(null);
        return;
      }
      const { byField, other } = fieldMessages(problem);
      setErrors(Object.fromEntries(Object.entries(byField).map(([k, v]) => [rename[k] ?? k, v])));
      setMessage([plainMessage(problem), ...other].join(' '));
    },
  };
}

function AppraiseForm(props: { version: BudgetVersion; post: Post; mayRequestRevision: boolean }) {
  const [recommended, setRecommended] = useState(props.version.lines.map((l) => formatNumber(l.amount)));
  const [comments, setComments] = useState(props.version.lines.map(() => ''));
  const [opinion, setOpinion] = useState('');
  const refusal = useRefusal();
  const total = recommended.reduce((s, r) => s + (Number.isNaN(parseWhole(r)) ? 0 : parseWhole(r)), 0);

  async function appraise(e: Event) {
    e.preventDefault();
    const lines = props.version.lines.map((l, i) => {
      const n = parseWhole(recommended[i] ?? '');
      return { lineNo: l.lineNo, recommendedAmount: Number.isNaN(n) ? (recommended[i] as unknown as number) : n, ...(comments[i]?.trim() ? { comment: comments[i] } : {}) };
    });
    refusal.show(await props.post('appraise', { lines, opinion }));
  }
  async function requestRevision() {
    refusal.show(await props.post('request-revision', { comments: opinion }), { comments: 'opinion' });
  }

  return (
    <form class="appraise" onSubmit={(e) => void appraise(e)} noValidate>
      <h3>Thẩm định</h3>
      {refusal.message && (
        <p class="error" role="alert">
          {refusal.message}
        </p>
      )}
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
                    {...fieldAttrs(name, refusal.errors)}
                    class="num"
                    inputMode="numeric"
                    aria-label={`Số đề nghị dòng ${l.lineNo}`}
                    value={recommended[i]}
                    onInput={(e) => setRecommended(recommended.map((r, j) => (j === i ? e.currentTarget.value : r)))}
                  />
                  {over && !refusal.errors[name] && <span class="field-warning">Vượt số dự toán</span>}
                  {refusal.errors[name] && (
                    <span class="field-error" id={`f-lines-${i}-recommendedAmount-error`} role="alert">
                      {refusal.errors[name]}
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
      <Field name="opinion" label="Ý kiến thẩm định (hoặc nội dung yêu cầu chỉnh sửa)" errors={refusal.errors}>
        <textarea {...fieldAttrs('opinion', refusal.errors)} rows={3} value={opinion} onInput={(e) => setOpinion(e.currentTarget.value)} />
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
    </form>
  );
}

function DecideForm(props: { appraisedTotal: number; post: Post }) {
  const [amount, setAmount] = useState(formatNumber(props.appraisedTotal));
  const [decisionNumber, setDecisionNumber] = useState('');
  const [decisionDate, setDecisionDate] = useState(todayInVietnam());
  const refusal = useRefusal();

  async function approve(e: Event) {
    e.preventDefault();
    const n = parseWhole(amount);
    refusal.show(await props.post('approve', { amount: Number.isNaN(n) ? amount : n, decisionNumber, decisionDate }));
  }
  return (
      <form class="decide" onSubmit={(e) => void approve(e)} noValidate>
        <h3>Phê duyệt</h3>
        <p>
          Số thẩm định: <strong>{formatDong(props.appraisedTotal)}</strong>; số phê duyệt không được vượt số này.
        </p>
        {refusal.message && (
          <p class="error" role="alert">
            {refusal.message}
          </p>
        )}
        <Field name="amount" label="Số tiền phê duyệt (đ)" errors={refusal.errors}>
          <input {...fieldAttrs('amount', refusal.errors)} class="num" inputMode="numeric" value={amount} onInput={(e) => setAmount(e.currentTarget.value)} />
        </Field>
        <Field name="decisionNumber" label="Số quyết định" errors={refusal.errors}>
          <input {...fieldAttrs('decisionNumber', refusal.errors)} placeholder="vd. 123/QĐ-UBND" value={decisionNumber} onInput={(e) => setDecisionNumber(e.currentTarget.value)} />
        </Field>
        <Field name="decisionDate" label="Ngày quyết định" errors={refusal.errors}>
          <input {...fieldAttrs('decisionDate', refusal.errors)} type="date" value={decisionDate} onInput={(e) => setDecisionDate(e.currentTarget.value)} />
        </Field>
        <button type="submit" class="primary">
          Phê duyệt
        </button>
    </form>
  );
}

function ReasonForm(props: { legend: string; buttons: Array<{ action: BudgetAction; label: string }>; post: Post }) {
  const [reason, setReason] = useState('');
  const refusal = useRefusal();
  const send = async (action: BudgetAction) => refusal.show(await props.post(action, { reason }));
  return (
    <form class="reason" onSubmit={(e) => e.preventDefault()} noValidate>
      <h3>{props.legend}</h3>
      {refusal.message && (
        <p class="error" role="alert">
          {refusal.message}
        </p>
      )}
      <Field name="reason" label="Lý do" errors={refusal.errors}>
        <textarea {...fieldAttrs('reason', refusal.errors)} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <div class="buttons">
        {props.buttons.map((b) => (
          <button key={b.action} type="button" onClick={() => void send(b.action)}>
            {b.label}
          </button>
        ))}
      </div>
    </form>
  );
}
