import { useMemo, useState } from 'react';
import { ChildrenList, QualityFindings, WorkQueue } from '../api/record-operations.ts';
import { useOperation } from '../api/use-operation.ts';
import { StatusLine } from '../components/status-line.tsx';
import type { LeftBehindCategory, RiskFlagKind } from '../generated/graphql.ts';
import { useLocale } from '../i18n/locale-context.tsx';
import { quarterOf } from '../policy/quarters.ts';
import { hrefOf } from '../routing/hash-route.ts';

const PAGE = 20;

/** Cursor paging: the stack of `after` cursors that led to the current page. */
function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors[cursors.length - 1] ?? null,
    page: cursors.length,
    next: (cursor: string | null | undefined) => cursor && setCursors((c) => [...c, cursor]),
    first: () => setCursors([null]),
  };
}

function Pager({ page, hasNext, onNext, onFirst, label }: { page: number; hasNext: boolean; onNext(): void; onFirst(): void; label: string }) {
  const { t, number } = useLocale();
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" onClick={onFirst} disabled={page === 1}>
        {t('firstPage')}
      </button>
      <span aria-live="polite">{number(page)}</span>
      <button type="button" onClick={onNext} disabled={!hasNext}>
        {t('nextPage')}
      </button>
    </nav>
  );
}

/**
 * What a county, town or village officer works on: the children of the place (filtered by
 * category, risk flag and place), the hand-offs waiting for the caller's unit, and the
 * data-quality findings of the quarter. Lists are cursor-paginated (`first`/`after`).
 */
export function RecordLists({ region, places, asOf }: { region: { code: string; name: string }; places: { code: string; name: string }[]; asOf: string }) {
  return (
    <div className="record-lists">
      <ChildrenSection region={region} places={places} />
      <WorkQueueSection />
      <QualitySection region={region} quarter={quarterOf(asOf)} />
    </div>
  );
}

