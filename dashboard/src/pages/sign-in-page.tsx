import { useEffect, useState, type FormEvent } from 'react';
import type { Purpose } from '../generated/graphql.ts';
import { useLocale } from '../i18n/locale-context.tsx';
import type { Session } from '../session/session.ts';

interface DevPrincipal extends Omit<Session['principal'], never> {
  purpose: Purpose;
}

const PURPOSES: Purpose[] = ['CASE_MANAGEMENT', 'ASSESSMENT', 'EMERGENCY', 'DROPOUT_RETURN', 'HOUSEHOLD_REGISTRATION', 'STATISTICS', 'SUPERVISION'];

/**
 * Development sign-in: the server lists its demo principals and signs a token for the one
 * picked. The token stays in memory. In production this screen is the agency identity
 * provider's redirect (see dashboard/README.md).
 */
export function SignInPage({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const { t, locale, label } = useLocale();
  const [principals, setPrincipals] = useState<DevPrincipal[] | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [principalId, setPrincipalId] = useState('');
  const [purpose, setPurpose] = useState<Purpose>('CASE_MANAGEMENT');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    fetch('/dev/principals')
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        const body = (await response.json()) as { principals: DevPrincipal[] };
        setPrincipals(body.principals);
        setPrincipalId(body.principals[0]?.id ?? '');
        setPurpose(body.principals[0]?.purpose ?? 'CASE_MANAGEMENT');
      })
      .catch(() => setUnavailable(true));
  }, []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ principalId }) });
      const body = (await response.json()) as { token?: string; principal?: DevPrincipal; errors?: { message: string }[] };
      if (!response.ok || !body.token || !body.principal) throw new Error(body.errors?.[0]?.message ?? String(response.status));
      const { purpose: _suggested, ...principal } = body.principal;
      onSignedIn({ token: body.token, principal, purpose });
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="sign-in-title" className="sign-in">
      <h1 id="sign-in-title">{t('signInTitle')}</h1>
      <p>{t('signInIntro')}</p>
      {unavailable && <p role="alert">{t('devUnavailable')}</p>}
      {principals && (
        <form onSubmit={(event) => void submit(event)}>
          <label htmlFor="principal">{t('principal')}</label>
          <select
            id="principal"
            value={principalId}
            onChange={(e) => {
              setPrincipalId(e.target.value);
              setPurpose(principals.find((p) => p.id === e.target.value)?.purpose ?? purpose);
            }}
          >
            {principals.map((p) => (
              <option key={p.id} value={p.id}>
                {p[locale]} — {label('agency', p.agency)} · {label('level', p.level)} {p.region}
              </option>
            ))}
          </select>
          <label htmlFor="purpose">{t('purpose')}</label>
          <select id="purpose" value={purpose} onChange={(e) => setPurpose(e.target.value as Purpose)} aria-describedby="purpose-hint">
            {PURPOSES.map((p) => (
              <option key={p} value={p}>
                {label('purpose', p)} ({p})
              </option>
            ))}
          </select>
          <p id="purpose-hint" className="note">
            {t('purposeHint')}
          </p>
          <button type="submit" disabled={busy || !principalId}>
            {t('signIn')}
          </button>
          {error && (
            <p role="alert" className="error">
              {t('signInFailed')}: {error}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
