/**
 * The audit for the leadership and inspectors: search every case by kind, agency, status, plan and dates; the
 * timeline of one (who, what, when, with what), with its exports and how to check them. Every search and read
 * here is recorded in the API's read log, as through the API.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { downloadWithToken } from '../api/upload';
import { formatDate, formatDateTime } from '../format';
import { caseNameOf, consolePathOfWorkflow, roleLabels } from '../labels';
import { asProblem, plainMessage } from '../problems';
import { Link } from '../router';
import { useUnitNames, useUnits } from '../units';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type SearchPage = Json<paths['/api/v1/audit/workflows']['get']['responses'][200]>;
type Query = NonNullable<paths['/api/v1/audit/workflows']['get']['parameters']['query']>;
type Timeline = Json<paths['/api/v1/audit/workflows/{workflowId}/timeline']['get']['responses'][200]>;

/** The kinds of case a search can ask for (workflow types), as the audit names them. */
const KINDS: Array<[string, string]> = [
  ['', 'Mọi loại'],
  ['budgetEstimateWorkflow', 'Dự toán kinh phí'],
  ['communePlanWorkflow', 'Kế hoạch của xã, thị trấn'],
  ['assignmentWorkflow', 'Nhiệm vụ được giao'],
  ['planCampaignWorkflow', 'Triển khai kế hoạch'],
  ['consolidatedReportWorkflow', 'Báo cáo tổng hợp gửi UBND tỉnh'],
];

