/** The notification bell: unread count, the latest notifications, mark one or all as read. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { NotificationPage } from '../api/types';
import { formatDateTime } from '../format';
import { consolePathOfWorkflow } from '../labels';
import { Link } from '../router';

/** How often the count is refreshed while the page is open. */
const REFRESH_MS = 30_000;

export function Bell() {
  const [page, setPage] = useState<NotificationPage | null>(null);
  const [open, setOpen] = useState(false);

  async function load() {
    const { data } = await api.GET('/api/v1/notifications', { params: { query: { limit: 10 } } });
    if (data) setPage(data);
  }
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  async function markRead(id: number) {
    await api.POST('/api/v1/notifications/{id}/read', { params: { path: { id: String(id) } } });
    await load();
  }
  async function markAll() {
    await api.POST('/api/v1/notifications/read-all');
    await load();
  }

  const unread = page?.unreadCount ?? 0;
  return (
    <div class="bell">
      <button type="button" aria-expanded={open} aria-controls="notifications" onClick={() => setOpen(!open)} aria-label={`Thông báo: ${unread} chưa đọc`}>
        <svg class="bell-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
        </svg>{' '}
        <span class={unread ? 'count unread' : 'count'} data-testid="unread-count">{unread}</span>
      </button>
      {open && (
        <section id="notifications" class="dropdown" aria-label="Thông báo" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <header>
            <strong>Thông báo</strong>
            {unread > 0 && (
              <button type="button" class="link" onClick={() => void markAll()}>
                Đánh dấu tất cả đã đọc
              </button>
            )}
          </header>
          {page && page.items.length === 0 && <p>Chưa có thông báo nào.</p>}
          <ul>
            {page?.items.map((n) => {
              const href = consolePathOfWorkflow(n.workflowId);
              return (
                <li key={n.id} class={n.read ? 'read' : 'unread'}>
                  <div class="subject">{href ? <Link href={href} onClick={() => setOpen(false)}>{n.subject}</Link> : n.subject}</div>
                  <div class="meta">{formatDateTime(n.at)}</div>
                  {!n.read && (
                    <button type="button" class="link" onClick={() => void markRead(n.id)}>
                      Đánh dấu đã đọc
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </div>
  );
}
