/** A case's history on its own page: the audit timeline without its timers, or why the person cannot read it. */
import type { Timeline } from '../api/types';
import { actorLine } from '../labels';

/** `null` while it loads; 'hidden' when the API does not let the person read the audit. */
export function CaseHistory(props: { timeline: Timeline | null | 'hidden' }) {
  const { timeline } = props;
  return (
    <section>
      <h2>Lịch sử xử lý</h2>
      {timeline === null && <p>Đang tải…</p>}
      {timeline === 'hidden' && <p>Bạn không có quyền xem nhật ký kiểm tra của hồ sơ này.</p>}
      {timeline && timeline !== 'hidden' && (
        <ol class="timeline" data-testid="timeline">
          {timeline.entries
            .filter((e) => e.kind !== 'timer')
            .map((e) => (
              <li key={e.seq}>
                <span class="when">{e.time}</span> <strong>{e.label}</strong>
                {e.actor && (
                  <span>
                    {' '}
                    — {actorLine(e.actor)}
                  </span>
                )}
                {e.details && <div class="meta">{e.details}</div>}
              </li>
            ))}
        </ol>
      )}
    </section>
  );
}
