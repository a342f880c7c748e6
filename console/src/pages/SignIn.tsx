/** Sign-in. In local mode (no JWKS issuer configured), pick a person of the directory; said plainly on the page. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Person } from '../api/types';
import { asProblem, plainMessage } from '../problems';
import { startSignIn, type OidcSettings } from '../oidc';
import { navigate } from '../router';
import { signIn } from '../session';

export function SignInPage(props: { next: string }) {
  const [people, setPeople] = useState<Person[] | null>(null);
  const [oidc, setOidc] = useState<OidcSettings | null>(null);
  const [noConsoleSignIn, setNoConsoleSignIn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');

  useEffect(() => {
    void api.GET('/api/v1/sign-in').then(({ data, error: e, response }) => {
      if (!data) {
        setError(plainMessage(asProblem(e, response.status)));
        return;
      }
      if (data.mode === 'oidc') setOidc({ authority: data.authority, clientId: data.clientId, scope: data.scope });
      else if (data.mode === 'none') setNoConsoleSignIn(true);
      else
        void api.GET('/api/v1/local-sign-in').then(({ data: local, error: le, response: lr }) =>
          local ? setPeople(local.people) : setError(plainMessage(asProblem(le, lr.status))),
        );
    });
  }, []);

  async function choose(person: Person) {
    setError(null);
    const { data, error: e, response } = await api.POST('/api/v1/local-sign-in', { body: { userId: person.id } });
    if (!data) {
      setError(plainMessage(asProblem(e, response.status)));
      return;
    }
    signIn({ token: data.token, expiresAt: data.expiresAt, person: data.person });
    navigate(props.next, { replace: true });
  }

  if (oidc) {
    return (
      <main class="page narrow">
        <h1>Đăng nhập</h1>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <p>Đăng nhập bằng tài khoản của đơn vị tại nhà cung cấp đăng nhập ({new URL(oidc.authority).host}).</p>
        <button type="button" class="primary" onClick={() => void startSignIn(oidc, props.next).catch(() => setError('Không kết nối được nhà cung cấp đăng nhập; vui lòng thử lại sau.'))}>
          Đăng nhập
        </button>
      </main>
    );
  }
  if (noConsoleSignIn) {
    return (
      <main class="page narrow">
        <h1>Đăng nhập</h1>
        <p>Hệ thống dùng nhà cung cấp đăng nhập (JWKS) nhưng chưa cấu hình OIDC_CLIENT_ID cho giao diện; chỉ dùng được API với mã đăng nhập do nhà cung cấp cấp.</p>
      </main>
    );
  }

  const shown = (people ?? []).filter((p) => `${p.name} ${p.id} ${p.agencyName} ${p.title ?? ''}`.toLowerCase().includes(filter.trim().toLowerCase()));
  return (
    <main class="page">
      <h1>Đăng nhập</h1>
      <p class="notice" role="note">
        <strong>Chế độ cục bộ (dùng thử):</strong> chưa cấu hình nhà cung cấp đăng nhập, nên có thể đăng nhập với tư cách bất kỳ người nào trong danh bạ.
        Không dùng chế độ này khi vận hành thật.
      </p>
      {error && <p class="error" role="alert">{error}</p>}
      <label class="filter">
        Tìm theo tên, chức vụ, đơn vị
        <input type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
      </label>
      {people === null && !error && <p>Đang tải danh bạ…</p>}
      <ul class="people">
        {shown.map((p) => (
          <li key={p.id}>
            <button type="button" data-user={p.id} onClick={() => void choose(p)}>
              <span class="name">{p.name}</span>
              <span class="meta">
                {p.title ? `${p.title} · ` : ''}
                {p.agencyName}
              </span>
              <span class="meta">
                {p.roleLabel} · <code>{p.id}</code>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}
