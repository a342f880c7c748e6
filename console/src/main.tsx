/** The console's shell: the header (who is signed in, the bell, sign-out) and the page for the current path. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Bell } from './components/Bell';
import { AssignmentCasePage } from './pages/AssignmentCase';
import { AuditSearchPage, AuditTimelinePage } from './pages/Audit';
import { AuditReadsPage } from './pages/AuditReads';
import { BudgetCasePage } from './pages/BudgetCase';
import { BudgetNewPage } from './pages/BudgetNew';
import { AuthorityPage } from './pages/Authority';
import { CampaignBoardPage, CampaignsPage } from './pages/Campaigns';
import { CommunePlanCasePage } from './pages/CommunePlanCase';
import { MyWorkPage } from './pages/MyWork';
import { ReportPage } from './pages/Report';
import { SignInPage } from './pages/SignIn';
import { CALLBACK_PATH, finishSignIn, forgetOidcUser } from './oidc';
import { api } from './api/client';
import { Link, navigate, usePath } from './router';
import { roleAndUnit } from './labels';
import { currentSession, onSessionChange, signIn, signOut, type Session } from './session';
import { useIssuerName } from './units';
import './styles.css';

const SIGN_IN = '/sign-in';
/** Roles whose work includes the audit (the API decides what each may read there). */
const AUDITORS = new Set(['leader', 'auditor', 'administrator']);

function App() {
  const path = usePath();
  const [session, setSession] = useState<Session | null>(currentSession());
  useEffect(() => onSessionChange(setSession), []);

  // Not signed in: the sign-in page, then back to where the person was going (an email's link, say).
  useEffect(() => {
    if (!session && path !== SIGN_IN && path !== CALLBACK_PATH) navigate(`${SIGN_IN}?next=${encodeURIComponent(path + location.search)}`, { replace: true });
  }, [session, path]);

  // After a navigation, a screen reader and the keyboard start on the new page, not on the link just used.
  useEffect(() => {
    requestAnimationFrame(() => {
      const main = document.querySelector<HTMLElement>('main');
      if (!main) return;
      main.tabIndex = -1;
      main.focus({ preventScroll: true });
    });
  }, [path]);

  if (path === CALLBACK_PATH) return <SignInCallback />;
  if (!session || path === SIGN_IN) {
    const next = new URLSearchParams(location.search).get('next');
    return (
      <>
        <Header session={null} />
        <SignInPage next={next && next.startsWith('/') && !next.startsWith('//') ? next : '/'} />
      </>
    );
  }
  return (
    <>
      <Header session={session} />
      <Page path={path} session={session} />
    </>
  );
}

/** Back from the provider: exchange the code (PKCE), learn who signed in, go where they were going. */
function SignInCallback() {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void (async () => {
      try {
        const { token, expiresAt, next } = await finishSignIn();
        const { data, response } = await api.GET('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
        if (!data) throw new Error(response.status === 401 ? 'Tài khoản này không có trong danh bạ của hệ thống.' : 'Không đọc được thông tin người dùng.');
        signIn({ token, expiresAt, person: data });
        navigate(next, { replace: true });
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
      }
    })();
  }, []);
  return (
    <main class="page narrow">
      <h1>Đăng nhập</h1>
      {error ? (
        <p class="error" role="alert">
          Đăng nhập không thành công: {error} <Link href={SIGN_IN}>Thử lại</Link>
        </p>
      ) : (
        <p>Đang hoàn tất đăng nhập…</p>
      )}
    </main>
  );
}

function Page(props: { path: string; session: Session }) {
  if (props.path === '/') return <MyWorkPage session={props.session} />;
  if (props.path === '/budgets/new') return <BudgetNewPage />;
  const budget = /^\/budgets\/([A-Za-z0-9-]{1,64})$/.exec(props.path);
  if (budget) return <BudgetCasePage id={budget[1]!} />;
  if (props.path === '/audit') return <AuditSearchPage />;
  // Before the timeline's path: a workflow id always has a colon, so none is "reads".
  if (props.path === '/audit/reads') return <AuditReadsPage />;
  const report = /^\/reports\/([a-z0-9-]{1,100})$/.exec(props.path);
  if (report) return <ReportPage campaignId={report[1]!} />;
  const assignment = /^\/assignments\/([a-z0-9-]{1,100})\/([0-9]{1,3}-[a-z0-9-]{1,64})$/.exec(props.path);
  if (assignment) return <AssignmentCasePage campaignId={assignment[1]!} assignment={assignment[2]!} />;
  if (props.path === '/campaigns') return <CampaignsPage session={props.session} />;
  if (props.path === '/authority') return <AuthorityPage session={props.session} />;
  const campaign = /^\/campaigns\/([a-z0-9-]{1,100})$/.exec(props.path);
  if (campaign) return <CampaignBoardPage id={campaign[1]!} />;
  const audit = /^\/audit\/([^/]+)$/.exec(props.path);
  if (audit) return <AuditTimelinePage workflowId={decodeURIComponent(audit[1]!)} />;
  const communePlan = /^\/commune-plans\/([a-z0-9-]+\.[a-z0-9-]+)$/.exec(props.path);
  if (communePlan) return <CommunePlanCasePage id={communePlan[1]!} />;
  return (
    <main class="page">
      <h1>Không có trang này</h1>
      <p>
        <Link href="/">Về Việc của tôi</Link>
      </p>
    </main>
  );
}

function Header(props: { session: Session | null }) {
  const s = props.session;
  const issuer = useIssuerName();
  return (
    <header class="top">
      <Link href="/" class="brand">
        Kế hoạch{issuer ? ` · ${issuer}` : ''}
      </Link>
      {s && (
        <nav aria-label="Chính">
          <Link href="/">Việc của tôi</Link>
          {AUDITORS.has(s.person.role) && <Link href="/campaigns">Triển khai kế hoạch</Link>}
          {AUDITORS.has(s.person.role) && <Link href="/authority">Thẩm quyền ký</Link>}
          {AUDITORS.has(s.person.role) && <Link href="/audit">Kiểm tra</Link>}
        </nav>
      )}
      {s && (
        <div class="who">
          <Bell />
          <span data-testid="signed-in-as">
            {s.person.name} · {roleAndUnit(s.person)}
          </span>
          <button
            type="button"
            onClick={async () => {
              await forgetOidcUser();
              signOut();
              navigate(SIGN_IN, { replace: true });
            }}
          >
            Đăng xuất
          </button>
        </div>
      )}
    </header>
  );
}

render(<App />, document.getElementById('app')!);
