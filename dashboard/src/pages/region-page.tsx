import { useMemo, useState } from 'react';
import type { Answer } from '../api/graphql-client.ts';
import { RegionOverview } from '../api/region-operations.ts';
import { useOperation } from '../api/use-operation.ts';
import { BandLegend } from '../components/band-legend.tsx';
import { Breadcrumb, type Crumb } from '../components/breadcrumb.tsx';
import { Chart } from '../components/bar-chart.tsx';
import { CountValue } from '../components/count-value.tsx';
import { StatusLine } from '../components/status-line.tsx';
import type { DashboardRegionCountsFragment, DashboardRegionOverviewQuery } from '../generated/graphql.ts';
import { useLocale } from '../i18n/locale-context.tsx';
import { countDisclosure } from '../policy/count-rules.ts';
import { AGENCY_OF_STATS, COUNT_COLUMNS, type CountColumn } from '../policy/region-columns.ts';
import { hrefOf } from '../routing/hash-route.ts';
import { useSession } from '../session/session-context.tsx';
import { hasRecordAccess } from '../session/session.ts';
import { QuarterlyTrend } from './quarterly-trend.tsx';
import { RecordLists } from './record-lists.tsx';

type RegionRow = DashboardRegionCountsFragment & { code: string; name: string };

function countOf(row: RegionRow, column: CountColumn): number | null | undefined {
  const stats = row[column.stats] as Record<string, number | null> | null | undefined;
  return stats == null ? undefined : stats[column.field];
}

/** The trail from the caller's own region down to `region`, from the parents the answer carries. */
function trailOf(region: NonNullable<DashboardRegionOverviewQuery['region']>, home: string): Crumb[] {
  const trail: Crumb[] = [{ code: region.code, name: region.name }];
  let parent = region.parent as { code: string; name: string; parent?: unknown } | null | undefined;
  while (parent && parent.code.length >= home.length) {
    trail.unshift({ code: parent.code, name: parent.name });
    parent = parent.parent as typeof parent;
  }
  return trail;
}

/**
 * A place at any of the five levels: its counts and its sub-regions' side by side, a chart
 * of one count per sub-region, the quarterly cycle, and — for callers with record access —
 * the lists of children and work below it. Clicking a sub-region drills down.
 */
export function RegionPage({ code }: { code: string }) {
  const session = useSession();
  const { t, label, locale } = useLocale();
  const [asOf, setAsOf] = useState('2024-09-30');
  const variables = useMemo(() => ({ code, asOf }), [code, asOf]);
  const overview = useOperation(RegionOverview, variables);
  const region = overview.answer?.data?.region ?? null;
  const rows: RegionRow[] = region ? region.children.edges.map((e) => e.node) : [];
  const disclosures = COUNT_COLUMNS.map((c) => countDisclosure(session, c.typeName, c.field));
  const anyBanded = disclosures.some((d) => !d.exact);
  return (
    <section aria-labelledby="region-title" className="region-page" data-level={region?.level}>
      {region && <Breadcrumb trail={trailOf(region, session.principal.region)} />}
      <header className="page-header">
        <h1 id="region-title">
          {region?.name ?? code} <small>{region ? `${label('level', region.level)} · ${region.code}` : ''}</small>
        </h1>
        <label className="inline-field">
          {t('asOf')}
          <input type="date" value={asOf} min="2020-01-01" max="2030-12-31" onChange={(e) => e.target.value && setAsOf(e.target.value)} aria-describedby="as-of-hint" />
          <small id="as-of-hint">{t('asOfHint')}</small>
        </label>
      </header>
      <StatusLine loading={overview.loading} error={overview.error} errors={overview.answer?.errors} onRetry={overview.reload} />
      {region && overview.answer && (
        <>
          <BandLegend anyBanded={anyBanded} />
          <RegionTable region={region} rows={rows} answer={overview.answer} locale={locale} />
          {rows.length > 0 && <SubRegionChart rows={rows} />}
        </>
      )}
      {region && region.level !== 'VILLAGE' && <QuarterlyTrend code={code} asOf={asOf} />}
      {region && hasRecordAccess(session) && ['COUNTY', 'TOWN', 'VILLAGE'].includes(region.level) && <RecordLists region={region} places={rows} asOf={asOf} />}
      {region && !hasRecordAccess(session) && (
        <p className="note" data-testid="no-record-access">
          {t('noRecordAccess')}
        </p>
      )}
    </section>
  );
}

