/**
 * An assignment of the plan and its agency's report: the tasks as printed, state, who must act and by when,
 * every version of the report (narrative, figures, documents), returns and acceptance; the agency's staff send
 * the report (with documents, uploaded with progress), the reviewer accepts or returns it.
 */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { downloadWithToken, uploadDocument, type DocumentRef } from '../api/upload';
import { Field, fieldAttrs, type Errors } from '../components/fields';
import { parseWhole } from '../estimate';
import { dueIn, formatDateTime, formatDong, formatNumber } from '../format';
import { assignmentStatusLabels, FIGURES, roleLabels } from '../labels';
import { asProblem, fieldMessages, plainMessage, type Problem } from '../problems';
import { useUnitNames } from '../units';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Assignment = Json<paths['/api/v1/assignments/{campaignId}/{assignment}']['get']['responses'][200]>;
type Allowed = Json<paths['/api/v1/assignments/{campaignId}/{assignment}/actions']['get']['responses'][200]>;
type Action = Allowed['allowed'][number];
type Post = (action: Action, body: unknown) => Promise<Problem | null>;

const done: Record<Action, string> = {
  'submit-report': 'Đã gửi báo cáo.',
  accept: 'Đã chấp nhận báo cáo.',
  return: 'Đã trả lại báo cáo để bổ sung.',
};

type FigureKey = (typeof FIGURES)[number][0];

