/**
 * One estimate: its state, who must act and by when, the current version's lines, the appraisal and decision,
 * earlier versions, the history (the audit timeline, where the person may read it), and the forms of exactly
 * the actions the API says the person may take now (GET /api/v1/budgets/{id}/actions).
 */
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { BudgetAction, Timeline } from '../api/types';
import { ActionForm, useActionForm } from '../components/ActionForm';
import { AppraiseForm } from '../components/AppraiseForm';
import { CaseHistory } from '../components/CaseHistory';
import { AwaitingFact, CaseActions, CaseNotices, CaseUnavailable, StatusFact } from '../components/CaseParts';
import { EstimateForm } from '../components/EstimateForm';
import { Field, fieldAttrs } from '../components/fields';
import { VersionTable } from '../components/VersionTable';
import { parseWhole } from '../estimate';
import { dueIn, formatDate, formatDateTime, formatDong, formatNumber, todayInVietnam } from '../format';
import type { Capacity } from '../../../workflows/common/capacity';
import { capacityLine } from '../../../workflows/common/capacity-text';
import { budgetStatusLabels } from '../labels';
import { useUnitNames } from '../units';
import { useCase, type Post } from '../useCase';

const done: Record<BudgetAction, string> = {
  'request-revision': 'Đã gửi yêu cầu chỉnh sửa.',
  resubmit: 'Đã gửi lại dự toán.',
  appraise: 'Đã thẩm định; hồ sơ chuyển lãnh đạo quyết định.',
  approve: 'Đã phê duyệt dự toán.',
  'return-to-appraisal': 'Đã trả lại để thẩm định lại.',
  reject: 'Đã không phê duyệt dự toán.',
  withdraw: 'Đã rút dự toán.',
};

/** Who decided, under which authority when it was recorded ("KT. Chủ tịch, Phó Chủ tịch …"). */
const decidedBy = (by: { name: string; capacity?: Capacity | undefined }): string => (by.capacity ? capacityLine(by.capacity) : by.name);

export function BudgetCasePage(props: { id: string }) {
  const [timeline, setTimeline] = useState<Timeline | null | 'hidden'>(null);
  const readTimeline = async () => {
    const t = await api.GET('/api/v1/audit/workflows/{workflowId}/timeline', { params: { path: { workflowId: `budget:${props.id}` }, query: {} } });
    setTimeline(t.data ?? 'hidden');
  };
  const { state: budget, allowed, may, error, flash, refused, post } = useCase('/api/v1/budgets/{id}', { id: props.id }, done, readTimeline);
  const unitName = useUnitNames();

  if (error || !budget) return <CaseUnavailable title={`Dự toán ${props.id}`} error={error} />;

  const current = budget.versions[budget.versions.length - 1]!;
  const appraisal = budget.appraisals.find((a) => a.version === current.version && budget.appraisals[budget.appraisals.length - 1] === a);
  const lastRevision = budget.revisionRequests[budget.revisionRequests.length - 1];
  const lastReturn = budget.returns[budget.returns.length - 1];

  return (
    <main class="page">
      <p class="kicker">Dự toán kinh phí · {budget.id}</p>
      <h1>{current.title}</h1>
      <CaseNotices flash={flash} refused={refused} />
      <dl class="facts">
        <StatusFact status={budget.status} label={budgetStatusLabels[budget.status]} />
        <dt>Đơn vị lập</dt>
        <dd>{unitName(budget.agency)}</dd>
        <AwaitingFact awaiting={budget.awaiting} nobody="Không còn ai (hồ sơ đã kết thúc)" />
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
              Phê duyệt {formatDong(budget.decision.amount ?? 0)} theo Quyết định số {budget.decision.decisionNumber} ngày {formatDate(budget.decision.decisionDate ?? '')} ({decidedBy(budget.decision.by)})
            </p>
          ) : (
            <p data-testid="decision">
              Không phê duyệt ({decidedBy(budget.decision.by)}, {formatDateTime(budget.decision.at)}): {budget.decision.reason}
            </p>
          )}
        </section>
      )}
      {budget.withdrawal && (
        <p>
          Đã rút bởi {budget.withdrawal.by.name}, {formatDateTime(budget.withdrawal.at)}: {budget.withdrawal.reason}
        </p>
      )}

      <CaseActions allowed={allowed}>
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
      </CaseActions>

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

      <CaseHistory timeline={timeline} />
    </main>
  );
}

function DecideForm(props: { appraisedTotal: number; post: Post<BudgetAction> }) {
  const [amount, setAmount] = useState(formatNumber(props.appraisedTotal));
  const [decisionNumber, setDecisionNumber] = useState('');
  const [decisionDate, setDecisionDate] = useState(todayInVietnam());
  const form = useActionForm();

  function approve() {
    const n = parseWhole(amount);
    return props.post('approve', { amount: Number.isNaN(n) ? amount : n, decisionNumber, decisionDate });
  }
  return (
    <ActionForm
      form={form}
      class="decide"
      title="Phê duyệt"
      lead={
        <p>
          Số thẩm định: <strong>{formatDong(props.appraisedTotal)}</strong>; số phê duyệt không được vượt số này.
        </p>
      }
      onSubmit={approve}
    >
      <Field name="amount" label="Số tiền phê duyệt (đ)" errors={form.errors}>
        <input {...fieldAttrs('amount', form.errors)} class="num" inputMode="numeric" value={amount} onInput={(e) => setAmount(e.currentTarget.value)} />
      </Field>
      <Field name="decisionNumber" label="Số quyết định" errors={form.errors}>
        <input {...fieldAttrs('decisionNumber', form.errors)} placeholder="vd. 123/QĐ-UBND" value={decisionNumber} onInput={(e) => setDecisionNumber(e.currentTarget.value)} />
      </Field>
      <Field name="decisionDate" label="Ngày quyết định" errors={form.errors}>
        <input {...fieldAttrs('decisionDate', form.errors)} type="date" value={decisionDate} onInput={(e) => setDecisionDate(e.currentTarget.value)} />
      </Field>
      <button type="submit" class="primary">
        Phê duyệt
      </button>
    </ActionForm>
  );
}

function ReasonForm(props: { legend: string; buttons: Array<{ action: BudgetAction; label: string }>; post: Post<BudgetAction> }) {
  const [reason, setReason] = useState('');
  const form = useActionForm();
  return (
    <ActionForm form={form} class="reason" title={props.legend}>
      <Field name="reason" label="Lý do" errors={form.errors}>
        <textarea {...fieldAttrs('reason', form.errors)} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <div class="buttons">
        {props.buttons.map((b) => (
          <button key={b.action} type="button" onClick={() => void form.send(() => props.post(b.action, { reason }))}>
            {b.label}
          </button>
        ))}
      </div>
    </ActionForm>
  );
}
