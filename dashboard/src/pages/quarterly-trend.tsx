import { useMemo } from 'react';
import { RegionQuarters } from '../api/region-operations.ts';
import { useOperation } from '../api/use-operation.ts';
import { Chart } from '../components/bar-chart.tsx';
import { CountValue } from '../components/count-value.tsx';
import { StatusLine } from '../components/status-line.tsx';
import { useLocale } from '../i18n/locale-context.tsx';
import { lastFourQuarters } from '../policy/quarters.ts';

/**
 * The quarterly cycle of a place over the four quarters up to `asOf`: towns on time, late
 * and overdue, and review completeness (Region.quarterlyReporting), as a chart and a table;
 * for a county or town, each township's submission in the latest quarter.
 */
export function QuarterlyTrend({ code, asOf }: { code: string; asOf: string }) {
  const { t, percent, label } = useLocale();
  const [q1, q2, q3, q4] = lastFourQuarters(asOf);
  const variables = useMemo(() => ({ code, q1, q2, q3, q4 }), [code, q1, q2, q3, q4]);
  const state = useOperation(RegionQuarters, variables);
  const region = state.answer?.data?.region;
  const quarters = region ? [region.q1, region.q2, region.q3, region.q4] : [];
  const source = state.answer ? { operation: state.answer.operation, variables: state.answer.variables } : { operation: '', variables: {} };
  const categories = useMemo(() => [q1, q2, q3, q4], [q1, q2, q3, q4]);
  const series = useMemo(
    () => [
      { name: t('townsOnTime'), kind: 'bar' as const, values: quarters.map((q) => q?.summary.townsOnTime ?? null) },
      { name: t('townsLate'), kind: 'bar' as const, values: quarters.map((q) => q?.summary.townsLate ?? null) },
      { name: t('townsOverdue'), kind: 'bar' as const, values: quarters.map((q) => q?.summary.townsOverdue ?? null) },
      {
        name: `${t('completeness')} (%)`,
        kind: 'line' as const,
        percent: true,
        values: quarters.map((q) => (q && q.summary.expectedChildren > 0 ? Math.round((1000 * q.summary.reviewedChildren) / q.summary.expectedChildren) / 10 : null)),
      },
    ],
    [state.answer, t],
  );
  const number = (value: number | undefined, title: string, field: string) => <CountValue value={value} disclosure={null} title={title} source={source} coordinate={`QuarterReportingArea.${field}`} />;
  const towns = region?.q4?.towns ?? [];
  return (
    <section aria-labelledby="trend-title" className="trend">
      <h2 id="trend-title">{t('trends')}</h2>
      <StatusLine loading={state.loading} error={state.error} errors={state.answer?.errors} onRetry={state.reload} />
      {region && (
        <>
          <Chart categories={categories} series={series} description={`${t('trends')}: ${categories.join(', ')}`} testId="trend-chart" />
          <table className="counts" data-testid="trend-table">
            <caption>{t('trends')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('quarter')}</th>
                <th scope="col">{t('townsOnTime')}</th>
                <th scope="col">{t('townsLate')}</th>
                <th scope="col">{t('townsOverdue')}</th>
                <th scope="col">{t('reviewed')}</th>
                <th scope="col">{t('expected')}</th>
              </tr>
            </thead>
            <tbody>
              {quarters.map((q, i) => (
                <tr key={categories[i]}>
                  <th scope="row">{categories[i]}</th>
                  <td>{number(q?.summary.townsOnTime, `${categories[i]} ${t('townsOnTime')}`, 'townsOnTime')}</td>
                  <td>{number(q?.summary.townsLate, `${categories[i]} ${t('townsLate')}`, 'townsLate')}</td>
                  <td>{number(q?.summary.townsOverdue, `${categories[i]} ${t('townsOverdue')}`, 'townsOverdue')}</td>
                  <td>{number(q?.summary.reviewedChildren, `${categories[i]} ${t('reviewed')}`, 'reviewedChildren')}</td>
                  <td>{number(q?.summary.expectedChildren, `${categories[i]} ${t('expected')}`, 'expectedChildren')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {towns.length > 0 && (
            <table className="counts" data-testid="towns-table">
              <caption>
                {t('reviewsOverdue')} — {q4}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('town')}</th>
                  <th scope="col">{t('state')}</th>
                  <th scope="col">{t('overdue')}</th>
                  <th scope="col">{t('completeness')}</th>
                </tr>
              </thead>
              <tbody>
                {towns.map((town) => (
                  <tr key={town.townCode} className={town.overdue ? 'overdue' : undefined}>
                    <th scope="row">{town.town.name}</th>
                    <td>{label('quarterState', town.state)}</td>
                    <td>{town.overdue ? t('yes') : t('no')}</td>
                    <td>
                      <CountValue
                        value={town.completeness.reviewedChildren}
                        disclosure={null}
                        title={`${town.town.name} ${t('reviewed')}`}
                        source={source}
                        coordinate="QuarterCompleteness.reviewedChildren"
                      />{' '}
                      /{' '}
                      <CountValue
                        value={town.completeness.expectedChildren}
                        disclosure={null}
                        title={`${town.town.name} ${t('expected')}`}
                        source={source}
                        coordinate="QuarterCompleteness.expectedChildren"
                      />{' '}
                      ({percent(town.completeness.ratio ?? 0)})
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
