/**
 * Campaigns: the issued plans, each with its board; the office starts a campaign for a plan (the communes' and
 * the agencies' deadlines). The board: every commune's state, deadline and working days late, with filters,
 * each line opening the commune's plan (none of it for a plan addressed to no commune); then the agencies'
 * tasks, each opening its report of results.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { Field, fieldAttrs, type Errors } from '../components/fields';
import { formatDate, formatDateTime, formatPlanReference } from '../format';
import { communePlanStatusLabels, reportStatusLabelsOf } from '../labels';
import { asProblem, fieldMessages, plainMessage } from '../problems';
import { Link, navigate } from '../router';
import type { Session } from '../session';
import { useAboveName, useUnitNames } from '../units';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Board = Json<paths['/api/v1/campaigns/{id}']['get']['responses'][200]>;
type Plans = Json<paths['/api/v1/plans']['get']['responses'][200]>['items'];
type ReportStatus = Json<paths['/api/v1/reports/{id}']['get']['responses'][200]>['status'];

/** The status of the campaign's report to the province, or null while none is started (or the person may not read it). */
function useReportStatus(campaignId: string): ReportStatus | null {
  const [status, setStatus] = useState<ReportStatus | null>(null);
  useEffect(() => {
    void api.GET('/api/v1/reports/{id}', { params: { path: { id: campaignId } } }).then(({ data }) => setStatus(data?.status ?? null));
  }, [campaignId]);
  return status;
}

function ReportLink(props: { campaignId: string }) {
  const status = useReportStatus(props.campaignId);
  const above = useAboveName();
  return status ? (
    <>
      {' '}
      · <Link href={`/reports/${props.campaignId}`}>Báo cáo {above}</Link> ({reportStatusLabelsOf(above)[status] ?? status})
    </>
  ) : null;
}

export function CampaignsPage(props: { session: Session }) {
  const [plans, setPlans] = useState<Plans>([]);
  useEffect(() => {
    void api.GET('/api/v1/plans').then(({ data }) => data && setPlans(data.items));
  }, []);
  const office = props.session.person.role === 'administrator';
  return (
    <main class="page">
      <h1>Triển khai kế hoạch</h1>
      <ul>
        {plans.map((p) => (
          <li key={p.id}>
            {p.title} — <Link href={`/campaigns/${p.id}`}>Bảng theo dõi</Link>
            <ReportLink campaignId={p.id} />
          </li>
        ))}
      </ul>
      {office && plans.length > 0 && <StartCampaignForm plans={plans} />}
    </main>
  );
}

function StartCampaignForm(props: { plans: Plans }) {
  const [planId, setPlanId] = useState(props.plans[0]!.id);
  const [communePlanDue, setCommunePlanDue] = useState('');
  const [reportDue, setReportDue] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);

  async function start(e: Event) {
    e.preventDefault();
    const { data, error, response } = await api.POST('/api/v1/campaigns', { body: { planId, reportDue, ...(communePlanDue ? { communePlanDue } : {}) } });
    if (!data) {
      const problem = asProblem(error, response.status);
      const { byField, other } = fieldMessages(problem);
      setErrors(byField);
      setMessage([plainMessage(problem), ...other].join(' '));
      return;
    }
    navigate(`/campaigns/${planId}`);
  }

  return (
    <form class="start-campaign" onSubmit={(e) => void start(e)} noValidate>
      <h2>Triển khai một kế hoạch</h2>
      <p>Mỗi xã, thị trấn một hồ sơ kế hoạch; mỗi nhiệm vụ được giao một hồ sơ báo cáo. Các đơn vị nhận thư và thông báo.</p>
      {message && (
        <p class="error" role="alert">
          {message}
        </p>
      )}
      <Field name="planId" label="Kế hoạch" errors={errors}>
        <select {...fieldAttrs('planId', errors)} value={planId} onChange={(e) => setPlanId(e.currentTarget.value)}>
          {props.plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </Field>
      <Field name="communePlanDue" label="Hạn các xã gửi kế hoạch (khi kế hoạch giao cho các xã)" errors={errors}>
        <input {...fieldAttrs('communePlanDue', errors)} type="date" value={communePlanDue} onInput={(e) => setCommunePlanDue(e.currentTarget.value)} />
      </Field>
      <Field name="reportDue" label="Hạn các đơn vị báo cáo kết quả" errors={errors}>
        <input {...fieldAttrs('reportDue', errors)} type="date" value={reportDue} onInput={(e) => setReportDue(e.currentTarget.value)} />
      </Field>
      <button type="submit" class="primary">
        Triển khai
      </button>
    </form>
  );
}