export function AssignmentCasePage(props: { campaignId: string; assignment: string }) {
  const [state, setState] = useState<Assignment | null>(null);
  const [actions, setActions] = useState<Allowed | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const unitName = useUnitNames();
  const path = { params: { path: { campaignId: props.campaignId, assignment: props.assignment } } };

  async function load() {
    const [s, a] = await Promise.all([api.GET('/api/v1/assignments/{campaignId}/{assignment}', path), api.GET('/api/v1/assignments/{campaignId}/{assignment}/actions', path)]);
    if (!s.data) {
      setError(plainMessage(asProblem(s.error, s.response.status)));
      return;
    }
    setState(s.data);
    setActions(a.data ?? null);
  }
  useEffect(() => {
    void load();
  }, [props.campaignId, props.assignment]);

  const post: Post = async (action, body) => {
    setFlash(null);
    setRefused(null);
    const { data, error: e, response } = await api.POST(`/api/v1/assignments/{campaignId}/{assignment}/${action}` as '/api/v1/assignments/{campaignId}/{assignment}/accept', {
      ...path,
      body: body as never,
    });
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
        <h1>Nhiệm vụ</h1>
        <p class="error" role="alert">
          {error}
        </p>
      </main>
    );
  }
  if (!state) return <main class="page">Đang tải…</main>;
  const may = (a: Action) => actions?.allowed.includes(a) ?? false;
  const lastReturn = state.returns[state.returns.length - 1];
  const base = `/api/v1/assignments/${encodeURIComponent(props.campaignId)}/${encodeURIComponent(props.assignment)}`;

  return (
    <main class="page">
      <p class="kicker">
        {state.assignment.mode === 'requested' ? 'Nội dung đề nghị' : 'Nhiệm vụ được giao'} · Mục III.{state.assignment.number}
      </p>
      <h1>
        {state.assignment.mode === 'requested' ? 'Nội dung đề nghị tại mục' : 'Nhiệm vụ'} III.{state.assignment.number}: {unitName(state.assignment.agency)}
      </h1>
      <ul>
        {state.assignment.tasks.map((t, i) => (
          <li key={i}>{t}</li>
        ))}
      </ul>
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
          <span class={`status status-${state.status}`} data-testid="status">
            {assignmentStatusLabels[state.status] ?? state.status}
          </span>
        </dd>
        <dt>Người phải xử lý</dt>
        <dd data-testid="awaiting">{state.awaiting ? `${roleLabels[state.awaiting.role] ?? state.awaiting.role}, ${unitName(state.awaiting.agency)}` : 'Không còn ai (đã chấp nhận)'}</dd>
        <dt>Hạn báo cáo</dt>
        <dd data-testid="due" class={state.overdue ? 'overdue' : ''}>
          {state.dueAt ? `${formatDateTime(state.dueAt)} (${state.overdue ? 'quá hạn' : dueIn(state.dueAt)})` : '—'}
        </dd>
      </dl>
      {state.status === 'returned' && lastReturn && (
        <section class="callout">
          <h2>Ý kiến khi trả lại</h2>
          <p>
            {lastReturn.by.name}, {formatDateTime(lastReturn.at)}: {lastReturn.comments}
          </p>
        </section>
      )}

      <h2>Báo cáo</h2>
      {state.reports.length === 0 && <p>Đơn vị chưa gửi báo cáo.</p>}
      {[...state.reports].reverse().map((r) => (
        <section key={r.version} class="report" data-testid={`report-${r.version}`}>
          <h3>
            Lần {r.version}: {r.submittedBy.name}, {formatDateTime(r.submittedAt)}
            {r.late ? ' (gửi chậm)' : ''}
          </h3>
          <p class="narrative">{r.narrative}</p>
          <dl class="facts">
            {FIGURES.map(([k, label, money]) => (
              <Fragment key={k}>
                <dt>{label.replace(' (đ)', '')}</dt>
                <dd data-testid={`figure-${r.version}-${k}`}>{money ? formatDong(r.figures[k]) : formatNumber(r.figures[k])}</dd>
              </Fragment>
            ))}
          </dl>
          {r.documents.length > 0 && (
            <p>
              Tài liệu:{' '}
              {r.documents.map((d) => (
                <button key={d.sha256} type="button" class="link" onClick={() => void downloadWithToken(`${base}/documents/${d.sha256}`, d.filename)}>
                  {d.filename}
                </button>
              ))}
            </p>
          )}
        </section>
      ))}
      {state.acceptance && (
        <p data-testid="acceptance">
          Đã chấp nhận lần {state.acceptance.version}: {state.acceptance.by.name}, {formatDateTime(state.acceptance.at)}
          {state.acceptance.comment ? ` — ${state.acceptance.comment}` : ''}
        </p>
      )}

      {actions && actions.allowed.length > 0 && (
        <section class="actions" aria-label="Thao tác">
          <h2>Việc bạn cần làm</h2>
          {may('submit-report') && <ReportForm post={post} last={state.reports[state.reports.length - 1]} />}
          {(may('accept') || may('return')) && <ReviewForm post={post} mayAccept={may('accept')} mayReturn={may('return')} />}
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

function ReportForm(props: { post: Post; last: Assignment['reports'][number] | undefined }) {
  const [narrative, setNarrative] = useState(props.last?.narrative ?? '');
  const [figures, setFigures] = useState<Record<FigureKey, string>>(
    Object.fromEntries(FIGURES.map(([k]) => [k, props.last ? formatNumber(props.last.figures[k]) : '0'])) as Record<FigureKey, string>,
  );
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const refusal = useRefusal();

  async function submit(e: Event) {
    e.preventDefault();
    const documents: DocumentRef[] = [...(props.last?.documents ?? [])];
    for (const [i, file] of files.entries()) {
      setProgress(0);
      const up = await uploadDocument(file, (f) => setProgress((i + f) / files.length));
      if ('problem' in up) {
        setProgress(null);
        refusal.show({ ...up.problem, errors: [{ field: 'documents', message: `${file.name}: ${up.problem.detail ?? 'không tải lên được'}` }] });
        return;
      }
      documents.push(up.ref);
    }
    const nums = Object.fromEntries(FIGURES.map(([k]) => [k, Number.isNaN(parseWhole(figures[k])) ? figures[k] : parseWhole(figures[k])]));
    refusal.show(await props.post('submit-report', { narrative, figures: nums, ...(documents.length ? { documents } : {}) }));
  }

  return (
    <form class="report-form" onSubmit={(e) => void submit(e)} noValidate>
      <h3>{props.last ? 'Gửi lại báo cáo' : 'Gửi báo cáo kết quả'}</h3>
      {refusal.message && (
        <p class="error" role="alert">
          {refusal.message}
        </p>
      )}
      <Field name="narrative" label="Kết quả thực hiện" errors={refusal.errors}>
        <textarea {...fieldAttrs('narrative', refusal.errors)} rows={5} value={narrative} onInput={(e) => setNarrative(e.currentTarget.value)} />
      </Field>
      {FIGURES.map(([k, label]) => (
        <Field key={k} name={`figures.${k}`} label={label} errors={refusal.errors}>
          <input {...fieldAttrs(`figures.${k}`, refusal.errors)} class="num" inputMode="numeric" value={figures[k]} onInput={(e) => setFigures({ ...figures, [k]: e.currentTarget.value })} />
        </Field>
      ))}
      <Field name="documents" label="Tài liệu kèm theo (PDF, DOCX, XLSX, ảnh)" errors={refusal.errors}>
        <input {...fieldAttrs('documents', refusal.errors)} type="file" multiple accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png" onChange={(e) => setFiles([...(e.currentTarget.files ?? [])])} />
      </Field>
      {progress !== null && (
        <p>
          <label>
            Đang tải lên: <progress data-testid="upload-progress" max={1} value={progress} /> {Math.round(progress * 100)}%
          </label>
        </p>
      )}
      <button type="submit" class="primary">
        Gửi báo cáo
      </button>
    </form>
  );
}

function ReviewForm(props: { post: Post; mayAccept: boolean; mayReturn: boolean }) {
  const [text, setText] = useState('');
  const refusal = useRefusal();
  return (
    <form class="review" onSubmit={(e) => e.preventDefault()} noValidate>
      <h3>Xem xét báo cáo</h3>
      {refusal.message && (
        <p class="error" role="alert">
          {refusal.message}
        </p>
      )}
      <Field name="comments" label="Ý kiến (bắt buộc khi trả lại)" errors={refusal.errors}>
        <textarea {...fieldAttrs('comments', refusal.errors)} rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </Field>
      <div class="buttons">
        {props.mayAccept && (
          <button type="button" class="primary" onClick={async () => refusal.show(await props.post('accept', text.trim() ? { comment: text } : {}))}>
            Chấp nhận
          </button>
        )}
        {props.mayReturn && (
          <button type="button" onClick={async () => refusal.show(await props.post('return', { comments: text }))}>
            Trả lại
          </button>
        )}
      </div>
    </form>
  );
}
