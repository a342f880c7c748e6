/**
 * The parts every case page shows the same way: the page while it cannot show the case, the notices after an
 * action, the state and who must act (facts of the page's <dl class="facts">), and the actions' section.
 */
import type { ComponentChildren } from 'preact';
import { roleAndUnit, roleLabels } from '../labels';
import { useUnitNames } from '../units';

/** The case could not be read (`error`), or is still loading. */
export function CaseUnavailable(props: { title: string; error: string | null }) {
  if (!props.error) return <main class="page">Đang tải…</main>;
  return (
    <main class="page">
      <h1>{props.title}</h1>
      <p class="error" role="alert">
        {props.error}
      </p>
    </main>
  );
}

/** What the last action did, or why the API refused it (kept when the refused form is gone). */
export function CaseNotices(props: { flash: string | null; refused: string | null }) {
  return (
    <>
      {props.flash && (
        <p class="success" role="status">
          {props.flash}
        </p>
      )}
      {props.refused && (
        <p class="error" role="alert" data-testid="refused">
          {props.refused}
        </p>
      )}
    </>
  );
}

/** The forms of the actions the API allows now; nothing when it allows none. */
export function CaseActions(props: { allowed: readonly string[]; children: ComponentChildren }) {
  if (props.allowed.length === 0) return null;
  return (
    <section class="actions" aria-label="Thao tác">
      <h2>Việc bạn cần làm</h2>
      {props.children}
    </section>
  );
}

/** The case's state as a badge; `label` is its Vietnamese name, the code itself when there is none. */
export function StatusFact(props: { status: string; label: string | undefined }) {
  return (
    <>
      <dt>Trạng thái</dt>
      <dd>
        <span class={`status status-${props.status}`} data-testid="status">
          {props.label ?? props.status}
        </span>
      </dd>
    </>
  );
}

/** Who must act now (role, unit), or `nobody` when no one must. */
export function AwaitingFact(props: { awaiting: { role: string; agency: string } | null | undefined; nobody: string }) {
  const unitName = useUnitNames();
  const a = props.awaiting;
  return (
    <>
      <dt>Người phải xử lý</dt>
      <dd data-testid="awaiting">{a ? roleAndUnit({ roleLabel: roleLabels[a.role] ?? a.role, agencyName: unitName(a.agency) }) : props.nobody}</dd>
    </>
  );
}
