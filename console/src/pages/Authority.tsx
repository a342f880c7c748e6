/**
 * "Thẩm quyền ký": the working rules (who heads, each deputy's fields) and every authorisation (TUQ.), acting
 * head (Q.) and absence recorded, in force or not, with who recorded and who ended it; the forms of what the
 * signed-in person may record (the head authorises; the office records an acting head; a leader or the office
 * an absence), and ending one early. The API has the last word on each (GET/POST /api/v1/authority…).
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { ActionForm, useActionForm } from '../components/ActionForm';
import { Field, fieldAttrs } from '../components/fields';
import { Table } from '../components/Table';
import { formatDate, formatDateTime, todayInVietnam } from '../format';
import { asProblem, plainMessage, type Problem } from '../problems';
import type { Session } from '../session';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type AuthorityView = Json<paths['/api/v1/authority']['get']['responses'][200]>;
type AuthorityRecord = AuthorityView['records'][number];
type Entry = NonNullable<paths['/api/v1/authority/records']['post']['requestBody']>['content']['application/json'];

const MATTERS: Record<string, string> = {
  budget_decision: 'Quyết định dự toán kinh phí',
  report_approval: 'Duyệt báo cáo gửi cấp trên',
  extension_decision: 'Quyết định gia hạn kế hoạch của xã',
};

/**
 * A form's field messages under its own names (`delegation.validTo`), so that fields of the same name in two
 * forms of the page keep distinct ids and each label points at its own box.
 */
