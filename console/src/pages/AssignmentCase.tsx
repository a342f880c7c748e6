/**
 * An assignment of the plan and its agency's report: the tasks as printed, state, who must act and by when,
 * every version of the report (narrative, figures, documents), returns and acceptance; the agency's staff send
 * the report (with documents, uploaded with progress), the reviewer accepts or returns it.
 */
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { downloadWithToken, uploadDocument, type DocumentRef } from '../api/upload';
import { ActionForm, UploadProgress, useActionForm } from '../components/ActionForm';
import { AwaitingFact, CaseActions, CaseNotices, CaseUnavailable, StatusFact } from '../components/CaseParts';
import { Field, fieldAttrs } from '../components/fields';
import { parseWhole } from '../estimate';
import { dueIn, formatDateTime, formatDong, formatNumber } from '../format';
import { assignmentStatusLabels, FIGURES } from '../labels';
import { useUnitNames } from '../units';
import { useCase, type CaseAction, type CaseState, type Post } from '../useCase';

const CASE = '/api/v1/assignments/{campaignId}/{assignment}';
type Action = CaseAction<typeof CASE>;
type Report = CaseState<typeof CASE>['reports'][number];

const done: Record<Action, string> = {
  'submit-report': 'Đã gửi báo cáo.',
  accept: 'Đã chấp nhận báo cáo.',
  return: 'Đã trả lại báo cáo để bổ sung.',
};

type FigureKey = (typeof FIGURES)[number][0];

export function AssignmentCasePage(props: { campaignId: string; assignment: string }) {
  const { state, allowed, may, error, flash, refused, post } = useCase(CASE, { campaignId: props.campaignId, assignment: props.assignment }, done);
  const unitName = useUnitNames();

  if (error || !state) return <CaseUnavailable title="Nhiệm vụ" error={error} />;
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
      <CaseNotices flash={flash} refused={refused} />
      <dl class="facts">
        <StatusFact status={state.status} label={assignmentStatusLabels[state.status]} />
        <AwaitingFact awaiting={state.awaiting} nobody="Không còn ai (đã chấp nhận)" />
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

      <CaseActions allowed={allowed}>
        {may('submit-report') && <ReportForm post={post} last={state.reports[state.reports.length - 1]} />}
        {(may('accept') || may('return')) && <ReviewForm post={post} mayAccept={may('accept')} mayReturn={may('return')} />}
      </CaseActions>
    </main>
  );
}

function ReportForm(props: { post: Post<Action>; last: Report | undefined }) {
  const [narrative, setNarrative] = useState(props.last?.narrative ?? '');
  const [figures, setFigures] = useState<Record<FigureKey, string>>(
    Object.fromEntries(FIGURES.map(([k]) => [k, props.last ? formatNumber(props.last.figures[k]) : '0'])) as Record<FigureKey, string>,
  );
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const form = useActionForm();

  async function submit() {
    const documents: DocumentRef[] = [...(props.last?.documents ?? [])];
    for (const [i, file] of files.entries()) {
      setProgress(0);
      const up = await uploadDocument(file, (f) => setProgress((i + f) / files.length));
      if ('problem' in up) {
        setProgress(null);
        return { ...up.problem, errors: [{ field: 'documents', message: `${file.name}: ${up.problem.detail ?? 'không tải lên được'}` }] };
      }
      documents.push(up.ref);
    }
    const nums = Object.fromEntries(FIGURES.map(([k]) => [k, Number.isNaN(parseWhole(figures[k])) ? figures[k] : parseWhole(figures[k])]));
    return props.post('submit-report', { narrative, figures: nums, ...(documents.length ? { documents } : {}) });
  }

  return (
    <ActionForm form={form} class="report-form" title={props.last ? 'Gửi lại báo cáo' : 'Gửi báo cáo kết quả'} onSubmit={submit}>
      <Field name="narrative" label="Kết quả thực hiện" errors={form.errors}>
        <textarea {...fieldAttrs('narrative', form.errors)} rows={5} value={narrative} onInput={(e) => setNarrative(e.currentTarget.value)} />
      </Field>
      {FIGURES.map(([k, label]) => (
        <Field key={k} name={`figures.${k}`} label={label} errors={form.errors}>
          <input {...fieldAttrs(`figures.${k}`, form.errors)} class="num" inputMode="numeric" value={figures[k]} onInput={(e) => setFigures({ ...figures, [k]: e.currentTarget.value })} />
        </Field>
      ))}
      <Field name="documents" label="Tài liệu kèm theo (PDF, DOCX, XLSX, ảnh)" errors={form.errors}>
        <input {...fieldAttrs('documents', form.errors)} type="file" multiple accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png" onChange={(e) => setFiles([...(e.currentTarget.files ?? [])])} />
      </Field>
      <UploadProgress progress={progress} />
      <button type="submit" class="primary">
        Gửi báo cáo
      </button>
    </ActionForm>
  );
}

function ReviewForm(props: { post: Post<Action>; mayAccept: boolean; mayReturn: boolean }) {
  const [text, setText] = useState('');
  const form = useActionForm();
  return (
    <ActionForm form={form} class="review" title="Xem xét báo cáo">
      <Field name="comments" label="Ý kiến (bắt buộc khi trả lại)" errors={form.errors}>
        <textarea {...fieldAttrs('comments', form.errors)} rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </Field>
      <div class="buttons">
        {props.mayAccept && (
          <button type="button" class="primary" onClick={() => void form.send(() => props.post('accept', text.trim() ? { comment: text } : {}))}>
            Chấp nhận
          </button>
        )}
        {props.mayReturn && (
          <button type="button" onClick={() => void form.send(() => props.post('return', { comments: text }))}>
            Trả lại
          </button>
        )}
      </div>
    </ActionForm>
  );
}
