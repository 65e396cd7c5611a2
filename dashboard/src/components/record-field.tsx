import type { ReactNode } from 'react';
import type { Answer, GatewayError } from '../api/graphql-client.ts';
import { useLocale } from '../i18n/locale-context.tsx';

type Path = (string | number)[];

const startsWith = (path: Path, prefix: Path) => prefix.length <= path.length && prefix.every((p, i) => path[i] === p);

/**
 * Why the gateway withheld the value at `path`: an error at that path, at an enclosing one,
 * or (a denied non-null field nulls its parent) below it. Null when nothing was withheld.
 */
export function withheldAt(errors: GatewayError[], path: Path): GatewayError | null {
  return errors.find((e) => e.path && (startsWith(path, e.path) || startsWith(e.path, path)) && ['UNAUTHORIZED_FIELD_OR_TYPE', 'FORBIDDEN'].includes(e.extensions?.code ?? '')) ?? null;
}

function valueAt(data: unknown, path: Path): unknown {
  return path.reduce<unknown>((value, key) => (value == null ? value : (value as Record<string | number, unknown>)[key]), data);
}

/**
 * One field of a record as the caller's policy shows it: the value; "withheld (reason)"
 * when the gateway denied it, with the rule it named; "masked" beside an identifier the
 * gateway masked.
 */
export function RecordField<T>({ answer, path, name, render }: { answer: Answer<T>; path: Path; name: string; render?: (value: unknown) => ReactNode }) {
  const { t, label } = useLocale();
  const denied = withheldAt(answer.errors, path);
  const masked = answer.masked.find((m) => m.path.length === path.length && startsWith(m.path, path));
  const value = valueAt(answer.data, path);
  let shown: ReactNode;
  if (denied) {
    const rule = String(denied.extensions?.rule ?? denied.extensions?.reason ?? denied.extensions?.code ?? '');
    shown = (
      <span className="withheld" data-withheld={rule}>
        {t('withheld')}（{t('reason')}：{label('rule', rule)}）
      </span>
    );
  } else if (value == null) shown = <span className="none">{t('notRecorded')}</span>;
  else if (typeof value === 'boolean') shown = value ? t('yes') : t('no');
  else shown = render ? render(value) : String(value);
  return (
    <div className="record-field" data-path={path.join('.')}>
      <dt>{name}</dt>
      <dd>
        {shown}
        {masked && !denied && (
          <span className="masked" data-masked={masked.rule} title={label('rule', masked.rule)}>
            {' '}
            {t('masked')}
          </span>
        )}
      </dd>
    </div>
  );
}
