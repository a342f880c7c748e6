/**
 * A commune's plan: its state, who must act and by when, what was sent (with the signed file), the reviews,
 * and the forms of exactly the actions the API says the person may take now: the commune officer sends the
 * plan with its file (upload with progress), the reviewer accepts or returns it.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { downloadWithToken, uploadDocument } from '../api/upload';
import { Field, fieldAttrs, type Errors } from '../components/fields';
import { dueIn, formatDate, formatDateTime, todayInVietnam } from '../format';
import { communePlanStatusLabels, roleLabels } from '../labels';
import { asProblem, fieldMessages, plainMessage, type Problem } from '../problems';
import { useUnitNames } from '../units';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type CommunePlan = Json<paths['/api/v1/commune-plans/{id}']['get']['responses'][200]>;
type Allowed = Json<paths['/api/v1/commune-plans/{id}/actions']['get']['responses'][200]>;
type Action = Allowed['allowed'][number];
type Post = (action: Action, body: unknown) => Promise<Problem | null>;

const done: Record<Action, string> = {
  submit: 'Đã gửi kế hoạch của xã.',
  accept: 'Đã chấp nhận kế hoạch của xã.',
  return: 'Đã trả lại kế hoạch để xã hoàn thiện.',
  'request-extension': 'Đã gửi đề nghị gia hạn tới lãnh đạo.',
  'grant-extension': 'Đã đồng ý gia hạn.',
  'refuse-extension': 'Đã không đồng ý gia hạn.',
};

export function CommunePlanCasePage(props: { id: string }) {
  const [plan, setPlan] = useState<CommunePlan | null>(null);
  const [actions, setActions] = useState<Allowed | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const unitName = useUnitNames();
  const path = { params: { path: { id: props.id } } };

  async function load() {
    const [p, a] = await Promise.all([api.GET('/api/v1/commune-plans/{id}', path), api.GET('/api/v1/commune-plans/{id}/actions', path)]);
    if (!p.data) {
      setError(plainMessage(asProblem(p.error, p.response.status)));
      return;
    }
    setPlan(p.data);
    setActions(a.data ?? null);
  }
  useEffect(() => {
    void load();
  }, [props.id]);

  const post: Post = async (action, body) => {
    setFlash(null);
    setRefused(null);
    const { data, error: e, response } = await api.POST(`/api/v1/commune-plans/{id}/${action}` as '/api/v1/commune-plans/{id}/accept', { ...path, body: body as never });
    if (!data) {
      const problem = asProblem(e, response.status);
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
        <h1>Kế hoạch của xã</h1>
        <p class="error" role="alert">
          {error}
        </p>
      </main>
    );
  }
  if (!plan) return <main class="page">Đang tải…</main>;
  const may = (a: Action) => actions?.allowed.includes(a) ?? false;
  const lastReview = plan.reviews[plan.reviews.length - 1];

  return (
    <main class="page">
      <p class="kicker">Kế hoạch của xã, thị trấn · {plan.commune.name}</p>
      <h1>Kế hoạch của {plan.commune.name}</h1>
      <p>
        Thực hiện {plan.plan.title} ({plan.plan.reference})
      </p>
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
          <span class={`status status-${plan.status}`} data-testid="status">
            {communePlanStatusLabels[plan.status] ?? plan.status}
          </span>
        </dd>
        <dt>Người phải xử lý</dt>
        <dd data-testid="awaiting">{plan.awaiting ? `${roleLabels[plan.awaiting.role] ?? plan.awaiting.role}, ${unitName(plan.awaiting.agency)}` : 'Không còn ai (đã chấp nhận)'}</dd>
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

      {actions && actions.allowed.length > 0 && (
        <section class="actions" aria-label="Thao tác">
          <h2>Việc bạn cần làm</h2>
          {may('submit') && <SubmitForm post={post} />}
          {(may('accept') || may('return')) && <ReviewForm post={post} mayAccept={may('accept')} mayReturn={may('return')} />}
          {may('request-extension') && <ExtensionRequestForm post={post} />}
          {(may('grant-extension') || may('refuse-extension')) && (
            <ExtensionDecisionForm post={post} requestedDate={plan.extensions[plan.extensions.length - 1]?.requestedDate ?? ''} mayGrant={may('grant-extension')} mayRefuse={may('refuse-extension')} />
          )}
        </section>
      )}
    </main>
  );
}

function useRefusal() {
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  return {
    errors,
    message,
    show(problem: Problem | null) {
      if (!problem) {
        setErrors({});
        setMessage(null);
        return;
      }
      const { byField, other } = fieldMessages(problem);
      setErrors(byField);
      setMessage([plainMessage(problem), ...other].join(' '));
    },
  };
}

function SubmitForm(props: { post: Post }) {
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(todayInVietnam());
  const [signer, setSigner] = useState('');
  const [summary, setSummary] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const refusal = useRefusal();

  async function submit(e: Event) {
    e.preventDefault();
    if (!file) {
      refusal.show({ status: 400, errors: [{ field: 'document', message: 'chọn tệp kế hoạch đã ký' }] });
      return;
    }
    setProgress(0);
    const uploaded = await uploadDocument(file, setProgress);
    if ('problem' in uploaded) {
      setProgress(null);
      refusal.show({ ...uploaded.problem, errors: [{ field: 'document', message: uploaded.problem.detail ?? 'không tải lên được' }] });
      return;
    }
    refusal.show(await props.post('submit', { number, date, signer, summary, document: uploaded.ref }));
  }

  return (
    <form class="submit-plan" onSubmit={(e) => void submit(e)} noValidate>
      <h3>Gửi kế hoạch của xã</h3>
      {refusal.message && (
        <p class="error" role="alert">
          {refusal.message}
        </p>
      )}
      <Field name="number" label="Số, ký hiệu" errors={refusal.errors}>
        <input {...fieldAttrs('number', refusal.errors)} placeholder="vd. 15/KH-UBND" value={number} onInput={(e) => setNumber(e.currentTarget.value)} />
      </Field>
      <Field name="date" label="Ngày ban hành" errors={refusal.errors}>
        <input {...fieldAttrs('date', refusal.errors)} type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
      </Field>
      <Field name="signer" label="Người ký" errors={refusal.errors}>
        <input {...fieldAttrs('signer', refusal.errors)} placeholder="vd. Hoàng Văn A - Chủ tịch UBND xã" value={signer} onInput={(e) => setSigner(e.currentTarget.value)} />
      </Field>
      <Field name="summary" label="Trích yếu" errors={refusal.errors}>
        <textarea {...fieldAttrs('summary', refusal.errors)} rows={3} value={summary} onInput={(e) => setSummary(e.currentTarget.value)} />
      </Field>
      <Field name="document" label="Tệp kế hoạch đã ký (PDF, DOCX…)" errors={refusal.errors}>
        <input {...fieldAttrs('document', refusal.errors)} type="file" accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
      </Field>
      {progress !== null && (
        <p>
          <label>
            Đang tải lên: <progress data-testid="upload-progress" max={1} value={progress} /> {Math.round(progress * 100)}%
          </label>
        </p>
      )}
      <button type="submit" class="primary">
        Gửi kế hoạch
      </button>
    </form>
  );
}

function ReviewForm(props: { post: Post; mayAccept: boolean; mayReturn: boolean }) {
  const [comments, setComments] = useState('');
  const refusal = useRefusal();
  return (
    <form class="review" onSubmit={(e) => e.preventDefault()} noValidate>
      <h3>Xem xét kế hoạch của xã</h3>
      {refusal.message && (
        <p class="error" role="alert">
          {refusal.message}
        </p>
      )}
      <Field name="comments" label="Ý kiến (bắt buộc khi trả lại)" errors={refusal.errors}>
        <textarea {...fieldAttrs('comments', refusal.errors)} rows={3} value={comments} onInput={(e) => setComments(e.currentTarget.value)} />
      </Field>
      <div class="buttons">
        {props.mayAccept && (
          <button type="button" class="primary" onClick={async () => refusal.show(await props.post('accept', comments.trim() ? { comments } : {}))}>
            Chấp nhận
          </button>
        )}
        {props.mayReturn && (
          <button type="button" onClick={async () => refusal.show(await props.post('return', { comments }))}>
            Trả lại
          </button>
        )}
      </div>
    </form>
  );
}

function ExtensionRequestForm(props: { post: Post }) {
  const [reason, setReason] = useState('');
  const [requestedDate, setRequestedDate] = useState('');
  const refusal = useRefusal();
  return (
    <form
      class="extension"
      onSubmit={async (e) => {
        e.preventDefault();
        refusal.show(await props.post('request-extension', { reason, requestedDate }));
      }}
      noValidate
    >
      <h3>Đề nghị gia hạn</h3>
      {refusal.message && (
        <p class="error" role="alert">
          {refusal.message}
        </p>
      )}
      <Field name="reason" label="Lý do xin gia hạn" errors={refusal.errors}>
        <textarea {...fieldAttrs('reason', refusal.errors)} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <Field name="requestedDate" label="Xin gia hạn đến ngày" errors={refusal.errors}>
        <input {...fieldAttrs('requestedDate', refusal.errors)} type="date" value={requestedDate} onInput={(e) => setRequestedDate(e.currentTarget.value)} />
      </Field>
      <button type="submit">Gửi đề nghị gia hạn</button>
    </form>
  );
}

function ExtensionDecisionForm(props: { post: Post; requestedDate: string; mayGrant: boolean; mayRefuse: boolean }) {
  const [dueDate, setDueDate] = useState(props.requestedDate);
  const [text, setText] = useState('');
  const refusal = useRefusal();
  return (
    <form class="extension-decision" onSubmit={(e) => e.preventDefault()} noValidate>
      <h3>Quyết định gia hạn</h3>
      {refusal.message && (
        <p class="error" role="alert">
          {refusal.message}
        </p>
      )}
      <Field name="dueDate" label="Hạn mới" errors={refusal.errors}>
        <input {...fieldAttrs('dueDate', refusal.errors)} type="date" value={dueDate} onInput={(e) => setDueDate(e.currentTarget.value)} />
      </Field>
      <Field name="reason" label="Ý kiến (bắt buộc khi không đồng ý)" errors={refusal.errors}>
        <textarea {...fieldAttrs('reason', refusal.errors)} rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </Field>
      <div class="buttons">
        {props.mayGrant && (
          <button
            type="button"
            class="primary"
            onClick={async () => {
              const problem = await props.post('grant-extension', { dueDate, ...(text.trim() ? { comments: text } : {}) });
              // The comments of a grant are typed in the same box as a refusal's reason.
              refusal.show(problem && { ...problem, errors: problem.errors?.map((e) => ({ ...e, field: e.field.replace(/(^|\.)comments$/, '$1reason') })) });
            }}
          >
            Đồng ý gia hạn
          </button>
        )}
        {props.mayRefuse && (
          <button type="button" onClick={async () => refusal.show(await props.post('refuse-extension', { reason: text }))}>
            Không đồng ý
          </button>
        )}
      </div>
    </form>
  );
}