function ChildrenSection({ region, places }: { region: { code: string; name: string }; places: { code: string; name: string }[] }) {
  const { t, label, date } = useLocale();
  const [category, setCategory] = useState<LeftBehindCategory | ''>('');
  const [riskFlag, setRiskFlag] = useState<RiskFlagKind | ''>('');
  const [place, setPlace] = useState('');
  const pages = useCursorPages();
  const variables = useMemo(
    () => ({
      filter: { regionCode: place || region.code, status: 'ACTIVE' as const, ...(category ? { category } : {}), ...(riskFlag ? { riskFlag } : {}) },
      first: PAGE,
      after: pages.after,
    }),
    [place, region.code, category, riskFlag, pages.after],
  );
  const state = useOperation(ChildrenList, variables);
  const connection = state.answer?.data?.children;
  const change = (apply: () => void) => {
    apply();
    pages.first();
  };
  return (
    <section aria-labelledby="children-title" data-testid="children-section">
      <h2 id="children-title">{t('childrenNeedingAction')}</h2>
      <fieldset className="filters">
        <legend>{t('filters')}</legend>
        <label>
          {t('filterRisk')}
          <select value={riskFlag} onChange={(e) => change(() => setRiskFlag(e.target.value as RiskFlagKind | ''))} data-testid="filter-risk">
            <option value="">{t('any')}</option>
            {(['DE_FACTO_UNSUPPORTED', 'GUARDIAN_MISSING', 'DISABILITY', 'FAMILY_HARDSHIP'] as const).map((v) => (
              <option key={v} value={v}>
                {label('risk', v)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterCategory')}
          <select value={category} onChange={(e) => change(() => setCategory(e.target.value as LeftBehindCategory | ''))} data-testid="filter-category">
            <option value="">{t('any')}</option>
            {(['BOTH_PARENTS_AWAY', 'ONE_PARENT_AWAY_OTHER_UNABLE'] as const).map((v) => (
              <option key={v} value={v}>
                {label('category', v)}
              </option>
            ))}
          </select>
        </label>
        {places.length > 0 && (
          <label>
            {t('filterVillage')}
            <select value={place} onChange={(e) => change(() => setPlace(e.target.value))} data-testid="filter-place">
              <option value="">{t('any')}</option>
              {places.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </fieldset>
      <StatusLine loading={state.loading} error={state.error} errors={state.answer?.errors} onRetry={state.reload} />
      {connection && (
        <>
          <table className="list" data-testid="children-table">
            <caption className="visually-hidden">{t('childrenNeedingAction')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('sex')}</th>
                <th scope="col">{t('birthDate')}</th>
                <th scope="col">{t('category')}</th>
                <th scope="col">{t('village')}</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.length === 0 && (
                <tr>
                  <td colSpan={5}>{t('noRows')}</td>
                </tr>
              )}
              {connection.edges.map(({ node }) => (
                <tr key={node.id} data-child={node.id}>
                  <th scope="row">
                    <a href={hrefOf.child(node.id)}>{node.name}</a>
                  </th>
                  <td>{label('sex', node.sex)}</td>
                  <td>{date(node.birthDate)}</td>
                  <td>{label('category', node.leftBehindCategory)}</td>
                  <td>{node.residenceVillage.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={pages.page} hasNext={connection.pageInfo.hasNextPage} onNext={() => pages.next(connection.pageInfo.endCursor)} onFirst={pages.first} label={t('childrenNeedingAction')} />
        </>
      )}
    </section>
  );
}

function WorkQueueSection() {
  const { t, label, dateTime } = useLocale();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const pages = useCursorPages();
  const variables = useMemo(() => ({ first: PAGE, after: pages.after, overdueOnly }), [pages.after, overdueOnly]);
  const state = useOperation(WorkQueue, variables);
  const connection = state.answer?.data?.workQueue;
  return (
    <section aria-labelledby="queue-title" data-testid="work-queue">
      <h2 id="queue-title">{t('workQueue')}</h2>
      <label className="inline-field">
        <input
          type="checkbox"
          checked={overdueOnly}
          onChange={(e) => {
            setOverdueOnly(e.target.checked);
            pages.first();
          }}
        />
        {t('overdueOnly')}
      </label>
      <StatusLine loading={state.loading} error={state.error} errors={state.answer?.errors} onRetry={state.reload} />
      {connection && (
        <>
          <table className="list">
            <caption className="visually-hidden">{t('workQueue')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('state')}</th>
                <th scope="col">{t('dueAt')}</th>
                <th scope="col">{t('overdue')}</th>
                <th scope="col">{t('from')}</th>
                <th scope="col">{t('child')}</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.length === 0 && (
                <tr>
                  <td colSpan={6}>{t('noRows')}</td>
                </tr>
              )}
              {connection.edges.map(({ node }) => (
                <tr key={node.handoff.id} className={node.overdue ? 'overdue' : undefined}>
                  <td>{label('handoffKind', node.handoff.kind)}</td>
                  <td>{node.handoff.state}</td>
                  <td>{dateTime(node.handoff.dueAt)}</td>
                  <td>{node.overdue ? t('yes') : t('no')}</td>
                  <td>
                    {label('agency', node.handoff.from.agency)} · {node.handoff.from.regionCode}
                  </td>
                  <td>{node.handoff.child ? <a href={hrefOf.child(node.handoff.child.id)}>{node.handoff.child.id}</a> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={pages.page} hasNext={connection.pageInfo.hasNextPage} onNext={() => pages.next(connection.pageInfo.endCursor)} onFirst={pages.first} label={t('workQueue')} />
        </>
      )}
    </section>
  );
}

function QualitySection({ region, quarter }: { region: { code: string }; quarter: string }) {
  const { t, locale, label, dateTime } = useLocale();
  const pages = useCursorPages();
  const variables = useMemo(() => ({ regionCode: region.code, quarter, first: PAGE, after: pages.after }), [region.code, quarter, pages.after]);
  const state = useOperation(QualityFindings, variables);
  const connection = state.answer?.data?.qualityFindings;
  return (
    <section aria-labelledby="quality-title" data-testid="quality-findings">
      <h2 id="quality-title">
        {t('dataQuality')} — {quarter}
      </h2>
      <StatusLine loading={state.loading} error={state.error} errors={state.answer?.errors} onRetry={state.reload} />
      {connection && (
        <>
          <table className="list">
            <caption className="visually-hidden">{t('dataQuality')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rule')}</th>
                <th scope="col">{t('owner')}</th>
                <th scope="col">{t('child')}</th>
                <th scope="col">{t('firstSeen')}</th>
                <th scope="col">{t('state')}</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.length === 0 && (
                <tr>
                  <td colSpan={5}>{t('noRows')}</td>
                </tr>
              )}
              {connection.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{locale === 'zh' ? node.rule.zh : node.rule.en}</td>
                  <td>{label('agency', node.owner)}</td>
                  <td>
                    <a href={hrefOf.child(node.child.id)}>{node.child.id}</a>
                  </td>
                  <td>{dateTime(node.firstSeenAt)}</td>
                  <td>{node.resolvedAt ? t('resolved') : t('open')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={pages.page} hasNext={connection.pageInfo.hasNextPage} onNext={() => pages.next(connection.pageInfo.endCursor)} onFirst={pages.first} label={t('dataQuality')} />
        </>
      )}
    </section>
  );
}