export function CampaignBoardPage(props: { id: string }) {
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);

  const filter = { ...(status ? { status: status as 'submitted' } : {}), ...(overdueOnly ? { overdue: 'true' as const } : {}) };
  useEffect(() => {
    void api.GET('/api/v1/campaigns/{id}', { params: { path: { id: props.id }, query: filter } }).then(({ data, error: e, response }) =>
      data ? (setBoard(data), setError(null)) : setError(plainMessage(asProblem(e, response.status))),
    );
  }, [props.id, status, overdueOnly]);

  /** A national campaign's board comes a page at a time: the next page's lines join those shown. */
  const showMore = (from: Board) =>
    void api.GET('/api/v1/campaigns/{id}', { params: { path: { id: props.id }, query: { ...filter, pageToken: from.nextPageToken ?? undefined } } }).then(({ data, error: e, response }) =>
      data
        ? (setBoard({ ...data, communes: [...from.communes, ...data.communes], overdue: [...from.overdue, ...data.overdue] }), setError(null))
        : setError(plainMessage(asProblem(e, response.status))),
    );

  if (error) {
    return (
      <main class="page">
        <h1>Bảng theo dõi</h1>
        <p class="error" role="alert">
          {error}
        </p>
      </main>
    );
  }
  if (!board) return <main class="page">Đang tải…</main>;
  const t = board.totals;
  // A plan addressed to no commune (a commune's own plan, to its offices): no communes' section at all.
  const hasCommunes = t.communes > 0 || !!board.deadlines.communePlanDue;
  return (
    <main class="page">
      <p class="kicker">Bảng theo dõi · Kế hoạch {formatPlanReference(board.plan.reference)}</p>
      <h1>{board.plan.title}</h1>
      {hasCommunes && (
        <p data-testid="totals">
          {t.started}/{t.communes} xã đã bắt đầu · chờ gửi {t.awaiting_submission} · đã gửi {t.submitted} · trả lại {t.returned} · đã chấp nhận {t.accepted}
          {t.overdue > 0 && <span class="overdue"> · quá hạn {t.overdue}</span>}
          {t.extensionPending > 0 && <> · xin gia hạn {t.extensionPending}</>}
        </p>
      )}
      <p class="meta" data-testid="deadlines">
        {board.deadlines.communePlanDue && (
          <>
            Hạn gửi kế hoạch {formatDate(board.deadlines.communePlanDue)}
            {board.deadlinesProvisional?.communePlanDue && <Provisional />},{' '}
          </>
        )}
        {board.deadlines.communePlanDue ? 'hạn' : 'Hạn'} báo cáo {formatDate(board.deadlines.reportDue)}
        {board.deadlinesProvisional?.reportDue && <Provisional />}; số liệu lúc {formatDateTime(board.asOf)}.
        <ReportLink campaignId={board.campaignId} />
      </p>
      {hasCommunes && (
        <>
          <div class="buttons filters">
            <label>
              Trạng thái{' '}
              <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
                <option value="">Tất cả</option>
                {Object.entries(communePlanStatusLabels).map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
            <label class="check">
              <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.currentTarget.checked)} /> Chỉ xã quá hạn
            </label>
          </div>
          <table data-testid="board">
            <thead>
              <tr>
                <th scope="col">Xã, thị trấn</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Hạn</th>
                <th scope="col">Số ngày làm việc chậm</th>
                <th scope="col">Gửi lúc</th>
              </tr>
            </thead>
            <tbody>
              {board.communes.map((c) => (
                <tr key={c.commune} class={c.overdue ? 'overdue' : ''}>
                  <td>
                    <Link href={`/commune-plans/${board.campaignId}.${c.commune}`}>{c.name}</Link>
                  </td>
                  <td>
                    {communePlanStatusLabels[c.status] ?? c.status}
                    {c.extensionPending ? ' (xin gia hạn)' : ''}
                  </td>
                  <td>
                    {formatDate(c.dueDate)}
                    {c.dueProvisional && <Provisional />}
                  </td>
                  <td>{c.daysLate > 0 ? c.daysLate : '—'}</td>
                  <td>{c.submittedAt ? formatDateTime(c.submittedAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {board.nextPageToken && (
            <p class="buttons">
              <button type="button" onClick={() => showMore(board)}>
                Xem thêm (đang hiện {board.communes.length} xã)
              </button>
            </p>
          )}
        </>
      )}
      {(board.communes.some((c) => c.dueProvisional) || board.deadlinesProvisional?.communePlanDue || board.deadlinesProvisional?.reportDue) && (
        <p class="meta" data-testid="provisional-note">
          (tạm tính): hạn tính theo ngày nghỉ lễ của Bộ luật Lao động 2019; lịch nghỉ năm đó chưa được công bố nên hạn có thể thay đổi.
        </p>
      )}
      <Assignments board={board} />
    </main>
  );
}

/** The agencies the plan gives a task, each (once given) opening its task and report of results. */
function Assignments(props: { board: Board }) {
  const unitName = useUnitNames();
  const b = props.board;
  if (!b.assignments.length) return null;
  return (
    <>
      <h2>Nhiệm vụ giao các đơn vị</h2>
      <table data-testid="assignments">
        <thead>
          <tr>
            <th scope="col">Mục KH</th>
            <th scope="col">Đơn vị</th>
            <th scope="col">Giao nhiệm vụ</th>
          </tr>
        </thead>
        <tbody>
          {b.assignments.map((a) => (
            <tr key={a.workflowId}>
              <td>III.{a.number}</td>
              <td>{a.started ? <Link href={`/assignments/${b.campaignId}/${a.number}-${a.agency}`}>{unitName(a.agency)}</Link> : unitName(a.agency)}</td>
              <td>{a.started ? 'Đã giao' : 'Đang giao'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** A date counted over days off computed from the law, not yet announced. */
function Provisional() {
  return (
    <span class="provisional" title="Lịch nghỉ năm này chưa được công bố; hạn tính theo Bộ luật Lao động 2019 và có thể thay đổi">
      {' '}
      (tạm tính)
    </span>
  );
}