export function AuditSearchPage() {
  const [filters, setFilters] = useState({ type: '', agency: '', status: '', plan: '', startedFrom: '', startedTo: '', overdue: false });
  const [page, setPage] = useState<SearchPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const units = useUnits();
  const unitName = useUnitNames();

  async function search(pageToken?: string) {
    const query: Query = { pageSize: 20 };
    for (const k of ['type', 'agency', 'status', 'plan', 'startedFrom', 'startedTo'] as const) if (filters[k].trim()) query[k] = filters[k].trim();
    if (filters.overdue) query.overdue = 'true';
    if (pageToken) query.pageToken = pageToken;
    const { data, error: e, response } = await api.GET('/api/v1/audit/workflows', { params: { query } });
    if (!data) {
      const problem = asProblem(e, response.status);
      setError(plainMessage(problem));
      setErrors(Object.fromEntries((problem.errors ?? []).map((x) => [x.field.replace(/^query\./, ''), x.message])));
      return;
    }
    setError(null);
    setErrors({});
    setPage(pageToken && page ? { items: [...page.items, ...data.items], nextPageToken: data.nextPageToken } : data);
  }
  useEffect(() => {
    void search();
  }, []);

  const input = (k: 'status' | 'plan' | 'startedFrom' | 'startedTo', label: string, type: 'text' | 'date' = 'text') => (
    <div class={errors[k] ? 'field invalid' : 'field'}>
      <label for={`q-${k}`}>{label}</label>
      {type === 'date' ? (
        <input id={`q-${k}`} type="date" value={filters[k]} aria-invalid={Boolean(errors[k])} onInput={(e) => setFilters({ ...filters, [k]: e.currentTarget.value })} />
      ) : (
        <input id={`q-${k}`} type="text" value={filters[k]} aria-invalid={Boolean(errors[k])} onInput={(e) => setFilters({ ...filters, [k]: e.currentTarget.value })} />
      )}
      {errors[k] && <span class="field-error">{errors[k]}</span>}
    </div>
  );

  return (
    <main class="page">
      <h1>Kiểm tra, giám sát</h1>
      <p>
        <Link href="/audit/reads">Nhật ký truy cập</Link>: ai đã xem, xuất hồ sơ nào, khi nào (lãnh đạo, thanh tra).
      </p>
      <form
        class="audit-search"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <div class="field">
          <label for="q-type">Loại hồ sơ</label>
          <select id="q-type" value={filters.type} onChange={(e) => setFilters({ ...filters, type: e.currentTarget.value })}>
            {KINDS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="q-agency">Đơn vị</label>
          <select id="q-agency" value={filters.agency} onChange={(e) => setFilters({ ...filters, agency: e.currentTarget.value })}>
            <option value="">Mọi đơn vị</option>
            {units.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </div>
        {input('status', 'Trạng thái (mã, vd. in_appraisal)')}
        {input('plan', 'Kế hoạch (mã)')}
        {input('startedFrom', 'Bắt đầu từ ngày', 'date')}
        {input('startedTo', 'Đến ngày', 'date')}
        <label class="check">
          <input type="checkbox" checked={filters.overdue} onChange={(e) => setFilters({ ...filters, overdue: e.currentTarget.checked })} /> Chỉ hồ sơ quá hạn
        </label>
        <button type="submit" class="primary">
          Tìm
        </button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {page && page.items.length === 0 && <p>Không có hồ sơ nào.</p>}
      {page && page.items.length > 0 && (
        <table data-testid="audit-results">
          <thead>
            <tr>
              <th scope="col">Hồ sơ</th>
              <th scope="col">Loại</th>
              <th scope="col">Đơn vị</th>
              <th scope="col">Trạng thái</th>
              <th scope="col">Bắt đầu</th>
              <th scope="col">Hạn</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((i) => {
              const casePage = consolePathOfWorkflow(i.workflowId);
              return (
                <tr key={`${i.workflowId}/${i.runId}`} class={i.overdue ? 'overdue' : ''}>
                  <td>
                    <Link href={`/audit/${encodeURIComponent(i.workflowId)}`} title={i.workflowId}>
                      {caseNameOf(i.workflowId, unitName)}
                    </Link>
                    {casePage && (
                      <>
                        {' '}
                        · <Link href={casePage}>mở hồ sơ</Link>
                      </>
                    )}
                  </td>
                  <td>{i.typeLabel}</td>
                  <td>{i.agencyName ?? i.agency}</td>
                  <td>{i.statusLabel ?? i.status}</td>
                  <td>{formatDateTime(i.startedAt)}</td>
                  <td>{i.dueAt ? formatDateTime(i.dueAt) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {page?.nextPageToken && (
        <button type="button" onClick={() => void search(page.nextPageToken ?? undefined)}>
          Xem tiếp
        </button>
      )}
    </main>
  );
}

export function AuditTimelinePage(props: { workflowId: string }) {
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = props.workflowId;
  const unitName = useUnitNames();
  useEffect(() => {
    void api.GET('/api/v1/audit/workflows/{workflowId}/timeline', { params: { path: { workflowId: id }, query: {} } }).then(({ data, error: e, response }) =>
      data ? setTimeline(data) : setError(plainMessage(asProblem(e, response.status))),
    );
  }, [id]);
  const base = `/api/v1/audit/workflows/${encodeURIComponent(id)}`;
  const casePage = consolePathOfWorkflow(id);
  return (
    <main class="page">
      <p class="kicker">Kiểm tra, giám sát</p>
      <h1 title={id}>Dòng thời gian: {caseNameOf(id, unitName)}</h1>
      {casePage && (
        <p>
          <Link href={casePage}>Mở hồ sơ</Link>
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {timeline && (
        <>
          <p>
            {timeline.header.entryCount} bước · xuất lúc {formatDateTime(timeline.header.exportedAt)} bởi {'name' in timeline.header.exportedBy ? timeline.header.exportedBy.name : timeline.header.exportedBy.tool}
          </p>
          <div class="buttons">
            <button type="button" onClick={() => void downloadWithToken(`${base}/timeline`, `dong-thoi-gian-${id}.json`)}>
              Tải JSON
            </button>
            <button type="button" onClick={() => void downloadWithToken(`${base}/timeline.csv`, `dong-thoi-gian-${id}.csv`)}>
              Tải CSV (Excel)
            </button>
            <button type="button" onClick={() => void downloadWithToken(`${base}/history`, `lich-su-${id}.json`)}>
              Tải lịch sử đầy đủ (để đối chiếu)
            </button>
          </div>
          <p class="meta">
            Mỗi dòng mang mã băm SHA-256 nối chuỗi với dòng trước; kiểm tra tệp đã tải chưa bị sửa bằng <code>npm run -s audit:verify -- &lt;tệp&gt;</code>. Mã băm cuối:{' '}
            <code data-testid="head">{timeline.head}</code>
          </p>
          <table data-testid="audit-timeline">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Thời gian</th>
                <th scope="col">Việc</th>
                <th scope="col">Ai</th>
                <th scope="col">Nội dung</th>
              </tr>
            </thead>
            <tbody>
              {timeline.entries.map((e) => (
                <tr key={e.seq}>
                  <td>{e.seq}</td>
                  <td class="when">{e.time}</td>
                  <td>
                    <strong>{e.label}</strong>
                    <div class="meta">{e.kindLabel}</div>
                  </td>
                  <td>{e.actor ? `${e.actor.name} (${e.actor.roleLabel}${e.actor.agencyName ? `, ${e.actor.agencyName}` : ''})` : '—'}</td>
                  <td>
                    {e.details}
                    {e.recipients.length > 0 && !e.details.includes(e.recipients[0]!) && <div class="meta">Gửi tới: {e.recipients.join(', ')}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </main>
  );
}

type ReadLog = Json<paths['/api/v1/audit/reads']['get']['responses'][200]>;
type ReadsQuery = NonNullable<paths['/api/v1/audit/reads']['get']['parameters']['query']>;

const READ_ACTIONS: Record<string, string> = {
  search: 'Tìm kiếm hồ sơ',
  timeline: 'Xem dòng thời gian',
  timeline_csv: 'Xuất dòng thời gian (CSV)',
  history: 'Xuất lịch sử đầy đủ của hồ sơ (để đối chiếu)',
  read_log: 'Xem nhật ký truy cập',
};
const READ_OUTCOMES: Record<string, string> = { served: 'Đã cung cấp', denied: 'Bị từ chối', not_found: 'Không tìm thấy' };

/** The read log: who searched, read or exported which case, when, and with what outcome (one day at a time). */
export function AuditReadsPage() {
  const [filters, setFilters] = useState({ date: '', userId: '', target: '' });
  const [log, setLog] = useState<ReadLog | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const unitName = useUnitNames();

  async function load() {
    const query: ReadsQuery = {};
    for (const k of ['date', 'userId', 'target'] as const) if (filters[k].trim()) query[k] = filters[k].trim();
    const { data, error: e, response } = await api.GET('/api/v1/audit/reads', { params: { query } });
    if (!data) {
      const problem = asProblem(e, response.status);
      setError(plainMessage(problem));
      setErrors(Object.fromEntries((problem.errors ?? []).map((x) => [x.field.replace(/^query\./, ''), x.message])));
      return;
    }
    setError(null);
    setErrors({});
    setLog(data);
  }
  useEffect(() => {
    void load();
  }, []);

  const input = (k: 'date' | 'userId' | 'target', label: string) => (
    <div class={errors[k] ? 'field invalid' : 'field'}>
      <label for={`r-${k}`}>{label}</label>
      {k === 'date' ? (
        <input id={`r-${k}`} type="date" value={filters[k]} aria-invalid={Boolean(errors[k])} onInput={(e) => setFilters({ ...filters, [k]: e.currentTarget.value })} />
      ) : (
        <input id={`r-${k}`} type="text" value={filters[k]} aria-invalid={Boolean(errors[k])} onInput={(e) => setFilters({ ...filters, [k]: e.currentTarget.value })} />
      )}
      {errors[k] && <span class="field-error">{errors[k]}</span>}
    </div>
  );

  return (
    <main class="page">
      <p class="kicker">
        <Link href="/audit">Kiểm tra, giám sát</Link>
      </p>
      <h1>Nhật ký truy cập</h1>
      <p>Mỗi lần tìm kiếm, xem hoặc xuất hồ sơ ở trang Kiểm tra (và qua API) được ghi lại tại đây, kể cả lần xem nhật ký này.</p>
      <form
        class="audit-search"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        {input('date', 'Ngày (mặc định hôm nay)')}
        {input('userId', 'Người truy cập (mã, vd. thanh-tt)')}
        {input('target', 'Hồ sơ (mã quy trình)')}
        <button type="submit" class="primary">
          Xem
        </button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {log && (
        <>
          <h2>
            Ngày {formatDate(log.date)}: {log.items.length} lần truy cập
          </h2>
          {log.items.length > 0 && (
            <table data-testid="reads">
              <thead>
                <tr>
                  <th scope="col">Thời gian</th>
                  <th scope="col">Người truy cập</th>
                  <th scope="col">Việc</th>
                  <th scope="col">Hồ sơ</th>
                  <th scope="col">Kết quả</th>
                </tr>
              </thead>
              <tbody>
                {log.items.map((r, i) => (
                  <tr key={i} class={r.outcome === 'served' ? '' : 'overdue'}>
                    <td class="when">{formatDateTime(r.at)}</td>
                    <td>
                      {r.actor.name} <span class="meta">({roleLabels[r.actor.role] ?? r.actor.role}, {unitName(r.actor.agency)})</span>
                    </td>
                    <td>{READ_ACTIONS[r.action] ?? r.action}</td>
                    <td>
                      {r.target && r.action !== 'read_log' ? <Link href={`/audit/${encodeURIComponent(r.target)}`} title={r.target}>{caseNameOf(r.target, unitName)}</Link> : (r.target ?? '—')}
                      {r.query && Object.keys(r.query).length > 0 && <span class="meta"> {Object.entries(r.query).map(([k, v]) => `${k}=${v}`).join(', ')}</span>}
                    </td>
                    <td>
                      {READ_OUTCOMES[r.outcome] ?? r.outcome}
                      {r.count !== undefined ? ` (${r.count})` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </main>
  );
}
