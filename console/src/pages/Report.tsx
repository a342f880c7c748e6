/**
 * The consolidated report to the level above (the province, for a district or a commune): its state, who must act and by when, the compiled
 * figures (totals, per agency, budgets), who is late or missing, every draft with its .docx, the leaders'
 * returns and where it was sent. The office edits the narrative (a new draft follows); a leader approves it or
 * returns it with comments. Only the actions the API allows now are offered.
 */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { downloadWithToken } from '../api/upload';
import { ActionForm, useActionForm } from '../components/ActionForm';
import { AwaitingFact, CaseActions, CaseNotices, CaseUnavailable, StatusFact } from '../components/CaseParts';
import { Field, fieldAttrs } from '../components/fields';
import { dueIn, formatDate, formatDateTime, formatDong, formatNumber, formatPlanReference } from '../format';
import { assignmentStatusLabels, communePlanStatusLabels, FIGURES, reportStatusLabelsOf } from '../labels';
import { Link } from '../router';
import { useAboveName } from '../units';
import { useCase, type CaseAction, type CaseState, type Post } from '../useCase';

const CASE = '/api/v1/reports/{id}';
type Action = CaseAction<typeof CASE>;
type Compiled = NonNullable<CaseState<typeof CASE>['report']>;

/** What each action did, naming the level above as the tenant does ("UBND tỉnh"). */
const doneOf = (above: string): Record<Action, string> => ({
  'edit-narrative': 'Đã lưu nội dung; dự thảo mới đang được lập.',
  approve: `Đã duyệt; báo cáo đang được gửi ${above}.`,
  return: 'Đã trả lại dự thảo cho Văn phòng.',
});

/** States the workflow leaves by itself (compiling, drafting, sending): the page looks again shortly. */
const PASSING = new Set(['collecting', 'drafting', 'approved']);

export function ReportPage(props: { campaignId: string }) {
  const above = useAboveName();
  const { state, allowed, may, error, flash, refused, post, load } = useCase(CASE, { id: props.campaignId }, doneOf(above));
  useEffect(() => {
    if (!state || !PASSING.has(state.status)) return;
    const t = setTimeout(() => void load(), 1000);
    return () => clearTimeout(t);
  }, [state]);

  if (error || !state) return <CaseUnavailable title={`Báo cáo gửi ${above}`} error={error} />;
  const base = `/api/v1/reports/${encodeURIComponent(props.campaignId)}`;
  const lastDraft = state.drafts[state.drafts.length - 1];
  const lastReturn = state.returns[state.returns.length - 1];

  return (
    <main class="page">
      <p class="kicker">
        Báo cáo tổng hợp gửi {above} · <Link href={`/campaigns/${state.campaignId}`}>Bảng theo dõi {formatPlanReference(state.plan.reference)}</Link>
      </p>
      <h1>Báo cáo kết quả: {state.plan.title}</h1>
      <CaseNotices flash={flash} refused={refused} />
      <dl class="facts">
        <StatusFact status={state.status} label={reportStatusLabelsOf(above)[state.status]} />
        <AwaitingFact awaiting={state.awaiting} nobody="Không có ai lúc này" />
        <dt>Hạn báo cáo</dt>
        <dd data-testid="due">{state.dueAt ? formatDateTime(state.dueAt) : formatDate(state.reportDue)}
          {state.dueAt && state.status === 'collecting' ? ` (${dueIn(state.dueAt)})` : ''}</dd>
        {state.compiledAt && (
          <>
            <dt>Tổng hợp lúc</dt>
            <dd>
              {formatDateTime(state.compiledAt)} ({state.compiledBecause === 'all_accepted' ? 'mọi báo cáo đã được chấp nhận' : 'đã hết hạn báo cáo'})
            </dd>
          </>
        )}
        {state.number && (
          <>
            <dt>Số văn bản</dt>
            <dd>
              {state.number}/BC-UBND
            </dd>
          </>
        )}
      </dl>

      {state.status === 'returned' && lastReturn && (
        <section class="callout">
          <h2>Ý kiến của lãnh đạo khi trả lại</h2>
          <p data-testid="last-return">
            {lastReturn.by.name}, {formatDateTime(lastReturn.at)}: {lastReturn.comments}
          </p>
        </section>
      )}

      {state.sent && (
        <section class="callout" data-testid="sent">
          <h2>Đã gửi {above}</h2>
          <p>
            {formatDateTime(state.sent.at)}, dự thảo lần {state.sent.draft}, tới {state.sent.to.join(', ')}.
          </p>
          <p class="meta">
            Tiêu đề thư: {state.sent.subject} · Mã thư: <code>{state.sent.messageId}</code>
          </p>
        </section>
      )}

      {state.report ? <Figures report={state.report} campaignId={state.campaignId} /> : <p>Chưa tổng hợp: báo cáo được lập khi mọi đơn vị đã được chấp nhận báo cáo, hoặc khi hết hạn.</p>}

      <h2>Các lần dự thảo</h2>
      {state.drafts.length === 0 && <p>Chưa có dự thảo.</p>}
      <ul data-testid="drafts">
        {[...state.drafts].reverse().map((d) => (
          <li key={d.version} data-testid={`draft-${d.version}`}>
            Lần {d.version}, {formatDateTime(d.at)}
            {d.by ? ` (theo chỉnh sửa của ${d.by.name})` : ''}
            {d.number ? `, số ${d.number}/BC-UBND` : ''} —{' '}
            <button type="button" class="link" onClick={() => void downloadWithToken(`${base}/document?draft=${d.version}`, d.document.filename)}>
              {d.document.filename}
            </button>
          </li>
        ))}
      </ul>

      {state.returns.length > 0 && (
        <>
          <h2>Ý kiến trả lại</h2>
          <ul data-testid="returns">
            {state.returns.map((r, i) => (
              <li key={i}>
                Dự thảo lần {r.draft}: {r.by.name}, {formatDateTime(r.at)} — {r.comments}
              </li>
            ))}
          </ul>
        </>
      )}
      {state.approval && (
        <p data-testid="approval">
          Đã duyệt dự thảo lần {state.approval.draft}: {state.approval.by.name}, {formatDateTime(state.approval.at)}
          {state.approval.comment ? ` — ${state.approval.comment}` : ''}
        </p>
      )}

      <CaseActions allowed={allowed}>
        {may('edit-narrative') && <EditForm post={post} narrative={state.narrative ?? lastDraft?.narrative ?? ''} number={state.number ?? ''} />}
        {(may('approve') || may('return')) && <DecideForm post={post} mayApprove={may('approve')} mayReturn={may('return')} above={above} />}
      </CaseActions>
    </main>
  );
}

