/** "Việc của tôi": what waits on my agency, most urgent first (the API's order), overdue in red; and my agency's estimates. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { MyWork } from '../api/types';
import { dueIn, formatDateTime } from '../format';
import { budgetStatusLabels, caseNameOf, consolePathOf } from '../labels';
import { asProblem, plainMessage } from '../problems';
import { Link } from '../router';
import type { Session } from '../session';
import { useUnitNames } from '../units';

type BudgetList = NonNullable<Awaited<ReturnType<typeof listBudgets>>['data']>;
const listBudgets = () => api.GET('/api/v1/budgets', { params: { query: { pageSize: 20 } } });

export function MyWorkPage(props: { session: Session }) {
  const [work, setWork] = useState<MyWork | null>(null);
  const [budgets, setBudgets] = useState<BudgetList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const unitName = useUnitNames();

  useEffect(() => {
    void api.GET('/api/v1/my-work').then(({ data, error: e, response }) => (data ? setWork(data) : setError(plainMessage(asProblem(e, response.status)))));
    void listBudgets().then(({ data }) => data && setBudgets(data));
  }, []);

  const mayEstimate = props.session.person.role === 'staff';
  // Cases waiting on a decision of the leadership say who decides them now (the field's deputy, whoever covers).
  const deciders = work?.items.some((i) => i.decider) ?? false;
  return (
    <main class="page">
      <div class="title-row">
        <h1>Việc của tôi</h1>
        {mayEstimate && (
          <Link class="button primary" href="/budgets/new">
            Lập dự toán mới
          </Link>
        )}
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {work && (
        <p>
          Đang chờ {unitName(work.agency)}: <strong>{work.total}</strong> hồ sơ
          {work.overdue > 0 && <span class="overdue">, trong đó {work.overdue} hồ sơ quá hạn</span>}.
        </p>
      )}
      {work && work.items.length > 0 && (
        <table class="work">
          <thead>
            <tr>
              <th scope="col">Hồ sơ</th>
              <th scope="col">Loại</th>
              <th scope="col">Đơn vị</th>
              <th scope="col">Hạn xử lý</th>
              {deciders && <th scope="col">Người quyết định</th>}
            </tr>
          </thead>
          <tbody>
            {work.items.map((item) => {
              const href = consolePathOf(item.path);
              const title = item.title ?? caseNameOf(item.workflowId, unitName);
              return (
                <tr key={item.workflowId} class={item.overdue ? 'overdue' : ''}>
                  <td>{href ? <Link href={href}>{title}</Link> : title}</td>
                  <td>{item.kindLabel}</td>
                  <td>{unitName(item.caseAgency)}</td>
                  <td class="due">
                    {item.dueAt ? (
                      <>
                        {formatDateTime(item.dueAt)}
                        <br />
                        <small>{item.overdue ? 'Quá hạn' : dueIn(item.dueAt)}</small>
                      </>
                    ) : (
                      'Chưa có hạn'
                    )}
                  </td>
                  {deciders && (
                    <td data-testid="decider">
                      {item.decider ? (item.decider.userId === props.session.person.id ? <strong>Bạn</strong> : item.decider.name) : '—'}
                      {item.handed && (
                        <>
                          <br />
                          <small>{item.handed}</small>
                        </>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {work && work.items.length === 0 && <p>Không có hồ sơ nào đang chờ đơn vị bạn.</p>}

      <h2>Dự toán kinh phí</h2>
      {budgets && budgets.items.length === 0 && <p>Chưa có dự toán nào.</p>}
      {budgets && budgets.items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Dự toán</th>
              <th scope="col">Đơn vị lập</th>
              <th scope="col">Trạng thái</th>
              <th scope="col">Ngày gửi</th>
            </tr>
          </thead>
          <tbody>
            {budgets.items.map((b) => (
              <tr key={b.id}>
                <td>
                  <Link href={`/budgets/${b.id}`}>{b.title ?? b.id}</Link>
                </td>
                <td>{unitName(b.agency)}</td>
                <td>{budgetStatusLabels[b.status ?? ''] ?? b.status}</td>
                <td>{formatDateTime(b.submittedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