const prefixed = (errors: Record<string, string>, prefix: string): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${prefix}.${k}`, v]));

/** One line of a record: what, who, for which term, on which basis. */
function describe(r: AuthorityRecord): { kind: string; who: string; basis: string } {
  const e = r.entry;
  if (e.kind === 'delegation') {
    return { kind: 'Ủy quyền (TUQ.)', who: e.delegate, basis: `${e.basis.number} ngày ${formatDate(e.basis.date)}; ${e.matters.map((m) => MATTERS[m] ?? m).join(', ')}` };
  }
  if (e.kind === 'acting') return { kind: 'Giao quyền (Q.)', who: e.acting, basis: `${e.basis.number} ngày ${formatDate(e.basis.date)} của ${e.basis.issuer}` };
  return { kind: 'Vắng mặt', who: `${e.absent} (phụ trách thay: ${e.coveredBy})`, basis: e.reason };
}

export function AuthorityPage(props: { session: Session }) {
  const me = props.session.person;
  const [view, setView] = useState<AuthorityView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    const { data, error: e, response } = await api.GET('/api/v1/authority');
    if (data) setView(data);
    else setError(plainMessage(asProblem(e, response.status)));
  };
  useEffect(() => {
    void load();
  }, []);

  const rules = view?.rules ?? null;
  const isHead = rules?.head.userId === me.id;
  const isOffice = me.role === 'administrator';
  const isLeader = me.role === 'leader';

  const post = async (body: Entry): Promise<Problem | null> => {
    const { error: e, response } = await api.POST('/api/v1/authority/records', { body });
    if (e) return asProblem(e, response.status);
    await load();
    return null;
  };

  return (
    <main class="page">
      <h1>Thẩm quyền ký</h1>
      {error && <p class="error" role="alert">{error}</p>}
      {view && !rules && <p>Danh bạ của đơn vị chưa ghi thẩm quyền ký; lãnh đạo quyết định với tư cách lãnh đạo.</p>}
      {rules && (
        <>
          <p>
            Theo {rules.workingRules}: {rules.head.title} <strong>{rules.head.userId}</strong> ký mọi việc;{' '}
            {rules.deputies.map((d) => `${d.title} ${d.userId} ký thay (KT.) lĩnh vực ${d.fields.map((f) => rules.fields[f]?.name ?? f).join(', ')}`).join('; ')}.
          </p>
          <h2>Đã ghi (hôm nay {formatDate(view!.today)})</h2>
          {view!.records.length === 0 && <p>Chưa có ủy quyền, giao quyền hay lịch vắng mặt nào.</p>}
          {view!.records.length > 0 && (
            <Table testid="authority-records" columns={['Số', 'Loại', 'Người', 'Thời hạn', 'Căn cứ', 'Người ghi', 'Hiệu lực', '']}>
              {view!.records.map((r) => {
                const d = describe(r);
                return (
                  <tr key={r.seq}>
                    <td>{r.seq}</td>
                    <td>{d.kind}</td>
                    <td>{d.who}</td>
                    <td>
                      {formatDate(r.entry.validFrom)} – {formatDate(r.entry.validTo)}
                    </td>
                    <td>{d.basis}</td>
                    <td>
                      {r.recordedBy.name} <span class="meta">{formatDateTime(r.recordedAt)}</span>
                    </td>
                    <td data-testid="in-force">{r.ended ? `Đã kết thúc ${formatDateTime(r.ended.at)} (${r.ended.by.name}: ${r.ended.reason})` : r.inForce ? 'Đang có hiệu lực' : 'Không trong thời hạn'}</td>
                    <td>{!r.ended && r.entry.validTo >= view!.today && (isHead || isOffice || me.id === (r.entry.kind === 'absence' ? r.entry.absent : '')) && <EndRecord seq={r.seq} onDone={load} />}</td>
                  </tr>
                );
              })}
            </Table>
          )}
          {isHead && <DelegationForm post={post} />}
          {isOffice && <ActingForm post={post} />}
          {(isLeader || isOffice) && <AbsenceForm post={post} me={me.id} />}
        </>
      )}
    </main>
  );
}

function EndRecord(props: { seq: number; onDone: () => Promise<void> }) {
  const form = useActionForm();
  const [reason, setReason] = useState('');
  const name = `end-${props.seq}.reason`;
  const errors = prefixed(form.errors, `end-${props.seq}`);
  return (
    <ActionForm
      form={form}
      class="inline-action"
      title="Kết thúc trước hạn"
      onSubmit={async () => {
        const { error: e, response } = await api.POST('/api/v1/authority/records/end', { body: { seq: props.seq, reason } });
        if (e) return asProblem(e, response.status);
        await props.onDone();
        return null;
      }}
    >
      <Field name={name} label="Lý do" errors={errors}>
        <input {...fieldAttrs(name, errors)} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <button type="submit" disabled={form.busy}>
        Kết thúc
      </button>
    </ActionForm>
  );
}

/** Term fields shared by the three forms. */
function Term(props: { prefix: string; from: string; to: string; set: (from: string, to: string) => void; errors: Record<string, string> }) {
  const from = `${props.prefix}.validFrom`;
  const to = `${props.prefix}.validTo`;
  return (
    <>
      <Field name={from} label="Từ ngày" errors={props.errors}>
        <input type="date" {...fieldAttrs(from, props.errors)} value={props.from} onInput={(e) => props.set(e.currentTarget.value, props.to)} />
      </Field>
      <Field name={to} label="Đến ngày" errors={props.errors}>
        <input type="date" {...fieldAttrs(to, props.errors)} value={props.to} onInput={(e) => props.set(props.from, e.currentTarget.value)} />
      </Field>
    </>
  );
}

/** The written basis shared by an authorisation and an acting assignment: its number and its date. */
function Basis(props: { prefix: string; what: string; number: string; date: string; set: (number: string, date: string) => void; errors: Record<string, string> }) {
  const number = `${props.prefix}.basis.number`;
  const date = `${props.prefix}.basis.date`;
  return (
    <>
      <Field name={number} label={`Số ${props.what}`} errors={props.errors}>
        <input {...fieldAttrs(number, props.errors)} value={props.number} onInput={(e) => props.set(e.currentTarget.value, props.date)} />
      </Field>
      <Field name={date} label={`Ngày ${props.what}`} errors={props.errors}>
        <input type="date" {...fieldAttrs(date, props.errors)} value={props.date} onInput={(e) => props.set(props.number, e.currentTarget.value)} />
      </Field>
    </>
  );
}

function DelegationForm(props: { post: (b: Entry) => Promise<Problem | null> }) {
  const form = useActionForm();
  const errors = prefixed(form.errors, 'delegation');
  const [v, setV] = useState({ delegate: '', matters: ['budget_decision'], from: todayInVietnam(), to: todayInVietnam(), number: '', date: todayInVietnam() });
  return (
    <ActionForm
      form={form}
      class="action"
      title="Ủy quyền ký (TUQ.)"
      lead={<p>Bằng văn bản, có thời hạn và phạm vi; người được ủy quyền không được ủy quyền lại.</p>}
      onSubmit={() => props.post({ kind: 'delegation', delegate: v.delegate, matters: v.matters as never, fields: [], validFrom: v.from, validTo: v.to, basis: { number: v.number, date: v.date } })}
    >
      <Field name="delegation.delegate" label="Người được ủy quyền (mã người dùng)" errors={errors}>
        <input {...fieldAttrs('delegation.delegate', errors)} value={v.delegate} onInput={(e) => setV({ ...v, delegate: e.currentTarget.value })} />
      </Field>
      <fieldset>
        <legend>Phạm vi</legend>
        {Object.entries(MATTERS).map(([k, label]) => (
          <label key={k} class="check">
            <input
              type="checkbox"
              checked={v.matters.includes(k)}
              onChange={(e) => setV({ ...v, matters: e.currentTarget.checked ? [...v.matters, k] : v.matters.filter((m) => m !== k) })}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
      <Term prefix="delegation" from={v.from} to={v.to} set={(from, to) => setV({ ...v, from, to })} errors={errors} />
      <Basis prefix="delegation" what="văn bản ủy quyền" number={v.number} date={v.date} set={(number, date) => setV({ ...v, number, date })} errors={errors} />
      <button type="submit" class="primary" disabled={form.busy}>
        Ghi ủy quyền
      </button>
    </ActionForm>
  );
}

function ActingForm(props: { post: (b: Entry) => Promise<Problem | null> }) {
  const form = useActionForm();
  const errors = prefixed(form.errors, 'acting');
  const [v, setV] = useState({ acting: '', from: todayInVietnam(), to: todayInVietnam(), number: '', date: todayInVietnam(), issuer: '' });
  return (
    <ActionForm
      form={form}
      class="action"
      title="Giao quyền người đứng đầu (Q.)"
      lead={<p>Theo quyết định của cấp trên.</p>}
      onSubmit={() => props.post({ kind: 'acting', acting: v.acting, validFrom: v.from, validTo: v.to, basis: { number: v.number, date: v.date, issuer: v.issuer } })}
    >
      <Field name="acting.acting" label="Người được giao quyền (mã người dùng)" errors={errors}>
        <input {...fieldAttrs('acting.acting', errors)} value={v.acting} onInput={(e) => setV({ ...v, acting: e.currentTarget.value })} />
      </Field>
      <Term prefix="acting" from={v.from} to={v.to} set={(from, to) => setV({ ...v, from, to })} errors={errors} />
      <Basis prefix="acting" what="quyết định" number={v.number} date={v.date} set={(number, date) => setV({ ...v, number, date })} errors={errors} />
      <Field name="acting.basis.issuer" label="Cơ quan ban hành" errors={errors}>
        <input {...fieldAttrs('acting.basis.issuer', errors)} value={v.issuer} onInput={(e) => setV({ ...v, issuer: e.currentTarget.value })} />
      </Field>
      <button type="submit" class="primary" disabled={form.busy}>
        Ghi giao quyền
      </button>
    </ActionForm>
  );
}

function AbsenceForm(props: { post: (b: Entry) => Promise<Problem | null>; me: string }) {
  const form = useActionForm();
  const errors = prefixed(form.errors, 'absence');
  const [v, setV] = useState({ absent: props.me, coveredBy: '', from: todayInVietnam(), to: todayInVietnam(), reason: '' });
  return (
    <ActionForm
      form={form}
      class="action"
      title="Lịch vắng mặt của lãnh đạo"
      lead={<p>Việc chờ người vắng mặt quyết định chuyển cho người phụ trách thay trong thời gian này.</p>}
      onSubmit={() => props.post({ kind: 'absence', absent: v.absent, coveredBy: v.coveredBy, validFrom: v.from, validTo: v.to, reason: v.reason })}
    >
      <Field name="absence.absent" label="Lãnh đạo vắng mặt (mã người dùng)" errors={errors}>
        <input {...fieldAttrs('absence.absent', errors)} value={v.absent} onInput={(e) => setV({ ...v, absent: e.currentTarget.value })} />
      </Field>
      <Field name="absence.coveredBy" label="Người phụ trách thay (mã người dùng)" errors={errors}>
        <input {...fieldAttrs('absence.coveredBy', errors)} value={v.coveredBy} onInput={(e) => setV({ ...v, coveredBy: e.currentTarget.value })} />
      </Field>
      <Term prefix="absence" from={v.from} to={v.to} set={(from, to) => setV({ ...v, from, to })} errors={errors} />
      <Field name="absence.reason" label="Lý do" errors={errors}>
        <input {...fieldAttrs('absence.reason', errors)} value={v.reason} onInput={(e) => setV({ ...v, reason: e.currentTarget.value })} />
      </Field>
      <button type="submit" class="primary" disabled={form.busy}>
        Ghi lịch vắng mặt
      </button>
    </ActionForm>
  );
}