/** The compiled figures as the report prints them: totals, part III per agency, budgets, who is late or missing. */
function Figures(props: { report: Compiled; campaignId: string }) {
  const r = props.report;
  const budgets = r.budgets;
  const showOverspent = budgets.totals.overspent !== undefined;
  const l = r.lateness;
  return (
    <>
      <h2>Số liệu tổng hợp (đến {formatDateTime(r.asOf)})</h2>
      <dl class="facts" data-testid="totals">
        {FIGURES.map(([k, label, money]) => (
          <Fragment key={k}>
            <dt>{label.replace(' (đ)', '')}</dt>
            <dd data-testid={`total-${k}`}>{money ? formatDong(r.totals[k]) : formatNumber(r.totals[k])}</dd>
          </Fragment>
        ))}
      </dl>

      <h3>Theo đơn vị được giao nhiệm vụ</h3>
      <table data-testid="agencies">
        <thead>
          <tr>
            <th title="Mục của kế hoạch giao nhiệm vụ (một mục có thể giao nhiều đơn vị)">Mục KH</th>
            <th>Đơn vị</th>
            <th>Trạng thái</th>
            <th class="num">Hoạt động</th>
            <th class="num">Lượt người</th>
            <th class="num">Kinh phí đã chi</th>
          </tr>
        </thead>
        <tbody>
          {r.agencies.map((a) => (
            <tr key={`${a.number}-${a.agency}`}>
              <td>III.{a.number}</td>
              <td>
                <Link href={`/assignments/${props.campaignId}/${a.number}-${a.agency}`}>{a.name}</Link>
              </td>
              <td>
                {a.status === 'not_started' ? 'Chưa bắt đầu' : (assignmentStatusLabels[a.status] ?? a.status)}
                {a.late ? ' (báo cáo chậm)' : ''}
              </td>
              <td class="num">{a.figures ? formatNumber(a.figures.eventsHeld) : '—'}</td>
              <td class="num">{a.figures ? formatNumber(a.figures.peopleReached) : '—'}</td>
              <td class="amount">{a.figures ? formatDong(a.figures.moneySpent) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Kinh phí</h3>
      <table data-testid="budgets">
        <thead>
          <tr>
            <th>Đơn vị</th>
            <th class="num">Dự toán đề nghị</th>
            <th class="num">Được phê duyệt</th>
            <th class="num">Đã chi</th>
            {showOverspent && <th class="num">Chi vượt</th>}
          </tr>
        </thead>
        <tbody>
          {budgets.rows.map((b) => (
            <tr key={b.agency} class={b.overspent ? 'overdue' : ''}>
              <td>{b.name}</td>
              <td class="amount">{formatDong(b.requested)}</td>
              <td class="amount">{formatDong(b.approved)}</td>
              <td class="amount">{formatDong(b.spent)}</td>
              {showOverspent && <td class="amount">{formatDong(b.overspent ?? 0)}</td>}
            </tr>
          ))}
          <tr>
            <th>Cộng</th>
            <th class="num">{formatDong(budgets.totals.requested)}</th>
            <th class="num">{formatDong(budgets.totals.approved)}</th>
            <th class="num">{formatDong(budgets.totals.spent)}</th>
            {showOverspent && <th class="num">{formatDong(budgets.totals.overspent ?? 0)}</th>}
          </tr>
        </tbody>
      </table>

      <h3>Kế hoạch của các xã, thị trấn</h3>
      <p data-testid="communes">
        {r.communes.totals.accepted}/{r.communes.totals.communes} đã được chấp nhận; {r.communes.totals.submitted} chờ xem xét, {r.communes.totals.returned} trả lại,{' '}
        {r.communes.totals.awaiting} chưa gửi, {r.communes.totals.late} gửi chậm.
      </p>

      <h3>Chậm, chưa báo cáo</h3>
      <dl class="facts" data-testid="lateness">
        <dt>Đơn vị báo cáo chậm</dt>
        <dd>{l.lateAgencies.length ? l.lateAgencies.map((a) => a.name).join('; ') : 'Không có'}</dd>
        <dt>Đơn vị chưa có báo cáo được chấp nhận</dt>
        <dd data-testid="missing-agencies">{l.missingAgencies.length ? l.missingAgencies.map((a) => `${a.name} (${a.status === 'not_started' ? 'chưa bắt đầu' : (assignmentStatusLabels[a.status] ?? a.status).toLowerCase()})`).join('; ') : 'Không có'}</dd>
        <dt>Xã, thị trấn gửi chậm</dt>
        <dd>{l.lateCommunes.length ? l.lateCommunes.map((c) => `${c.name} (${c.daysLate} ngày làm việc)`).join('; ') : 'Không có'}</dd>
        <dt>Xã, thị trấn chưa có kế hoạch được chấp nhận</dt>
        <dd data-testid="missing-communes">
          {l.missingCommunes.length ? l.missingCommunes.map((c) => `${c.name} (${c.status === 'not_started' ? 'chưa bắt đầu' : (communePlanStatusLabels[c.status] ?? c.status).toLowerCase()})`).join('; ') : 'Không có'}
        </dd>
      </dl>
    </>
  );
}

function EditForm(props: { post: Post<Action>; narrative: string; number: string }) {
  const [narrative, setNarrative] = useState(props.narrative);
  const [number, setNumber] = useState(props.number);
  const form = useActionForm();
  return (
    <ActionForm form={form} class="edit-narrative" title="Chỉnh sửa dự thảo (Văn phòng)" onSubmit={() => props.post('edit-narrative', { narrative, ...(number.trim() ? { number: number.trim() } : {}) })}>
      <Field name="narrative" label="Phần đánh giá (các đoạn cách nhau một dòng trống)" errors={form.errors}>
        <textarea {...fieldAttrs('narrative', form.errors)} rows={8} value={narrative} onInput={(e) => setNarrative(e.currentTarget.value)} />
      </Field>
      <Field name="number" label="Số văn bản (chỉ phần số; ký hiệu /BC-UBND tự thêm)" errors={form.errors}>
        <input {...fieldAttrs('number', form.errors)} inputMode="numeric" value={number} onInput={(e) => setNumber(e.currentTarget.value)} />
      </Field>
      <button type="submit" class="primary">
        Lưu và lập dự thảo mới
      </button>
    </ActionForm>
  );
}

function DecideForm(props: { post: Post<Action>; mayApprove: boolean; mayReturn: boolean; above: string }) {
  const [text, setText] = useState('');
  const form = useActionForm();
  // One box for both: the comment of an approval, or the comments of a return (then required).
  const box = form.errors.comment ? 'comment' : 'comments';
  return (
    <ActionForm form={form} class="decide" title="Ý kiến của lãnh đạo">
      <Field name={box} label="Ý kiến (bắt buộc khi trả lại)" errors={form.errors}>
        <textarea {...fieldAttrs(box, form.errors)} rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </Field>
      <div class="buttons">
        {props.mayApprove && (
          <button type="button" class="primary" onClick={() => void form.send(() => props.post('approve', text.trim() ? { comment: text } : {}))}>
            Duyệt và gửi {props.above}
          </button>
        )}
        {props.mayReturn && (
          <button type="button" onClick={() => void form.send(() => props.post('return', { comments: text }))}>
            Trả lại dự thảo
          </button>
        )}
      </div>
    </ActionForm>
  );
}
