/** The read log of the audit (its own page, /audit/reads): who searched, read or exported which case, and when. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { FilterField, NO_REFUSAL, SearchForm, queryRefusal, type QueryRefusal } from '../components/SearchFilters';
import { Table } from '../components/Table';
import { formatDate, formatDateTime } from '../format';
import { caseNameOf, roleAndUnit, roleLabels } from '../labels';
import { Link } from '../router';
import { useUnitNames } from '../units';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
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
  const [{ error, errors }, setRefusal] = useState<QueryRefusal>(NO_REFUSAL);
  const unitName = useUnitNames();

  async function load() {
    const query: ReadsQuery = {};
    for (const k of ['date', 'userId', 'target'] as const) if (filters[k].trim()) query[k] = filters[k].trim();
    const { data, error: e, response } = await api.GET('/api/v1/audit/reads', { params: { query } });
    setRefusal(data ? NO_REFUSAL : queryRefusal(e, response.status));
    if (!data) return;
    setLog(data);
  }
  useEffect(() => {
    void load();
  }, []);

  const input = (k: 'date' | 'userId' | 'target', label: string) => (
    <FilterField id={`r-${k}`} label={label} type={k === 'date' ? 'date' : 'text'} value={filters[k]} error={errors[k]} onInput={(v) => setFilters({ ...filters, [k]: v })} />
  );

  return (
    <main class="page">
      <p class="kicker">
        <Link href="/audit">Kiểm tra, giám sát</Link>
      </p>
      <h1>Nhật ký truy cập</h1>
      <p>Mỗi lần tìm kiếm, xem hoặc xuất hồ sơ ở trang Kiểm tra (và qua API) được ghi lại tại đây, kể cả lần xem nhật ký này.</p>
      <SearchForm submitLabel="Xem" error={error} onSearch={() => void load()}>
        {input('date', 'Ngày (mặc định hôm nay)')}
        {input('userId', 'Người truy cập (mã, vd. thanh-tt)')}
        {input('target', 'Hồ sơ (mã quy trình)')}
      </SearchForm>
      {log && (
        <>
          <h2>
            Ngày {formatDate(log.date)}: {log.items.length} lần truy cập
          </h2>
          {log.items.length > 0 && (
            <Table testid="reads" columns={['Thời gian', 'Người truy cập', 'Việc', 'Hồ sơ', 'Kết quả']}>
              {log.items.map((r, i) => (
                <tr key={i} class={r.outcome === 'served' ? '' : 'overdue'}>
                  <td class="when">{formatDateTime(r.at)}</td>
                  <td>
                    {r.actor.name} <span class="meta">({roleAndUnit({ roleLabel: roleLabels[r.actor.role] ?? r.actor.role, agencyName: unitName(r.actor.agency) })})</span>
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
            </Table>
          )}
        </>
      )}
    </main>
  );
}
