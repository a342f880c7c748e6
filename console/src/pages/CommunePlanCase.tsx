/**
 * A commune's plan: its state, who must act and by when, what was sent (with the signed file), the reviews,
 * and the forms of exactly the actions the API says the person may take now: the commune officer sends the
 * plan with its file (upload with progress), the reviewer accepts or returns it.
 */
import { useState } from 'preact/hooks';
import { downloadWithToken, uploadDocument } from '../api/upload';
import { ActionForm, UploadProgress, useActionForm } from '../components/ActionForm';
import { AwaitingFact, CaseActions, CaseNotices, CaseUnavailable, StatusFact } from '../components/CaseParts';
import { Field, fieldAttrs } from '../components/fields';
import { dueIn, formatDate, formatDateTime, todayInVietnam, formatPlanReference } from '../format';
import { communePlanStatusLabels } from '../labels';
import { useCase, type CaseAction, type Post } from '../useCase';

const CASE = '/api/v1/commune-plans/{id}';
type Action = CaseAction<typeof CASE>;

const done: Record<Action, string> = {
  submit: 'Đã gửi kế hoạch của xã.',
  accept: 'Đã chấp nhận kế hoạch của xã.',
  return: 'Đã trả lại kế hoạch để xã hoàn thiện.',
  'request-extension': 'Đã gửi đề nghị gia hạn tới lãnh đạo.',
  'grant-extension': 'Đã đồng ý gia hạn.',
  'refuse-extension': 'Đã không đồng ý gia hạn.',
};