function RegionTable({ region, rows, answer, locale }: { region: RegionRow & { level: string }; rows: RegionRow[]; answer: Answer<DashboardRegionOverviewQuery>; locale: 'zh' | 'en' }) {
  const session = useSession();
  const { t, label } = useLocale();
  const groups = (['registryStats', 'schoolStats', 'householdStats', 'healthStats'] as const).map((stats) => ({ stats, columns: COUNT_COLUMNS.filter((c) => c.stats === stats) }));
  const source = { operation: answer.operation, variables: answer.variables };
  const cells = (row: RegionRow) =>
    COUNT_COLUMNS.map((column) => (
      <td key={column.field}>
        <CountValue
          value={countOf(row, column)}
          disclosure={countDisclosure(session, column.typeName, column.field)}
          title={`${row.name} · ${column[locale]}`}
          source={source}
          coordinate={`${column.typeName}.${column.field}`}
        />
      </td>
    ));
  return (
    <div className="table-scroll" role="region" aria-labelledby="sub-regions-caption" tabIndex={0}>
      <table className="counts" data-testid="region-table">
        <caption id="sub-regions-caption">
          {t('subRegions')} — {region.name}
        </caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {t('region')}
            </th>
            {groups.map((g) => (
              <th key={g.stats} scope="colgroup" colSpan={g.columns.length}>
                {label('agency', AGENCY_OF_STATS[g.stats].agency)}
              </th>
            ))}
          </tr>
          <tr>
            {COUNT_COLUMNS.map((c) => (
              <th key={c.field} scope="col">
                {c[locale]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="total">
            <th scope="row">
              {t('thisRegion')}: {region.name}
            </th>
            {cells(region)}
          </tr>
          {rows.map((row) => (
            <tr key={row.code} data-region={row.code}>
              <th scope="row">
                <a href={hrefOf.region(row.code)}>{row.name}</a>
              </th>
              {cells(row)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SubRegionChart({ rows }: { rows: RegionRow[] }) {
  const session = useSession();
  const { t, locale } = useLocale();
  const [field, setField] = useState('activeChildren');
  const column = COUNT_COLUMNS.find((c) => c.field === field) ?? COUNT_COLUMNS[0]!;
  const disclosure = countDisclosure(session, column.typeName, column.field);
  const categories = useMemo(() => rows.map((r) => r.name), [rows]);
  // A banded count is drawn at the lower end of its band; "<5" at zero.
  const series = useMemo(
    () => [{ name: column[locale], kind: 'bar' as const, values: rows.map((r) => countOf(r, column) ?? (disclosure.exact ? null : 0)) }],
    [rows, column, locale, disclosure.exact],
  );
  return (
    <figure className="chart-figure">
      <figcaption>
        <h2>{t('chartTitle')}</h2>
        <label className="inline-field">
          {t('chartOf')}
          <select value={field} onChange={(e) => setField(e.target.value)} data-testid="chart-metric">
            {COUNT_COLUMNS.map((c) => (
              <option key={c.field} value={c.field}>
                {c[locale]}
              </option>
            ))}
          </select>
        </label>
        <p className="note">
          {t('chartNoMap')} {disclosure.exact ? '' : t('chartBandedNote')}
        </p>
      </figcaption>
      <Chart categories={categories} series={series} description={`${t('chartTitle')}: ${column[locale]}`} testId="sub-region-chart" />
    </figure>
  );
}
