import { useMemo, useState, type FormEvent } from 'react';
import { AccessLog, AuditOverview, ChildAccessHistory } from '../api/audit-operations.ts';
import { useOperation } from '../api/use-operation.ts';
import { CountValue } from '../components/count-value.tsx';
import { StatusLine } from '../components/status-line.tsx';
import type { AccessLogFilter, Agency, AuditOutcome, DashboardAuditEntryFragment, Purpose } from '../generated/graphql.ts';
import { useLocale } from '../i18n/locale-context.tsx';

const AGENCY_VALUES: Agency[] = ['civil_affairs', 'education', 'police', 'health', 'justice', 'youth_league', 'womens_federation', 'audit'];
const PURPOSE_VALUES: Purpose[] = ['CASE_MANAGEMENT', 'ASSESSMENT', 'EMERGENCY', 'DROPOUT_RETURN', 'HOUSEHOLD_REGISTRATION', 'STATISTICS', 'SUPERVISION'];
const OUTCOME_VALUES: AuditOutcome[] = ['ok', 'partial', 'rejected', 'error'];

/** The auditor's screen: the access log with filters, one child's access history, anomalies and notices. No child data. */
export function AuditPage() {
  const { t } = useLocale();
  return (
    <section aria-labelledby="audit-title" data-testid="audit-page">
      <h1 id="audit-title">{t('audit')}</h1>
      <p className="note">{t('auditorNoChildData')}</p>
      <AccessLogSection />
      <ChildHistorySection />
      <AnomaliesSection />
    </section>
  );
}