export function CommunePlanCasePage(props: { id: string }) {
  const { state: plan, allowed, may, error, flash, refused, post } = useCase(CASE, { id: props.id }, done);

  if (error || !plan) return <CaseUnavailable title="Kế hoạch của xã" error={error} />;
  const lastReview = plan.reviews[plan.reviews.length - 1];

  return (
    <main class="page">
      <p class="kicker">Kế hoạch của xã, thị trấn · {plan.commune.name}</p>
      <h1>Kế hoạch của {plan.commune.name}</h1>
      <p>
        Thực hiện {plan.plan.title} ({formatPlanReference(plan.plan.reference)})
      </p>
      <CaseNotices flash={flash} refused={refused} />
      <dl class="facts">
        <StatusFact status={plan.status} label={communePlanStatusLabels[plan.status]} />
        <AwaitingFact awaiting={plan.awaiting} nobody="Không còn ai (đã chấp nhận)" />
        <dt>Hạn gửi kế hoạch</dt>
        <dd data-testid="due" class={plan.overdue ? 'overdue' : ''}>
          {formatDateTime(plan.deadline.dueAt)} ({plan.overdue ? 'quá hạn' : dueIn(plan.deadline.dueAt)})
        </dd>
      </dl>
      {plan.status === 'returned' && lastReview && (
        <section class="callout">
          <h2>Ý kiến khi trả lại</h2>
          <p>
            {lastReview.by.name}, {formatDateTime(lastReview.at)}: {lastReview.comments}
          </p>
        </section>
      )}

      <h2>Các lần gửi</h2>
      {plan.submissions.length === 0 && <p>Xã chưa gửi kế hoạch.</p>}
      {plan.submissions.length > 0 && (
        <table data-testid="submissions">
          <thead>
            <tr>
              <th scope="col">Lần</th>
              <th scope="col">Số, ngày</th>
              <th scope="col">Người ký</th>
              <th scope="col">Trích yếu</th>
              <th scope="col">Tệp</th>
              <th scope="col">Gửi lúc</th>
            </tr>
          </thead>
          <tbody>
            {plan.submissions.map((s) => (
              <tr key={s.version}>
                <td>{s.version}</td>
                <td>
                  {s.number}, ngày {formatDate(s.date)}
                </td>
                <td>{s.signer}</td>
                <td>{s.summary}</td>
                <td>
                  <button type="button" class="link" onClick={() => void downloadWithToken(`/api/v1/commune-plans/${encodeURIComponent(plan.id)}/document?version=${s.version}`, s.document.filename)}>
                    {s.document.filename}
                  </button>
                </td>
                <td class={s.late ? 'overdue' : ''}>
                  {formatDateTime(s.at)}
                  {s.late ? ` (chậm ${s.daysLate} ngày làm việc)` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plan.reviews.length > 0 && (
        <>
          <h2>Ý kiến xem xét</h2>
          <ul>
            {plan.reviews.map((r) => (
              <li key={`${r.version}-${r.at}`}>
                Lần {r.version}: {r.outcome === 'accepted' ? 'chấp nhận' : 'trả lại'} — {r.by.name}, {formatDateTime(r.at)}
                {r.comments ? `: ${r.comments}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}

      {plan.extensions.length > 0 && (
        <>
          <h2>Đề nghị gia hạn</h2>
          <ul data-testid="extensions">
            {plan.extensions.map((x) => (
              <li key={x.no}>
                {x.by.name}, {formatDateTime(x.at)}: xin gia hạn đến {formatDate(x.requestedDate)} (hạn cũ {formatDate(x.previousDueDate)}) — {x.reason}.{' '}
                {x.decision
                  ? x.decision.outcome === 'granted'
                    ? `Đồng ý, hạn mới ${formatDate(x.decision.dueDate ?? x.requestedDate)} (${x.decision.by.name})`
                    : `Không đồng ý (${x.decision.by.name})${x.decision.comments ? `: ${x.decision.comments}` : ''}`
                  : 'Chờ lãnh đạo quyết định.'}
              </li>
            ))}
          </ul>
        </>
      )}

      <CaseActions allowed={allowed}>
        {may('submit') && <SubmitForm post={post} />}
        {(may('accept') || may('return')) && <ReviewForm post={post} mayAccept={may('accept')} mayReturn={may('return')} />}
        {may('request-extension') && <ExtensionRequestForm post={post} />}
        {(may('grant-extension') || may('refuse-extension')) && (
          <ExtensionDecisionForm post={post} requestedDate={plan.extensions[plan.extensions.length - 1]?.requestedDate ?? ''} mayGrant={may('grant-extension')} mayRefuse={may('refuse-extension')} />
        )}
      </CaseActions>
    </main>
  );
}

function SubmitForm(props: { post: Post<Action> }) {
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(todayInVietnam());
  const [signer, setSigner] = useState('');
  const [summary, setSummary] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const form = useActionForm();

  async function submit() {
    if (!file) return { status: 400, errors: [{ field: 'document', message: 'chọn tệp kế hoạch đã ký' }] };
    setProgress(0);
    const uploaded = await uploadDocument(file, setProgress);
    if ('problem' in uploaded) {
      setProgress(null);
      return { ...uploaded.problem, errors: [{ field: 'document', message: uploaded.problem.detail ?? 'không tải lên được' }] };
    }
    return props.post('submit', { number, date, signer, summary, document: uploaded.ref });
  }

  return (
    <ActionForm form={form} class="submit-plan" title="Gửi kế hoạch của xã" onSubmit={submit}>
      <Field name="number" label="Số, ký hiệu" errors={form.errors}>
        <input {...fieldAttrs('number', form.errors)} placeholder="vd. 15/KH-UBND" value={number} onInput={(e) => setNumber(e.currentTarget.value)} />
      </Field>
      <Field name="date" label="Ngày ban hành" errors={form.errors}>
        <input {...fieldAttrs('date', form.errors)} type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
      </Field>
      <Field name="signer" label="Người ký" errors={form.errors}>
        <input {...fieldAttrs('signer', form.errors)} placeholder="vd. Hoàng Văn A - Chủ tịch UBND xã" value={signer} onInput={(e) => setSigner(e.currentTarget.value)} />
      </Field>
      <Field name="summary" label="Trích yếu" errors={form.errors}>
        <textarea {...fieldAttrs('summary', form.errors)} rows={3} value={summary} onInput={(e) => setSummary(e.currentTarget.value)} />
      </Field>
      <Field name="document" label="Tệp kế hoạch đã ký (PDF, DOCX…)" errors={form.errors}>
        <input {...fieldAttrs('document', form.errors)} type="file" accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
      </Field>
      <UploadProgress progress={progress} />
      <button type="submit" class="primary">
        Gửi kế hoạch
      </button>
    </ActionForm>
  );
}

function ReviewForm(props: { post: Post<Action>; mayAccept: boolean; mayReturn: boolean }) {
  const [comments, setComments] = useState('');
  const form = useActionForm();
  return (
    <ActionForm form={form} class="review" title="Xem xét kế hoạch của xã">
      <Field name="comments" label="Ý kiến (bắt buộc khi trả lại)" errors={form.errors}>
        <textarea {...fieldAttrs('comments', form.errors)} rows={3} value={comments} onInput={(e) => setComments(e.currentTarget.value)} />
      </Field>
      <div class="buttons">
        {props.mayAccept && (
          <button type="button" class="primary" onClick={() => void form.send(() => props.post('accept', comments.trim() ? { comments } : {}))}>
            Chấp nhận
          </button>
        )}
        {props.mayReturn && (
          <button type="button" onClick={() => void form.send(() => props.post('return', { comments }))}>
            Trả lại
          </button>
        )}
      </div>
    </ActionForm>
  );
}

function ExtensionRequestForm(props: { post: Post<Action> }) {
  const [reason, setReason] = useState('');
  const [requestedDate, setRequestedDate] = useState('');
  const form = useActionForm();
  return (
    <ActionForm form={form} class="extension" title="Đề nghị gia hạn" onSubmit={() => props.post('request-extension', { reason, requestedDate })}>
      <Field name="reason" label="Lý do xin gia hạn" errors={form.errors}>
        <textarea {...fieldAttrs('reason', form.errors)} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <Field name="requestedDate" label="Xin gia hạn đến ngày" errors={form.errors}>
        <input {...fieldAttrs('requestedDate', form.errors)} type="date" value={requestedDate} onInput={(e) => setRequestedDate(e.currentTarget.value)} />
      </Field>
      <button type="submit">Gửi đề nghị gia hạn</button>
    </ActionForm>
  );
}

function ExtensionDecisionForm(props: { post: Post<Action>; requestedDate: string; mayGrant: boolean; mayRefuse: boolean }) {
  const [dueDate, setDueDate] = useState(props.requestedDate);
  const [text, setText] = useState('');
  const form = useActionForm();
  return (
    <ActionForm form={form} class="extension-decision" title="Quyết định gia hạn">
      <Field name="dueDate" label="Hạn mới" errors={form.errors}>
        <input {...fieldAttrs('dueDate', form.errors)} type="date" value={dueDate} onInput={(e) => setDueDate(e.currentTarget.value)} />
      </Field>
      <Field name="reason" label="Ý kiến (bắt buộc khi không đồng ý)" errors={form.errors}>
        <textarea {...fieldAttrs('reason', form.errors)} rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </Field>
      <div class="buttons">
        {props.mayGrant && (
          <button
            type="button"
            class="primary"
            // The comments of a grant are typed in the same box as a refusal's reason.
            onClick={() => void form.send(() => props.post('grant-extension', { dueDate, ...(text.trim() ? { comments: text } : {}) }), { comments: 'reason' })}
          >
            Đồng ý gia hạn
          </button>
        )}
        {props.mayRefuse && (
          <button type="button" onClick={() => void form.send(() => props.post('refuse-extension', { reason: text }))}>
            Không đồng ý
          </button>
        )}
      </div>
    </ActionForm>
  );
}
