import { useEffect, useRef } from 'react';
import { useLocale } from '../i18n/locale-context.tsx';
import type { HowCounted } from './how-counted-context.tsx';

/**
 * The "how is this counted" panel: a modal <dialog> (focus stays inside, Escape closes,
 * focus returns to the number) with the operation text and variables that produced the
 * number, and the rule it was released under for this caller.
 */
export function HowCountedPanel({ info, onClose }: { info: HowCounted | null; onClose(): void }) {
  const { t, label } = useLocale();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (info && !element.open) element.showModal();
    if (!info && element.open) element.close();
  }, [info]);
  return (
    <dialog ref={dialog} className="how-counted" aria-labelledby="how-counted-title" onClose={onClose}>
      {info && (
        <>
          <h2 id="how-counted-title">
            {t('howCountedTitle')}: {info.title}
          </h2>
          <dl className="facts">
            <dt>{t('field')}</dt>
            <dd>
              <code>{info.coordinate}</code>
            </dd>
            {info.disclosure ? (
              <>
                <dt>{t('countedFact')}</dt>
                <dd data-testid="counted-fact">{label('fact', info.disclosure.fact)}</dd>
                <dt>{t('owner')}</dt>
                <dd>{label('agency', info.disclosure.owner)}</dd>
                <dt>{t('ruleForYou')}</dt>
                <dd data-testid="count-rule">
                  <strong>{info.disclosure.exact ? t('exact') : t('banded')}</strong>
                  <p>{t('exactWhy')}</p>
                </dd>
              </>
            ) : (
              <>
                <dt>{t('countedFact')}</dt>
                <dd data-testid="counted-fact">{label('fact', 'AGGREGATE')}</dd>
                <dt>{t('ruleForYou')}</dt>
                <dd data-testid="count-rule">
                  <strong>{t('exact')}</strong>
                  <p>{t('notACountedFact')}</p>
                </dd>
              </>
            )}
          </dl>
          <h3>{t('operation')}</h3>
          <pre className="operation" data-testid="operation-text">
            {info.operation}
          </pre>
          <h3>{t('variables')}</h3>
          <pre className="operation">{JSON.stringify(info.variables, null, 2)}</pre>
          <form method="dialog">
            <button type="submit" autoFocus>
              {t('close')}
            </button>
          </form>
        </>
      )}
    </dialog>
  );
}
