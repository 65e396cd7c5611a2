import { useLocale } from '../i18n/locale-context.tsx';

/** What "exact", "n–n+4" and "<5" mean: shown beside every table of counts. */
export function BandLegend({ anyBanded }: { anyBanded: boolean }) {
  const { t } = useLocale();
  return (
    <aside className="legend" aria-labelledby="band-legend-title" data-testid="band-legend" data-any-banded={anyBanded ? 'true' : 'false'}>
      <h2 id="band-legend-title">{t('bandLegendTitle')}</h2>
      <ul>
        <li>
          <span className="count count-exact sample">12</span> {t('bandLegendExact')}
        </li>
        <li>
          <span className="count count-banded sample">10–14</span> {t('bandLegendBand')}
        </li>
        <li>
          <span className="count count-banded sample">&lt;5</span> {t('bandLegendSmall')}
        </li>
      </ul>
    </aside>
  );
}
