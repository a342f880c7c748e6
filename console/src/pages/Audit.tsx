/**
 * The audit for the leadership and inspectors: search every case by kind, agency, status, plan and dates; the
 * timeline of one (who, what, when, with what), with its exports and how to check them. Every search and read
 * here is recorded in the API's read log, as through the API.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { downloadWithToken } from '../api/upload';
import { FilterField, NO_REFUSAL, SearchForm, queryRefusal, type QueryRefusal } from '../components/SearchFilters';
import { Table } from '../components/Table';
import { formatDateTime } from '../format';
import { actorLine, caseNameOf, consolePathOfWorkflow } from '../labels';
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
  ['consolidatedReportWorkflow', 'Báo cáo tổng hợp gửi cấp trên'],
];

export function AuditSearchPage() {
  const [filters, setFilters] = useState({ type: '', agency: '', status: '', plan: '', startedFrom: '', startedTo: '', overdue: false });
  const [page, setPage] = useState<SearchPage | null>(null);
  const [{ error, errors }, setRefusal] = useState<QueryRefusal>(NO_REFUSAL);
  const units = useUnits();
  const unitName = useUnitNames();

  async function search(pageToken?: string) {
    const query: Query = { pageSize: 20 };
    for (const k of ['type', 'agency', 'status', 'plan', 'startedFrom', 'startedTo'] as const) if (filters[k].trim()) query[k] = filters[k].trim();
    if (filters.overdue) query.overdue = 'true';
    if (pageToken) query.pageToken = pageToken;
    const { data, error: e, response } = await api.GET('/api/v1/audit/workflows', { params: { query } });
    setRefusal(data ? NO_REFUSAL : queryRefusal(e, response.status));
    if (!data) return;
    setPage(pageToken && page ? { items: [...page.items, ...data.items], nextPageToken: data.nextPageToken } : data);
  }
  useEffect(() => {
    void search();
  }, []);

  const input = (k: 'status' | 'plan' | 'startedFrom' | 'startedTo', label: string, type: 'text' | 'date' = 'text') => (
    <FilterField id={`q-${k}`} label={label} type={type} value={filters[k]} error={errors[k]} onInput={(v) => setFilters({ ...filters, [k]: v })} />
  );

  return (
    <main class="page">
      <h1>Kiểm tra, giám sát</h1>
      <p>
        <Link href="/audit/reads">Nhật ký truy cập</Link>: ai đã xem, xuất hồ sơ nào, khi nào (lãnh đạo, thanh tra).
      </p>
      <SearchForm submitLabel="Tìm" error={error} onSearch={() => void search()}>
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
      </SearchForm>
      {page && page.items.length === 0 && <p>Không có hồ sơ nào.</p>}
      {page && page.items.length > 0 && (
        <Table testid="audit-results" columns={['Hồ sơ', 'Loại', 'Đơn vị', 'Trạng thái', 'Bắt đầu', 'Hạn']}>
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
        </Table>
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
          <Table testid="audit-timeline" columns={['#', 'Thời gian', 'Việc', 'Ai', 'Nội dung']}>
            {timeline.entries.map((e) => (
              <tr key={e.seq}>
                <td>{e.seq}</td>
                <td class="when">{e.time}</td>
                <td>
                  <strong>{e.label}</strong>
                  <div class="meta">{e.kindLabel}</div>
                </td>
                <td>{e.actor ? actorLine(e.actor) : '—'}</td>
                <td>
                  {e.details}
                  {e.recipients.length > 0 && !e.details.includes(e.recipients[0]!) && <div class="meta">Gửi tới: {e.recipients.join(', ')}</div>}
                </td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </main>
  );
}