function EntriesTable({ entries, caption }: { entries: DashboardAuditEntryFragment[]; caption: string }) {
  const { t, label, dateTime } = useLocale();
  return (
    <table className="list" data-testid="audit-entries">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('at')}</th>
          <th scope="col">{t('who')}</th>
          <th scope="col">{t('purpose')}</th>
          <th scope="col">{t('operationName')}</th>
          <th scope="col">{t('outcome')}</th>
          <th scope="col">{t('childrenRead')}</th>
          <th scope="col">{t('deniedFields')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.length === 0 && (
          <tr>
            <td colSpan={7}>{t('noRows')}</td>
          </tr>
        )}
        {entries.map((entry) => (
          <tr key={entry.seq} className={entry.breakGlass ? 'overdue' : undefined}>
            <td>{dateTime(entry.at)}</td>
            <td>{entry.principal ? `${label('agency', entry.principal.agency)} · ${label('level', entry.principal.level)} ${entry.principal.region} · ${entry.principal.subject}` : '—'}</td>
            <td>{label('purpose', entry.purpose)}</td>
            <td>{entry.operationName ?? '—'}</td>
            <td>{label('outcome', entry.outcome)}</td>
            <td>{entry.children.map((c) => c.childId).join(' ') || '—'}</td>
            <td>{entry.denied.map((d) => `${d.coordinate} (${label('rule', d.rule)})`).join('; ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AccessLogSection() {
  const { t, label } = useLocale();
  const [draft, setDraft] = useState<{ agency: string; purpose: string; outcome: string; subject: string }>({ agency: '', purpose: '', outcome: '', subject: '' });
  const [filter, setFilter] = useState<AccessLogFilter>({});
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const variables = useMemo(() => ({ filter, first: 25, after: cursors[cursors.length - 1] ?? null }), [filter, cursors]);
  const state = useOperation(AccessLog, variables);
  const connection = state.answer?.data?.accessLog;
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter({
      ...(draft.agency ? { agency: draft.agency as Agency } : {}),
      ...(draft.purpose ? { purpose: draft.purpose as Purpose } : {}),
      ...(draft.outcome ? { outcome: draft.outcome as AuditOutcome } : {}),
      ...(draft.subject ? { subject: draft.subject } : {}),
    });
    setCursors([null]);
  };
  const select = (key: 'agency' | 'purpose' | 'outcome', values: string[], group: 'agency' | 'purpose' | 'outcome', name: string) => (
    <label>
      {name}
      <select value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} data-testid={`log-filter-${key}`}>
        <option value="">{t('any')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {label(group, v)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section aria-labelledby="log-title" data-testid="access-log">
      <h2 id="log-title">{t('accessLog')}</h2>
      <form className="filters" onSubmit={apply}>
        {select('agency', AGENCY_VALUES, 'agency', t('agency'))}
        {select('purpose', PURPOSE_VALUES, 'purpose', t('purpose'))}
        {select('outcome', OUTCOME_VALUES, 'outcome', t('outcome'))}
        <label>
          {t('who')}
          <input value={draft.subject} onChange={(e) => setDraft({ ...draft, subject: e.target.value })} />
        </label>
        <button type="submit">{t('apply')}</button>
      </form>
      <StatusLine loading={state.loading} error={state.error} errors={state.answer?.errors} onRetry={state.reload} />
      {connection && (
        <>
          <EntriesTable entries={connection.edges.map((e) => e.node)} caption={t('accessLog')} />
          <nav className="pager" aria-label={t('accessLog')}>
            <button type="button" disabled={cursors.length === 1} onClick={() => setCursors([null])}>
              {t('firstPage')}
            </button>
            <button type="button" disabled={!connection.pageInfo.hasNextPage} onClick={() => setCursors([...cursors, connection.pageInfo.endCursor ?? null])}>
              {t('nextPage')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}

function ChildHistorySection() {
  const { t } = useLocale();
  const [draft, setDraft] = useState('');
  const [childId, setChildId] = useState('');
  const variables = useMemo(() => ({ id: childId, first: 25, after: null }), [childId]);
  const state = useOperation(ChildAccessHistory, variables, { skip: childId === '' });
  const connection = state.answer?.data?.childAccessHistory;
  return (
    <section aria-labelledby="history-title" data-testid="child-history">
      <h2 id="history-title">{t('childHistory')}</h2>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setChildId(draft.trim());
        }}
      >
        <label>
          {t('childId')}
          <input value={draft} onChange={(e) => setDraft(e.target.value)} pattern="[A-Za-z0-9]{1,40}" data-testid="history-child-id" />
        </label>
        <button type="submit">{t('show')}</button>
      </form>
      {childId !== '' && <StatusLine loading={state.loading} error={state.error} errors={state.answer?.errors} onRetry={state.reload} />}
      {connection && <EntriesTable entries={connection.edges.map((e) => e.node)} caption={t('childHistory')} />}
    </section>
  );
}

function AnomaliesSection() {
  const { t, label, dateTime } = useLocale();
  const variables = useMemo(() => {
    const to = new Date();
    return { window: { from: new Date(to.getTime() - 30 * 86_400_000).toISOString(), to: to.toISOString() } };
  }, []);
  const state = useOperation(AuditOverview, variables);
  const data = state.answer?.data;
  const source = state.answer ? { operation: state.answer.operation, variables: state.answer.variables } : { operation: '', variables: {} };
  return (
    <section aria-labelledby="anomalies-title" data-testid="anomalies">
      <h2 id="anomalies-title">{t('anomalies')}</h2>
      <StatusLine loading={state.loading} error={state.error} errors={state.answer?.errors} onRetry={state.reload} />
      {data && (
        <>
          <table className="list">
            <caption className="visually-hidden">{t('anomalies')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('who')}</th>
                <th scope="col">{t('summary')}</th>
                <th scope="col">{t('value')}</th>
              </tr>
            </thead>
            <tbody>
              {data.accessAnomalies.length === 0 && (
                <tr>
                  <td colSpan={4}>{t('noRows')}</td>
                </tr>
              )}
              {data.accessAnomalies.map((a, i) => (
                <tr key={i}>
                  <td>{a.kind}</td>
                  <td>{`${label('agency', a.agency)} ${a.region} · ${a.subject}`}</td>
                  <td>{a.summary}</td>
                  <td>
                    <CountValue value={a.value} disclosure={null} title={`${a.kind} ${a.subject}`} source={source} coordinate="AccessAnomaly.value" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('notices')}</h3>
          <ul className="notices">
            {data.accessNotices.edges.length === 0 && <li>{t('noRows')}</li>}
            {data.accessNotices.edges.map(({ node }) => (
              <li key={node.id}>
                {dateTime(node.at)} · {label('agency', node.readerAgency)} {node.readerSubject} · {node.childId} · {node.fields.join(', ')}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
