import { useCallback, useState } from 'react';
import { HowCountedContext, type HowCounted } from './components/how-counted-context.tsx';
import { HowCountedPanel } from './components/how-counted-panel.tsx';
import { useLocale } from './i18n/locale-context.tsx';
import { AuditPage } from './pages/audit-page.tsx';
import { ChildRecordPage } from './pages/child-record-page.tsx';
import { RegionPage } from './pages/region-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { hrefOf, useHashRoute } from './routing/hash-route.ts';
import { SessionContext } from './session/session-context.tsx';
import type { Session } from './session/session.ts';

/** The dashboard: sign-in, then the pages of the signed-in principal, with a language switch and the "how is this counted" panel. */
export function App() {
  const { t, locale, setLocale, label } = useLocale();
  const [session, setSession] = useState<Session | null>(null);
  const [howCounted, setHowCounted] = useState<HowCounted | null>(null);
  const route = useHashRoute();
  const closePanel = useCallback(() => setHowCounted(null), []);
  const signIn = (next: Session) => {
    setSession(next);
    window.location.hash = next.principal.agency === 'audit' ? hrefOf.audit() : hrefOf.region(next.principal.region);
  };
  const auditor = session?.principal.agency === 'audit';
  let page = null;
  if (session) {
    if (auditor || route.page === 'audit') page = auditor ? <AuditPage /> : null;
    else if (route.page === 'child') page = <ChildRecordPage key={route.id} id={route.id} />;
    else page = <RegionPage key={route.page === 'region' ? route.code : session.principal.region} code={route.page === 'region' ? route.code : session.principal.region} />;
  }
  return (
    <>
      <a href="#main" className="skip-link" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <span className="app-title">{t('appTitle')}</span>
        {session && (
          <span className="who" data-testid="signed-in-as">
            {t('signedInAs')}: {session.principal[locale]} · {label('purpose', session.purpose)}
          </span>
        )}
        <button type="button" onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')} aria-label={t('languageLabel')} lang={locale === 'zh' ? 'en' : 'zh-CN'} data-testid="language">
          {t('language')}
        </button>
        {session && (
          <button
            type="button"
            onClick={() => {
              setSession(null);
              window.location.hash = hrefOf.home();
            }}
          >
            {t('signOut')}
          </button>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {session ? (
          <SessionContext.Provider value={session}>
            <HowCountedContext.Provider value={setHowCounted}>{page}</HowCountedContext.Provider>
          </SessionContext.Provider>
        ) : (
          <SignInPage onSignedIn={signIn} />
        )}
      </main>
      <HowCountedPanel info={howCounted} onClose={closePanel} />
    </>
  );
}
