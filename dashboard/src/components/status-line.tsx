import type { GatewayError } from '../api/graphql-client.ts';
import { useLocale } from '../i18n/locale-context.tsx';

/** Loading, a failed request (with retry), or the partial errors of an answer, announced politely to screen readers. */
export function StatusLine({ loading, error, errors, onRetry }: { loading: boolean; error: Error | null; errors?: GatewayError[]; onRetry?: () => void }) {
  const { t, label } = useLocale();
  if (loading) return <p role="status">{t('loading')}</p>;
  if (error)
    return (
      <div role="alert" className="error">
        {t('failed')}: {error.message}{' '}
        {onRetry && (
          <button type="button" onClick={onRetry}>
            {t('retry')}
          </button>
        )}
      </div>
    );
  const partial = (errors ?? []).filter((e) => e.extensions?.code !== 'UNAUTHORIZED_FIELD_OR_TYPE');
  if (partial.length === 0) return null;
  return (
    <details className="partial-errors">
      <summary>
        {t('errorsOnPage')} ({partial.length})
      </summary>
      <ul>
        {partial.slice(0, 10).map((e, i) => (
          <li key={i}>
            <code>{(e.path ?? []).join('.')}</code> {label('rule', String(e.extensions?.reason ?? e.extensions?.code ?? ''))}: {e.message}
          </li>
        ))}
      </ul>
    </details>
  );
}
